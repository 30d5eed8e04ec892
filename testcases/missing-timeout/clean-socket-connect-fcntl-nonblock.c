/* An event-driven client: the socket is switched to non-blocking mode with fcntl before connecting, and the
 * connection completes later in the caller's event loop. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
    int connecting;
};

int conn_start(struct conn *c, const struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        close(fd);
        return -1;
    }
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    c->fd = fd;
    c->connecting = 1;
    return 0;
}

/*
 * check-name: connect on a socket made non-blocking with fcntl
 * check-description: fcntl(fd, F_SETFL, flags | O_NONBLOCK) makes connect return EINPROGRESS at once: no finding.
 *   The descriptor is stored in the caller's struct.
 */
