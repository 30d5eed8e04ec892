/* A server loop: waiting in accept() for the next client is what a server does, but a client that connects and
 * sends nothing must not pin the loop. */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void serve(uint16_t port, int (*handle)(const char *, ssize_t)) {
    char req[1024];
    struct sockaddr_in6 addr;
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
        ssize_t n = read(c, req, sizeof req); // expect: missing-timeout
        if (n > 0 && handle(req, n) < 0) {
            close(c);
            break;
        }
        close(c);
    }
    close(lfd);
}

/*
 * check-name: accept loop reading each client without a timeout
 * check-description: the accept in the loop is not reported (a server waits for its next client by design); the
 *   read on each accepted socket has no SO_RCVTIMEO and is reported.
 */
