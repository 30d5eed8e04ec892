/* Detached threads whose argument is heap memory that the thread frees. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conn_ctx {
    int fd;
    char peer[64];
};

static void *serve(void *arg) {
    struct conn_ctx *c = arg;
    printf("serving %s on fd %d\n", c->peer, c->fd);
    free(c);
    return NULL;
}

int handle_client(int fd, const char *peer) {
    pthread_t t;
    struct conn_ctx *ctx = malloc(sizeof *ctx);
    if (ctx == NULL)
        return -1;
    ctx->fd = fd;
    snprintf(ctx->peer, sizeof ctx->peer, "%s", peer);
    if (pthread_create(&t, NULL, serve, ctx) != 0) {
        free(ctx);
        return -1;
    }
    pthread_detach(t);
    return 0;
}

static void *print_line(void *arg) {
    char *line = arg;
    puts(line);
    free(line);
    return NULL;
}

void print_async(const char *text) {
    pthread_t t;
    char *copy = strdup(text);
    if (copy == NULL)
        return;
    if (pthread_create(&t, NULL, print_line, copy) != 0) {
        free(copy);
        return;
    }
    pthread_detach(t);
}

/*
 * check-name: heap memory as the thread argument
 * check-description: fixed look-alike of detached-thread-local-arg.c: the context and the copied line are
 *   allocated (malloc, strdup) and freed by the thread, so they outlive the creating function.
 */
