/* The thread id is handed off (stored in the caller's struct, joined later), but the argument is a local of the
 * creating function: by the time anyone joins, the frame is gone. */
#include <pthread.h>
#include <stdio.h>

struct options {
    int port;
    int backlog;
};

struct server {
    pthread_t acceptor;
    pthread_t janitor;
    int running;
};

static void *accept_main(void *arg) {
    const struct options *o = arg;
    printf("port %d backlog %d\n", o->port, o->backlog);
    return NULL;
}

static void *janitor_main(void *arg) {
    int *interval = arg;
    printf("cleanup every %d s\n", *interval);
    return NULL;
}

int server_start(struct server *srv, int port) {
    struct options opts = {port, 128};
    int interval = 30;
    pthread_t t;
    if (pthread_create(&srv->acceptor, NULL, accept_main, &opts) != 0) // expect: thread-stack-arg
        return -1;
    if (pthread_create(&t, NULL, janitor_main, &interval) != 0) // expect: thread-stack-arg
        return -1;
    srv->janitor = t;
    srv->running = 1;
    return 0;
}

void server_stop(struct server *srv) {
    pthread_join(srv->acceptor, NULL);
    pthread_join(srv->janitor, NULL);
    srv->running = 0;
}

/*
 * check-name: id handed off, argument on the stack
 * check-description: server_start creates the acceptor straight into srv->acceptor and copies the janitor's id
 *   into srv->janitor: both ids outlive the function (no thread-not-joined), but server_stop joins them only
 *   after server_start's frame, holding opts and interval, is gone.
 */
