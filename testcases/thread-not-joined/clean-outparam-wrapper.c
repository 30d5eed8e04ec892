/* Fixed look-alike of outparam-wrapper-not-joined.c: callers of the creation wrapper join what it started. */
#include <pthread.h>
#include <stddef.h>

struct cache {
    size_t size;
    int dirty;
};

int spawn_worker(pthread_t *t, void *(*fn)(void *), void *arg) {
    return pthread_create(t, NULL, fn, arg);
}

static void *flush_once(void *arg) {
    struct cache *c = arg;
    c->dirty = 0;
    return NULL;
}

static void *preload(void *arg) {
    struct cache *c = arg;
    c->size = 1024;
    return NULL;
}

int flush_cache(struct cache *c) {
    pthread_t t;
    if (spawn_worker(&t, flush_once, c) != 0)
        return -1;
    return pthread_join(t, NULL);
}

int warm_cache(struct cache *c) {
    pthread_t t;
    int rc = spawn_worker(&t, preload, c);
    if (rc != 0)
        return rc;
    pthread_join(t, NULL);
    return c->size > 0 ? 0 : -1;
}

/*
 * check-name: out-parameter creation wrapper, caller joins
 * check-description: spawn_worker stores the id through t and returns pthread_create's result; both callers
 *   return early only when it failed (no thread) and otherwise join the thread before returning.
 */
