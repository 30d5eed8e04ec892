/* Fixed look-alike of wrapper-spawn-local-arg.c: the thread started through the wrapper is joined. */
#include <pthread.h>
#include <stdio.h>

struct batch {
    int first;
    int count;
    long done;
};

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    return pthread_create(t, NULL, fn, arg);
}

void join_worker(pthread_t t) {
    pthread_join(t, NULL);
}

static void *process_batch(void *arg) {
    struct batch *b = arg;
    b->done = b->count;
    return NULL;
}

long run_batch(int first, int count) {
    struct batch b = {first, count, 0};
    pthread_t t;
    if (spawn_worker(&t, process_batch, &b) != 0)
        return -1;
    join_worker(t);
    printf("batch %d done\n", first);
    return b.done;
}

long run_batch_direct(int first, int count) {
    struct batch b = {first, count, 0};
    pthread_t t;
    int rc = spawn_worker(&t, process_batch, &b);
    if (rc != 0)
        return -rc;
    pthread_join(t, NULL);
    return b.done;
}

/*
 * check-name: creation wrapper with a stack argument, joined
 * check-description: run_batch joins through join_worker and run_batch_direct with pthread_join before
 *   returning; the only other returns are the wrapper's failure results. b outlives the thread.
 */
