/* __attribute__((cleanup(f))) releases the handle at scope end, on every path out of the scope. */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>

static void fclosep(FILE **f) {
    if (*f)
        fclose(*f);
}

static void closep(int *fd) {
    if (*fd >= 0)
        close(*fd);
}

#define _cleanup_fclose_ __attribute__((cleanup(fclosep)))

int write_header(const char *path) {
    FILE *fp __attribute__((cleanup(fclosep))) = fopen(path, "w");
    if (!fp)
        return -1;
    if (fputs("# header\n", fp) < 0)
        return -1;
    return 0;
}

int first_byte(const char *path) {
    int fd __attribute__((cleanup(closep))) = open(path, O_RDONLY);
    unsigned char c;
    if (fd < 0)
        return -1;
    if (read(fd, &c, 1) != 1)
        return -1;
    return c;
}

int nested_scope(const char *path, char *buf, int n) {
    {
        _cleanup_fclose_ FILE *fp = fopen(path, "r");
        if (fp == NULL)
            return -1;
        if (!fgets(buf, n, fp))
            return 0;
    }
    return 1;
}

/*
 * check-name: cleanup attribute that closes
 * check-description: fclosep and closep run with the variable's address at every exit from its scope (returns
 *   inside the scope and the end of the block), and release the handle it holds. The macro spelling is the
 *   systemd style.
 */
