/* Fixed version of socket-accepted-fd-recv.c: the accepted connection gets its own receive timeout. */
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
    setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    n = recv(conn, buf, len, 0);
    close(conn);
    return (int)n;
}

/*
 * check-name: accepted socket with its own SO_RCVTIMEO
 * check-description: both the listener (for accept) and the accepted socket (for recv) have SO_RCVTIMEO.
 */
