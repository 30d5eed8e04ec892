/* Fixed look-alike of early-return-after-create.c: the only early returns are the creation's own failure paths,
 * which hold no thread. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct queue {
    int pending;
    int reaped;
};

static void *reap(void *arg) {
    struct queue *q = arg;
    q->reaped = q->pending;
    return NULL;
}

int start_reaper(struct queue *q) {
    pthread_t t;
    if (pthread_create(&t, NULL, reap, q) != 0)
        return -1;
    pthread_join(t, NULL);
    return q->reaped;
}

int start_compactor(struct queue *q) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, reap, q);
    if (rc)
        return rc;
    return pthread_join(t, NULL);
}

int start_checked(struct queue *q) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, reap, q);
    if (rc != 0) {
        fprintf(stderr, "pthread_create: %s\n", strerror(rc));
        return -1;
    }
    pthread_join(t, NULL);
    return 0;
}

/*
 * check-name: creation failure paths
 * check-description: every early return follows a failed pthread_create (`!= 0`, `if (rc)`, `rc != 0` with an
 *   error message): no thread exists on those paths. On the success paths the thread is joined.
 */
