/* The creator waits on the object it lent until the thread signals it is done with it (a start-up handshake). */
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>

static pthread_t workers[4];

static void *worker(void *arg) {
    sem_t *started = arg;
    sem_post(started);
    return NULL;
}

void start_workers(void) {
    sem_t started;
    sem_init(&started, 0, 0);
    for (int i = 0; i < 4; i++)
        pthread_create(&workers[i], NULL, worker, &started);
    for (int i = 0; i < 4; i++)
        sem_wait(&started);
    sem_destroy(&started);
}

/*
 * check-name: start-up handshake on the lent object
 * check-description: the threads only use the semaphore to say they started, and start_workers waits on it
 *   (sem_wait(&started)) before returning. The analysis cannot see the synchronisation; handing the whole lent
 *   object to a later call is taken as waiting on it (libuv's init_threads). The ids are in a global: not
 *   thread-not-joined either.
 */
