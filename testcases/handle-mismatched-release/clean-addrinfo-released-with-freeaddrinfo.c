/* Fixed version of addrinfo-released-with-free.c. */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int family_of(const char *host) {
    struct addrinfo hints, *res;
    int family;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0)
        return -1;
    family = res->ai_family;
    freeaddrinfo(res);
    return family;
}

/*
 * check-name: addrinfo list released with freeaddrinfo
 * check-description: the list from getaddrinfo is released by freeaddrinfo.
 */
