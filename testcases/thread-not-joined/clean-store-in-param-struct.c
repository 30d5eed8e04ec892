/* A server keeps its thread ids in the struct the caller passed; server_stop joins them later. */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct server {
    int port;
    int stopping;
    pthread_t acceptor;
    pthread_t workers[NWORKERS];
    int nworkers;
};

static void *accept_loop(void *arg) {
    struct server *srv = arg;
    printf("listening on %d\n", srv->port);
    return NULL;
}

static void *worker_loop(void *arg) {
    struct server *srv = arg;
    if (!srv->stopping)
        printf("worker on %d\n", srv->port);
    return NULL;
}

int server_start(struct server *srv) {
    pthread_t t;
    srv->nworkers = 0;
    if (pthread_create(&srv->acceptor, NULL, accept_loop, srv) != 0)
        return -1;
    for (int i = 0; i < NWORKERS; i++) {
        if (pthread_create(&t, NULL, worker_loop, srv) != 0)
            break;
        srv->workers[srv->nworkers++] = t;
    }
    return 0;
}

void server_stop(struct server *srv) {
    srv->stopping = 1;
    pthread_join(srv->acceptor, NULL);
    for (int i = 0; i < srv->nworkers; i++)
        pthread_join(srv->workers[i], NULL);
}

/*
 * check-name: ids stored into a struct reached from a parameter
 * check-description: server_start creates the acceptor directly into srv->acceptor and copies each worker's id
 *   from the local t into srv->workers[]: the ids outlive the function in the caller's object (a hand-off), and
 *   server_stop joins them. Returning 0 after a worker creation failure leaves nothing unjoined.
 */
