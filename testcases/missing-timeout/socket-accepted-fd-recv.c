/* SO_RCVTIMEO on the listening socket bounds accept(), but the accepted connection is a new socket with its own
 * (default, infinite) timeouts. */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int read_one_request(uint16_t port, char *buf, size_t len) {
    struct sockaddr_in addr;
    struct timeval tv = {.tv_sec = 30};
    ssize_t n;
    int conn;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
        return -1;
    setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1) < 0) {
        close(lfd);
        return -1;
    }
    conn = accept(lfd, NULL, NULL);
    close(lfd);
    if (conn < 0)
        return -1;
    n = recv(conn, buf, len, 0); // expect: missing-timeout
    close(conn);
    return (int)n;
}

/*
 * check-name: recv on an accepted socket without its own SO_RCVTIMEO
 * check-description: accept is bounded by the listener's SO_RCVTIMEO; the accepted descriptor is a blocking socket
 *   with no timeout of its own, so the recv on it is reported.
 */
