/* The address list from getaddrinfo leaks when no usable entry is found. */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

int resolve_first(const char *host, const char *port, struct sockaddr_storage *out, socklen_t *outlen) {
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) // expect: handle-leak
        return -1;
    if (res->ai_addrlen > sizeof *out)
        return -1;
    memcpy(out, res->ai_addr, res->ai_addrlen);
    *outlen = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

/*
 * check-name: getaddrinfo list not freed on an error path
 * check-description: a non-zero getaddrinfo result means no list was produced; after success the oversized
 *   address path returns without freeaddrinfo(res).
 */
