/* A TLS client with a reader thread and a writer thread on one global SSL object: OpenSSL does not allow one
 * SSL connection to be used from two threads at the same time. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../include/openssl/ssl.h"

static SSL *g_tls;

static void *reader(void *arg) {
    char buf[4096];
    int n;
    (void)arg;
    while ((n = SSL_read(g_tls, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, stdout);
    return NULL;
}

static void *writer(void *arg) {
    char line[1024];
    (void)arg;
    while (fgets(line, sizeof line, stdin) != NULL)
        if (SSL_write(g_tls, line, (int)strlen(line)) <= 0)
            break;
    return NULL;
}

int run_session(SSL_CTX *ctx, int fd) {
    pthread_t rd, wr;
    g_tls = SSL_new(ctx);
    if (g_tls == NULL)
        return -1;
    if (SSL_set_fd(g_tls, fd) != 1 || SSL_connect(g_tls) != 1) {
        SSL_free(g_tls);
        return -1;
    }
    pthread_create(&rd, NULL, reader, NULL);
    pthread_create(&wr, NULL, writer, NULL); // expect: shared-session
    pthread_join(wr, NULL);
    pthread_join(rd, NULL);
    SSL_shutdown(g_tls);
    SSL_free(g_tls);
    return 0;
}

/*
 * check-name: global SSL connection used by a reader and a writer thread
 * check-description: reader calls SSL_read and writer SSL_write on the global g_tls with no lock; the second
 *   creation starts a thread on the connection the first one is using.
 */
