#include "spawn.h"

#include <stdio.h>
#include <string.h>

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    int rc = pthread_create(t, NULL, fn, arg);
    if (rc != 0)
        fprintf(stderr, "spawn_worker: %s\n", strerror(rc));
    return rc;
}

void join_worker(pthread_t t) {
    pthread_join(t, NULL);
}
