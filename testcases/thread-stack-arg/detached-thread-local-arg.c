/* A detached thread gets the address of a local of the function that creates it: the function returns while the
 * thread may still read it. */
#include <pthread.h>
#include <stdio.h>

struct conn_ctx {
    int fd;
    char peer[64];
};

static void *serve(void *arg) {
    struct conn_ctx *c = arg;
    printf("serving %s on fd %d\n", c->peer, c->fd);
    return NULL;
}

static void *listen_main(void *arg) {
    int *port = arg;
    printf("listening on %d\n", *port);
    return NULL;
}

int handle_client(int fd, const char *peer) {
    struct conn_ctx ctx;
    pthread_t t;
    ctx.fd = fd;
    snprintf(ctx.peer, sizeof ctx.peer, "%s", peer);
    if (pthread_create(&t, NULL, serve, &ctx) != 0) // expect: thread-stack-arg
        return -1;
    pthread_detach(t);
    return 0;
}

void start_listener(int base) {
    int port = base + 80;
    pthread_t t;
    if (pthread_create(&t, NULL, listen_main, &port) == 0) // expect: thread-stack-arg
        pthread_detach(t);
}

/*
 * check-name: detached thread reads a local of its creator
 * check-description: handle_client passes &ctx and start_listener &port to threads they detach, then return:
 *   the threads can run after the frame is gone and read a dead stack slot. Detached threads are not
 *   thread-not-joined findings, so only thread-stack-arg is expected.
 */
