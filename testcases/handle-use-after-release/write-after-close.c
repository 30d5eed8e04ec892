/* Descriptors used after close: write, read, send and recv. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int log_and_close(int fd, const char *msg, size_t len) {
    close(fd);
    return write(fd, msg, len) < 0 ? -1 : 0; // expect: handle-use-after-release
}

ssize_t read_config(const char *path, char *buf, size_t n) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, n);
    close(fd);
    if (got == 0)
        got = read(fd, buf, n); // expect: handle-use-after-release
    return got;
}

int reply(int listen_fd, const char *msg, size_t len) {
    char ack;
    int c = accept(listen_fd, NULL, NULL);
    if (c < 0)
        return -1;
    send(c, msg, len, MSG_NOSIGNAL);
    close(c);
    return recv(c, &ack, 1, MSG_DONTWAIT) == 1 ? 0 : -1; // expect: handle-use-after-release
}

/*
 * check-name: descriptor used after close
 * check-description: log_and_close writes to its parameter after closing it; read_config retries a read on a
 *   descriptor it already closed; reply receives on a socket it closed.
 */
