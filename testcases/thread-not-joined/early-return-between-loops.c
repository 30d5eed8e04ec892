/* Workers started in a loop into a local array; an allocation failure between the create loop and the join loop
 * returns with all of them still running. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NWORKERS 4

struct shard {
    const char *root;
    long files;
};

static struct shard shards[NWORKERS];

static void *scan_shard(void *arg) {
    struct shard *s = arg;
    s->files = (long)strlen(s->root);
    return NULL;
}

long *scan_all(const char *root) {
    pthread_t tids[NWORKERS];
    long *totals;
    int i;
    for (i = 0; i < NWORKERS; i++) {
        shards[i].root = root;
        pthread_create(&tids[i], NULL, scan_shard, &shards[i]); // expect: thread-not-joined
    }
    totals = calloc(NWORKERS, sizeof *totals);
    if (totals == NULL)
        return NULL;
    for (i = 0; i < NWORKERS; i++) {
        pthread_join(tids[i], NULL);
        totals[i] = shards[i].files;
    }
    return totals;
}

/*
 * check-name: early return between the create loop and the join loop
 * check-description: scan_all creates NWORKERS joinable threads into the local tids[], then returns NULL when
 *   calloc fails, before the join loop: every thread is left unjoined and tids dies with the frame. The
 *   arguments are elements of a global array, so only thread-not-joined applies.
 */
