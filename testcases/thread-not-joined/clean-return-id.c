/* Creators that hand the id back to the caller, by return value or through an out-parameter. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct indexer {
    const char *dir;
    int files;
};

static void *index_main(void *arg) {
    struct indexer *ix = arg;
    ix->files = ix->dir[0] != '\0';
    return NULL;
}

pthread_t indexer_spawn(struct indexer *ix) {
    pthread_t t;
    if (pthread_create(&t, NULL, index_main, ix) != 0) {
        perror("indexer");
        exit(1);
    }
    return t;
}

int indexer_start(struct indexer *ix, pthread_t *out) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, index_main, ix);
    if (rc != 0)
        return rc;
    *out = t;
    return 0;
}

int index_twice(struct indexer *a, struct indexer *b) {
    pthread_t ta = indexer_spawn(a);
    pthread_t tb;
    if (indexer_start(b, &tb) != 0) {
        pthread_join(ta, NULL);
        return -1;
    }
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    return a->files + b->files;
}

/*
 * check-name: id returned or written through an out-parameter
 * check-description: indexer_spawn returns the id (its failure path exits); indexer_start writes it through
 *   out only when the creation succeeded. Both hand the thread to their caller, and index_twice joins both
 *   threads on every path, including when indexer_start fails.
 */
