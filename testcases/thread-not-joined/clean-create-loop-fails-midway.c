/* Fixed look-alike of create-loop-fails-midway.c: a failing creation ends the loop, and the join loop joins
 * exactly the threads that were started. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_CHUNKS 32

struct chunk {
    const unsigned char *data;
    size_t len;
    uint32_t sum;
};

static void *hash_chunk(void *arg) {
    struct chunk *c = arg;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < c->len; i++)
        h = (h ^ c->data[i]) * 16777619u;
    c->sum = h;
    return NULL;
}

int parallel_hash(struct chunk *chunks, int n) {
    pthread_t t[MAX_CHUNKS];
    int started, i;
    if (n > MAX_CHUNKS)
        return -1;
    for (started = 0; started < n; started++) {
        if (pthread_create(&t[started], NULL, hash_chunk, &chunks[started]) != 0) {
            fprintf(stderr, "thread %d failed\n", started);
            break;
        }
    }
    for (i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    return started == n ? 0 : -1;
}

/*
 * check-name: create loop stops at the first failure, joins what it started
 * check-description: parallel_hash counts the threads it started in started and joins t[0..started-1] on
 *   every path, including after a creation failure. Hard for the analysis: the join loop's bound (started) is
 *   not the create loop's bound (n), and only their correlation shows that every created thread is joined.
 */
