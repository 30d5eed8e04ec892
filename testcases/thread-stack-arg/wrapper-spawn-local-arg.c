/* The address of a local passed through a creation wrapper; the thread is then detached or not joined. */
#include <pthread.h>
#include <stdio.h>

struct batch {
    int first;
    int count;
};

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    return pthread_create(t, NULL, fn, arg);
}

static void *process_batch(void *arg) {
    struct batch *b = arg;
    printf("batch %d..%d\n", b->first, b->first + b->count);
    return NULL;
}

int queue_batch(int first, int count) {
    struct batch b = {first, count};
    pthread_t t;
    if (spawn_worker(&t, process_batch, &b) != 0) // expect: thread-stack-arg
        return -1;
    pthread_detach(t);
    return 0;
}

int queue_batch_nowait(int first, int count) {
    struct batch b = {first, count};
    pthread_t t;
    int rc = spawn_worker(&t, process_batch, &b); // expect: thread-not-joined, thread-stack-arg
    return rc;
}

/*
 * check-name: creation wrapper given the address of a local
 * check-description: spawn_worker forwards its arg to pthread_create and the id through t (no finding in it:
 *   arg is its caller's pointer). queue_batch detaches the thread it got with &b (thread-stack-arg only);
 *   queue_batch_nowait neither joins nor detaches it (both rules). Both findings are on the wrapper calls.
 */
