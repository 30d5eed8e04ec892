/* Fixed version of copy-through-locals.c: the release goes through a copy. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int grep_first(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r");
    FILE *cur, *src;
    int rc = 0;
    if (!fp)
        return -1;
    cur = fp;
    src = cur;
    if (fgets(buf, n, src) == NULL)
        rc = -1;
    fclose(src);
    return rc;
}

int read_byte(const char *path) {
    unsigned char c;
    int rc;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int a = fd;
    int b = a;
    int c2 = b;
    rc = read(a, &c, 1) == 1 ? c : -1;
    close(c2);
    return rc;
}

/*
 * check-name: handle released through a copy
 * check-description: fclose(src) and close(c2) release the handles acquired into fp and fd: copies alias the
 *   same handle.
 */
