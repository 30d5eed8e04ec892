/* The variable is released, then acquired again, then released: two handles, one release each. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int rotate(const char *path, const char *old) {
    FILE *fp = fopen(path, "a");
    if (!fp)
        return -1;
    fputs("rotating\n", fp);
    fclose(fp);
    if (rename(path, old) != 0)
        return -1;
    fp = fopen(path, "w");
    if (!fp)
        return -1;
    fclose(fp);
    return 0;
}

int reopen_fd(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    close(fd);
    fd = open(path, O_RDWR);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

/*
 * check-name: release, re-acquire into the same variable, release
 * check-description: the second fclose/close releases a new handle, not the first one again.
 */
