/* Fixed version of socket-bind-fails.c: a cleanup label closes the socket on every error path. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen_on(uint16_t port) {
    struct sockaddr_in addr;
    int one = 1;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0)
        goto fail;
    if (listen(s, 16) < 0)
        goto fail;
    return s;
fail:
    close(s);
    return -1;
}

/*
 * check-name: socket closed on every error path
 * check-description: bind and listen failures jump to fail, which closes the socket; success returns it to the
 *   caller, which makes listen_on an acquire wrapper, not a leak.
 */
