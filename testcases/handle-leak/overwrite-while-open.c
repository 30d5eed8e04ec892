/* The only variable holding an open handle is overwritten. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int merge(const char *a, const char *b, char *buf, int n) {
    FILE *fp = fopen(a, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    fgets(buf, n, fp);
    fp = fopen(b, "r");
    if (!fp)
        return -1;
    fgets(buf, n, fp);
    fclose(fp);
    return 0;
}

int reopen_fd(const char *path) {
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    fd = open(path, O_RDWR);
    if (fd < 0)
        return -1;
    return close(fd);
}

void forget(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return;
    fp = NULL;
    if (fp)
        fclose(fp);
}

/*
 * check-name: open handle overwritten
 * check-description: merge and reopen_fd assign a second acquisition to the variable holding the first one,
 *   which is still open; forget clears it without closing. The findings are on the first acquisition.
 */
