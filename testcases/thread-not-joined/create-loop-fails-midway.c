/* A creation failure in the middle of a create loop returns without joining the threads already started. */
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
    int i;
    if (n > MAX_CHUNKS)
        return -1;
    for (i = 0; i < n; i++) {
        if (pthread_create(&t[i], NULL, hash_chunk, &chunks[i]) != 0) { // expect: thread-not-joined
            fprintf(stderr, "thread %d failed\n", i);
            return -1;
        }
    }
    for (i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    return 0;
}

/*
 * check-name: create loop fails midway
 * check-description: when pthread_create fails in iteration i > 0, parallel_hash returns -1 while the threads of
 *   iterations 0..i-1 are running and held only in the local t[]. The failing call itself holds no thread; the
 *   finding is on the create line, for the threads of the earlier iterations.
 */
