/* A getaddrinfo list released with free() instead of freeaddrinfo(). */
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
    free(res); // expect: handle-mismatched-release
    return family;
}

/*
 * check-name: addrinfo list released with free
 * check-description: free releases only the first node (and not the addresses and names it points to); the list
 *   needs freeaddrinfo. Assumes free is modelled as the release of the (non-reported) memory kind.
 */
