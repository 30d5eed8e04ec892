#include "spawn.h"

#include <stdio.h>
#include <string.h>

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    return pthread_create(t, NULL, fn, arg);
}

void join_worker(pthread_t t) {
    int rc = pthread_join(t, NULL);
    if (rc != 0)
        fprintf(stderr, "join: %s\n", strerror(rc));
}
