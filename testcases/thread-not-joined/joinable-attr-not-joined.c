/* An attribute object is used, but it leaves the thread joinable (explicitly, and by default). */
#include <pthread.h>
#include <stdlib.h>

struct resolver {
    const char *host;
    int addr;
};

static void *resolve(void *arg) {
    struct resolver *r = arg;
    r->addr = r->host[0];
    return NULL;
}

int resolve_async(struct resolver *r) {
    pthread_attr_t attr;
    pthread_t t;
    int rc;
    if (pthread_attr_init(&attr) != 0)
        return -1;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
    rc = pthread_create(&t, &attr, resolve, r); // expect: thread-not-joined
    pthread_attr_destroy(&attr);
    return rc == 0 ? 0 : -1;
}

int resolve_small_stack(struct resolver *r) {
    pthread_attr_t attr;
    pthread_t t;
    int rc;
    if (pthread_attr_init(&attr) != 0)
        return -1;
    pthread_attr_setstacksize(&attr, 64 * 1024);
    rc = pthread_create(&t, &attr, resolve, r); // expect: thread-not-joined
    pthread_attr_destroy(&attr);
    return rc;
}

/*
 * check-name: attribute object that does not detach
 * check-description: resolve_async sets PTHREAD_CREATE_JOINABLE and resolve_small_stack only sets a stack
 *   size: both threads are joinable, and both functions return with the id in a local only. Only
 *   PTHREAD_CREATE_DETACHED makes an attr-created thread exempt.
 */
