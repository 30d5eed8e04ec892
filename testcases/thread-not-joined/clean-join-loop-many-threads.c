/* A pool larger than the engine's loop-widening threshold: 24 threads created into a local array, joined in a
 * later loop, each creation checked with an assert-like macro. */
#include <pthread.h>
#include <stdlib.h>

#define NWORKERS 24
#define CHECK(x)                                                                                                       \
    do {                                                                                                               \
        if ((x) != 0)                                                                                                  \
            abort();                                                                                                   \
    } while (0)

static void *worker(void *arg) {
    return arg;
}

int run_pool(void) {
    pthread_t tids[NWORKERS];
    int i;
    for (i = 0; i < NWORKERS; i++)
        CHECK(pthread_create(&tids[i], NULL, worker, NULL));
    for (i = 0; i < NWORKERS; i++)
        CHECK(pthread_join(tids[i], NULL));
    return 0;
}

int run_pool_early_exit(int stop_early) {
    pthread_t tids[NWORKERS];
    int i;
    for (i = 0; i < NWORKERS; i++)
        CHECK(pthread_create(&tids[i], NULL, worker, NULL)); // expect: thread-not-joined
    if (stop_early)
        return -1;
    for (i = 0; i < NWORKERS; i++)
        CHECK(pthread_join(tids[i], NULL));
    return 0;
}

/*
 * check-name: join loop over more threads than the widening threshold
 * check-description: run_pool joins every thread it created; with 24 iterations the loops are widened, and the
 *   array holder must still name each created thread once so that entering the join loop joins them all (libuv's
 *   test-signal-multiple-loops once drew a false alarm here). run_pool_early_exit returns between the loops.
 */
