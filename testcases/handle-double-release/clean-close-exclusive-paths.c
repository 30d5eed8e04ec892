/* Releases on mutually exclusive paths, and an error branch that returns after closing. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int write_all(const char *path, const char *buf, size_t len) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    if (write(fd, buf, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int either(const char *path, int fast) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    if (fast)
        fclose(fp);
    else {
        fgetc(fp);
        fclose(fp);
    }
    return 0;
}

int by_kind(const char *path, int kind) {
    DIR *d = opendir(path);
    if (!d)
        return -1;
    switch (kind) {
    case 0:
        closedir(d);
        return 0;
    case 1:
        readdir(d);
        closedir(d);
        break;
    default:
        closedir(d);
        break;
    }
    return 1;
}

/*
 * check-name: releases on exclusive paths
 * check-description: each path releases the handle exactly once: the error branch returns after close, the
 *   if/else and the switch cases each close on their own path.
 */
