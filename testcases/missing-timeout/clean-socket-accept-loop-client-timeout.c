/* Fixed version of socket-accept-loop-client-recv.c: every accepted client gets a receive timeout. */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

void serve(uint16_t port, int (*handle)(const char *, ssize_t)) {
    char req[1024];
    struct sockaddr_in6 addr;
    struct timeval tv = {.tv_sec = 10};
    int lfd = socket(AF_INET6, SOCK_STREAM, 0);
    if (lfd < 0)
        return;
    memset(&addr, 0, sizeof addr);
    addr.sin6_family = AF_INET6;
    addr.sin6_port = htons(port);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 64) < 0) {
        close(lfd);
        return;
    }
    for (;;) {
        int c = accept(lfd, NULL, NULL);
        if (c < 0)
            continue;
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ssize_t n = read(c, req, sizeof req);
        if (n > 0 && handle(req, n) < 0) {
            close(c);
            break;
        }
        close(c);
    }
    close(lfd);
}

/*
 * check-name: accept loop with a receive timeout per client
 * check-description: the loop's accept waits for clients by design; each client's read is bounded by SO_RCVTIMEO.
 */
