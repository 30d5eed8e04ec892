/* The creator returns the thread id (or writes it through an out-parameter) for a later join, but the thread's
 * argument lives in the creator's frame. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct sampler {
    int hz;
    int channels;
};

static void *sample_main(void *arg) {
    const struct sampler *s = arg;
    printf("%d Hz x %d\n", s->hz, s->channels);
    return NULL;
}

pthread_t start_sampler(int hz) {
    struct sampler s = {hz, 2};
    pthread_t t;
    if (pthread_create(&t, NULL, sample_main, &s) != 0) // expect: thread-stack-arg
        abort();
    return t;
}

int start_sampler_out(int hz, pthread_t *out) {
    struct sampler s = {hz, 1};
    pthread_t t;
    int rc = pthread_create(&t, NULL, sample_main, &s); // expect: thread-stack-arg
    if (rc != 0)
        return rc;
    *out = t;
    return 0;
}

void record(int hz) {
    pthread_t t = start_sampler(hz);
    pthread_join(t, NULL);
}

/*
 * check-name: id returned, argument on the stack
 * check-description: start_sampler returns the id and start_sampler_out writes it through out: the caller
 *   joins (record does), so there is no thread-not-joined, but only after the frame holding s is gone. The
 *   finding is on each pthread_create; record's own join is clean.
 */
