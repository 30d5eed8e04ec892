#ifndef WORKERS_H
#define WORKERS_H

#include <pthread.h>

/* Prints which thread runs what; does not join or detach t. */
void log_thread(const char *what, pthread_t t);

/* Joins t when wait is set, detaches it otherwise: t is finished with either way. */
void release_worker(pthread_t t, int wait);

#endif
