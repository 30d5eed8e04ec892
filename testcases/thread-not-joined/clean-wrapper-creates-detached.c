/* Wrappers whose threads are detached from the start: their callers have nothing to join. */
#include <pthread.h>
#include <stddef.h>

static void *work(void *a) {
    return a;
}

static void *self_detaching(void *a) {
    pthread_detach(pthread_self());
    return a;
}

int start_self_detaching(pthread_t *t) {
    return pthread_create(t, NULL, self_detaching, NULL);
}

int start_detached(pthread_t *t, void *(*fn)(void *), void *arg) {
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(t, &a, fn, arg);
    pthread_attr_destroy(&a);
    return rc;
}

int fire_and_forget(void) {
    pthread_t t;
    if (start_self_detaching(&t))
        return -1;
    return 0;
}

int fire_and_forget2(void) {
    pthread_t t;
    if (start_detached(&t, work, NULL))
        return -1;
    return 0;
}

/*
 * check-name: wrappers that create detached threads
 * check-description: start_self_detaching's routine detaches itself and start_detached uses a detached attribute,
 *   so neither is an acquire wrapper: the summaries say nothing is created that a caller must join.
 */
