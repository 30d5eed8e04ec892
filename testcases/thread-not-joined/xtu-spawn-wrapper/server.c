#include <stdio.h>

#include "spawn.h"

struct listener {
    int port;
    int accepted;
};

static void *accept_main(void *arg) {
    struct listener *l = arg;
    printf("accepting on %d\n", l->port);
    l->accepted++;
    return NULL;
}

int start_listener(struct listener *l) {
    pthread_t t;
    if (spawn_worker(&t, accept_main, l) != 0) // expect: thread-not-joined
        return -1;
    printf("listener started on %d\n", l->port);
    return 0;
}

int accept_batch(struct listener *a, struct listener *b) {
    pthread_t ta, tb;
    if (spawn_worker(&ta, accept_main, a) != 0)
        return -1;
    if (spawn_worker(&tb, accept_main, b) != 0) {
        join_worker(ta);
        return -1;
    }
    join_worker(ta);
    join_worker(tb);
    return a->accepted + b->accepted;
}
