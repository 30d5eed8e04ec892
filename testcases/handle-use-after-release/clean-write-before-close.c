/* Fixed version of write-after-close.c. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int log_and_close(int fd, const char *msg, size_t len) {
    int rc = write(fd, msg, len) < 0 ? -1 : 0;
    close(fd);
    return rc;
}

ssize_t read_config(const char *path, char *buf, size_t n) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, n);
    if (got == 0)
        got = read(fd, buf, n);
    close(fd);
    return got;
}

int reply(int listen_fd, const char *msg, size_t len) {
    char ack;
    int rc;
    int c = accept(listen_fd, NULL, NULL);
    if (c < 0)
        return -1;
    send(c, msg, len, MSG_NOSIGNAL);
    rc = recv(c, &ack, 1, MSG_DONTWAIT) == 1 ? 0 : -1;
    close(c);
    return rc;
}

/*
 * check-name: descriptor used before close
 * check-description: every read, write, send and recv comes before the close of its descriptor.
 */
