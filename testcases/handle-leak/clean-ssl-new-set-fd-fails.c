/* Fixed version of ssl-new-set-fd-fails.c. */
#include <stddef.h>

#include "../include/openssl/ssl.h"

SSL *tls_wrap(SSL_CTX *ctx, int fd) {
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL)
        return NULL;
    if (SSL_set_fd(ssl, fd) != 1) {
        SSL_free(ssl);
        return NULL;
    }
    return ssl;
}

/*
 * check-name: SSL object freed when SSL_set_fd fails
 * check-description: the failure path frees the object; success returns it.
 */
