/* A listening socket leaks when bind() fails. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen_on(uint16_t port) {
    struct sockaddr_in addr;
    int one = 1;
    int s = socket(AF_INET, SOCK_STREAM, 0); // expect: handle-leak
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0)
        return -1;
    if (listen(s, 16) < 0) {
        close(s);
        return -1;
    }
    return s;
}

/*
 * check-name: socket not closed when bind fails
 * check-description: listen_on closes the socket when listen fails and returns it on success (an acquire
 *   wrapper), but the bind failure path returns -1 with the socket still open. setsockopt and bind are
 *   system-header functions, so passing s to them does not hand it off.
 */
