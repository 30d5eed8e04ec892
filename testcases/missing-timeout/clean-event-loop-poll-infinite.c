/* A single-threaded server: every socket is non-blocking and the loop sleeps in poll(-1) until something happens.
 * Waiting forever for the next event is the design, not a missing timeout. */
#define _GNU_SOURCE /* accept4 */
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 63

int run_server(uint16_t port, volatile int *stop) {
    struct pollfd pfd[MAX_CLIENTS + 1];
    int clients[MAX_CLIENTS];
    struct sockaddr_in addr;
    char buf[4096];
    int nclients = 0;
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (lfd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 64) < 0) {
        close(lfd);
        return -1;
    }
    while (!*stop) {
        pfd[0].fd = lfd;
        pfd[0].events = POLLIN;
        for (int i = 0; i < nclients; i++) {
            pfd[i + 1].fd = clients[i];
            pfd[i + 1].events = POLLIN;
        }
        if (poll(pfd, (nfds_t)nclients + 1, -1) < 0)
            break;
        for (int i = nclients - 1; i >= 0; i--) {
            if (!(pfd[i + 1].revents & (POLLIN | POLLHUP)))
                continue;
            ssize_t n = recv(clients[i], buf, sizeof buf, 0);
            if (n > 0) {
                send(clients[i], buf, (size_t)n, MSG_NOSIGNAL);
            } else {
                close(clients[i]);
                clients[i] = clients[--nclients];
            }
        }
        if ((pfd[0].revents & POLLIN) && nclients < MAX_CLIENTS) {
            int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (c >= 0)
                clients[nclients++] = c;
        }
    }
    for (int i = 0; i < nclients; i++)
        close(clients[i]);
    close(lfd);
    return 0;
}

/*
 * check-name: event loop sleeping in poll(-1) on non-blocking sockets
 * check-description: the infinite poll is the loop's idle wait and is never reported; the listening socket
 *   (SOCK_NONBLOCK) and the accepted ones (accept4 with SOCK_NONBLOCK) are non-blocking, so accept4 and recv are
 *   bounded.
 */
