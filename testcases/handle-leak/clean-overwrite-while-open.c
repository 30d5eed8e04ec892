/* Fixed version of overwrite-while-open.c: the handle is released (or kept elsewhere) before the overwrite. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int merge(const char *a, const char *b, char *buf, int n) {
    FILE *fp = fopen(a, "r");
    if (!fp)
        return -1;
    fgets(buf, n, fp);
    fclose(fp);
    fp = fopen(b, "r");
    if (!fp)
        return -1;
    fgets(buf, n, fp);
    fclose(fp);
    return 0;
}

int reopen_fd(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int first = fd;
    fd = open(path, O_RDWR);
    close(first);
    if (fd < 0)
        return -1;
    return close(fd);
}

int retry_open(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        fp = fopen("/etc/default.conf", "r");
    if (fp == NULL)
        return -1;
    fclose(fp);
    return 0;
}

/*
 * check-name: variable reused after its handle was released or copied
 * check-description: merge closes before reopening; reopen_fd keeps the first descriptor in first (the copy still
 *   reaches it) and closes it; retry_open overwrites fp only on the path where the first fopen returned NULL.
 */
