/* The thread is joined only when the caller asked to wait for it. */
#include <pthread.h>
#include <stdio.h>

struct backup {
    const char *src;
    const char *dst;
    int done;
};

static void *copy_tree(void *arg) {
    struct backup *b = arg;
    printf("copy %s -> %s\n", b->src, b->dst);
    b->done = 1;
    return NULL;
}

int start_backup(struct backup *b, int blocking) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, copy_tree, b); // expect: thread-not-joined
    if (rc != 0)
        return rc;
    if (blocking)
        pthread_join(t, NULL);
    return 0;
}

/*
 * check-name: thread joined on one branch only
 * check-description: start_backup joins the copier only when blocking is set; with blocking == 0 it returns
 *   with a joinable thread whose id is in the local t only. The rc != 0 path holds no thread.
 */
