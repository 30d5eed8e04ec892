#ifndef POOL_H
#define POOL_H

#include <pthread.h>

#define POOL_MAX 16

struct pool {
    pthread_t threads[POOL_MAX];
    int count;
    int stopping;
};

/* Takes over t: it is joined by pool_join_all. Returns -1 (and joins t itself) when the pool is full. */
int pool_adopt(struct pool *p, pthread_t t);

/* Joins every adopted thread. */
void pool_join_all(struct pool *p);

#endif
