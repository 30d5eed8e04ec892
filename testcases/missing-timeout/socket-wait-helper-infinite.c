/* Look-alike of clean-socket-wait-helper.c whose helper waits forever: it guards nothing. */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int wait_readable(int fd) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, -1) == 1 && (p.revents & POLLIN);
}

int read_greeting(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 5};
    ssize_t n = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0 && wait_readable(fd))
        n = recv(fd, buf, len, 0); // expect: missing-timeout
    close(fd);
    return (int)n;
}

/*
 * check-name: recv after a helper that polls without a timeout
 * check-description: wait_readable polls with -1 (infinite), so calling it does not guard read_greeting: the recv
 *   on the blocking socket is reported. The poll itself is not.
 */
