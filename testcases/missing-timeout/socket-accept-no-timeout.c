/* Waiting for one callback connection (an OAuth redirect, a data channel): if the peer never comes, accept()
 * blocks forever. */
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int wait_for_callback(uint16_t port) {
    struct sockaddr_in addr;
    int conn;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1) < 0) {
        close(lfd);
        return -1;
    }
    conn = accept(lfd, NULL, NULL); // expect: missing-timeout
    close(lfd);
    return conn;
}

/*
 * check-name: single accept without a timeout
 * check-description: the listening socket is created here, blocking, without SO_RCVTIMEO, and the accept is not in
 *   a server loop (where waiting for the next client is the point): reported. The accepted descriptor is returned.
 */
