/* Fixed version of socket-accept-no-timeout.c: SO_RCVTIMEO on the listening socket bounds accept(). */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int wait_for_callback(uint16_t port) {
    struct sockaddr_in addr;
    struct timeval tv = {.tv_sec = 120};
    int conn;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
        return -1;
    setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1) < 0) {
        close(lfd);
        return -1;
    }
    conn = accept(lfd, NULL, NULL); /* -1 with EAGAIN after two minutes */
    close(lfd);
    return conn;
}

/*
 * check-name: accept bounded by SO_RCVTIMEO on the listening socket
 * check-description: SO_RCVTIMEO on the listening socket makes accept fail with EAGAIN when no client comes.
 */
