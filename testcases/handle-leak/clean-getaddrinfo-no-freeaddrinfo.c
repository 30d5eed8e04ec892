/* Fixed version of getaddrinfo-no-freeaddrinfo.c: the list is walked and freed once. */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

int resolve_first(const char *host, const char *port, struct sockaddr_storage *out, socklen_t *outlen) {
    struct addrinfo hints, *res, *ai;
    int rc = -1;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int err = getaddrinfo(host, port, &hints, &res);
    if (err != 0)
        return -1;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        if (ai->ai_addrlen <= sizeof *out) {
            memcpy(out, ai->ai_addr, ai->ai_addrlen);
            *outlen = ai->ai_addrlen;
            rc = 0;
            break;
        }
    }
    freeaddrinfo(res);
    return rc;
}

/*
 * check-name: getaddrinfo list freed after the walk
 * check-description: the error code saved in err is the failure check; the loop only reads through ai, and
 *   freeaddrinfo(res) runs on every path after a successful lookup.
 */
