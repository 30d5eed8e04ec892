/* Fixed version of open-fd-early-return.c. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read_prefix(const char *path, char *buf, size_t n) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, n);
    close(fd);
    return got;
}

int write_pidfile(const char *path, const char *pid, size_t len) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd == -1)
        return -1;
    if (write(fd, pid, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    return close(fd);
}

long file_size(const char *path) {
    struct stat st;
    long size = -1;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        goto out;
    if (fstat(fd, &st) == 0)
        size = (long)st.st_size;
    close(fd);
out:
    return size;
}

/*
 * check-name: open() descriptor closed on every path
 * check-description: fd < 0 and fd == -1 are the failure paths of open; every other path closes the descriptor.
 */
