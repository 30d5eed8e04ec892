/* spawn_worker stores the new thread's id through its out-parameter and returns pthread_create's result: a
 * creation wrapper. Callers that never join what it started are reported at their call to it. */
#include <pthread.h>
#include <stddef.h>

struct cache {
    size_t size;
    int dirty;
};

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    return pthread_create(t, NULL, fn, arg);
}

static void *flush_loop(void *arg) {
    struct cache *c = arg;
    c->dirty = 0;
    return NULL;
}

static void *preload(void *arg) {
    struct cache *c = arg;
    c->size = 1024;
    return NULL;
}

int start_flusher(struct cache *c) {
    pthread_t t;
    if (spawn_worker(&t, flush_loop, c) != 0) // expect: thread-not-joined
        return -1;
    return 0;
}

int warm_cache(struct cache *c, int wait) {
    pthread_t t;
    if (spawn_worker(&t, preload, c) != 0) // expect: thread-not-joined
        return -1;
    if (!wait)
        return 0;
    pthread_join(t, NULL);
    return 0;
}

/*
 * check-name: out-parameter creation wrapper, caller does not join
 * check-description: spawn_worker hands the id to its caller through t (no finding in it); its result says
 *   whether a thread was created. start_flusher drops the id on success; warm_cache joins only when wait is
 *   set. Both findings are on the calls to spawn_worker.
 */
