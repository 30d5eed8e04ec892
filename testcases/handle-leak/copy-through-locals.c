/* The handle is copied through several locals; the copies are dropped without a release on some path. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int grep_first(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    FILE *cur, *src;
    if (!fp)
        return -1;
    cur = fp;
    src = cur;
    if (fgets(buf, n, src) == NULL)
        return -1;
    fclose(cur);
    return 0;
}

int read_byte(const char *path) {
    unsigned char c;
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    int a = fd;
    int b = a;
    int c2 = b;
    if (read(c2, &c, 1) != 1)
        return -1;
    close(a);
    return c;
}

/*
 * check-name: handle copied through locals and leaked
 * check-description: fp is copied to cur and src, fd to a, b and c2; the read-failure paths return without
 *   releasing any of the copies.
 */
