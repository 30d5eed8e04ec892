#ifndef SPAWN_H
#define SPAWN_H

#include <pthread.h>

/* Starts fn(arg) in a new joinable thread; 0 and *t set on success, an error number otherwise. */
int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg);

/* Joins t. */
void join_worker(pthread_t t);

#endif
