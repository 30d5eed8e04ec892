/* The id is stored into the pool only when there is room; the "pool full" path drops it. */
#include <pthread.h>
#include <stdio.h>

#define MAX_WORKERS 8

struct pool {
    pthread_t workers[MAX_WORKERS];
    int count;
    int stop;
};

static void *worker_main(void *arg) {
    struct pool *p = arg;
    if (!p->stop)
        printf("worker %d ready\n", p->count);
    return NULL;
}

int pool_add_worker(struct pool *p) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker_main, p) != 0) // expect: thread-not-joined
        return -1;
    if (p->count == MAX_WORKERS) {
        fprintf(stderr, "pool full\n");
        return -1;
    }
    p->workers[p->count++] = t;
    return 0;
}

void pool_join(struct pool *p) {
    p->stop = 1;
    while (p->count > 0)
        pthread_join(p->workers[--p->count], NULL);
}

/*
 * check-name: id stored into the pool on one path only
 * check-description: pool_add_worker hands the id to the caller's pool (joined later by pool_join) when there
 *   is room, but checks for room only after creating the thread: on the "pool full" path it returns with the
 *   thread joinable and its id only in the local t.
 */
