/* An SSL object leaks when attaching the socket fails. */
#include <stddef.h>

#include "../include/openssl/ssl.h"

SSL *tls_wrap(SSL_CTX *ctx, int fd) {
    SSL *ssl = SSL_new(ctx); // expect: handle-leak
    if (ssl == NULL)
        return NULL;
    if (SSL_set_fd(ssl, fd) != 1)
        return NULL;
    return ssl;
}

/*
 * check-name: SSL object not freed when SSL_set_fd fails
 * check-description: the SSL_set_fd failure path returns NULL without SSL_free. ctx and fd are parameters and
 *   are not tracked.
 */
