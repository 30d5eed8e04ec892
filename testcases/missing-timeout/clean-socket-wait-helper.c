/* The finite wait lives in a project helper: calling it guards the caller's socket reads. */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int wait_readable(int fd, int timeout_ms) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

int read_greeting(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 5};
    ssize_t n = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0 && wait_readable(fd, 3000))
        n = recv(fd, buf, len, 0);
    close(fd);
    return (int)n;
}

/*
 * check-name: recv guarded by a helper that polls with a timeout
 * check-description: read_greeting calls wait_readable, a project function that contains a poll with a finite
 *   timeout (a parameter, not a negative constant): read_greeting has no socket finding.
 */
