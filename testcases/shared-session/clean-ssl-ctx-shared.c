/* Fixed version of global-ssl-reader-writer.c's design: the threads share only the SSL_CTX, which OpenSSL makes
 * safe to use from several threads, and each connection thread creates its own SSL object on its own socket. */
#include <pthread.h>
#include <stdio.h>

#include "../include/openssl/ssl.h"

#define NCONNS 4

static SSL_CTX *g_ctx;

static void *serve_one(void *arg) {
    int fd = *(const int *)arg;
    char buf[4096];
    int n;
    SSL *ssl = SSL_new(g_ctx);
    if (ssl == NULL)
        return NULL;
    if (SSL_set_fd(ssl, fd) == 1 && SSL_accept(ssl) == 1) {
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0)
            if (SSL_write(ssl, buf, n) <= 0)
                break;
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    return NULL;
}

int serve_batch(const int fds[NCONNS]) {
    pthread_t tids[NCONNS];
    int i;
    g_ctx = SSL_CTX_new(TLS_server_method());
    if (g_ctx == NULL)
        return -1;
    for (i = 0; i < NCONNS; i++)
        pthread_create(&tids[i], NULL, serve_one, (void *)&fds[i]);
    for (i = 0; i < NCONNS; i++)
        pthread_join(tids[i], NULL);
    SSL_CTX_free(g_ctx);
    g_ctx = NULL;
    return 0;
}

/*
 * check-name: SSL_CTX shared, one SSL object per thread
 * check-description: every thread calls SSL_new on the global g_ctx (not a session kind) and uses only the SSL
 *   it created; no SSL object is seen by two threads.
 */
