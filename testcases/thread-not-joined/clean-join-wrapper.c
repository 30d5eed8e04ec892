/* Joining through a small project function that takes the id by value. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct compress_job {
    const char *in;
    size_t in_len;
    size_t out_len;
};

static void *compress_main(void *arg) {
    struct compress_job *j = arg;
    j->out_len = j->in_len / 2;
    return NULL;
}

void join_worker(pthread_t t) {
    int rc = pthread_join(t, NULL);
    if (rc != 0)
        fprintf(stderr, "pthread_join: %s\n", strerror(rc));
}

int compress_both(struct compress_job *a, struct compress_job *b) {
    pthread_t ta, tb;
    if (pthread_create(&ta, NULL, compress_main, a) != 0)
        return -1;
    if (pthread_create(&tb, NULL, compress_main, b) != 0) {
        join_worker(ta);
        return -1;
    }
    join_worker(tb);
    join_worker(ta);
    return (int)(a->out_len + b->out_len);
}

/*
 * check-name: join wrapper
 * check-description: join_worker joins its parameter, so its summary makes every call a join. compress_both
 *   joins the first thread through it when the second creation fails and both on the normal path.
 */
