/* A descriptor from open() leaks when a later step fails. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read_prefix(const char *path, char *buf, size_t n) {
    int fd = open(path, O_RDONLY | O_CLOEXEC); // expect: handle-leak
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, n);
    if (got < 0)
        return -1;
    close(fd);
    return got;
}

int write_pidfile(const char *path, const char *pid, size_t len) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644); // expect: handle-leak
    if (fd == -1)
        return -1;
    if (write(fd, pid, len) != (ssize_t)len)
        return -1;
    return close(fd);
}

long file_size(const char *path) {
    struct stat st;
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0)
        return -1;
    close(fd);
    return (long)st.st_size;
}

/*
 * check-name: open() descriptor not closed on an error path
 * check-description: read_prefix returns when read fails, write_pidfile when the write is short, file_size when
 *   fstat fails; the descriptor is still open each time. fstat is a system-header function: passing the fd to it
 *   does not hand it off.
 */
