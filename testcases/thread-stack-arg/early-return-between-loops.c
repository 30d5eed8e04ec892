/* Per-thread arguments in a local array; an early return between the create loop and the join loop leaves the
 * threads running on a dead frame. */
#include <pthread.h>
#include <stdlib.h>

#define NWORKERS 4

struct range {
    const int *data;
    int begin;
    int end;
    long sum;
};

static void *sum_range(void *arg) {
    struct range *r = arg;
    r->sum = 0;
    for (int i = r->begin; i < r->end; i++)
        r->sum += r->data[i];
    return NULL;
}

long *sum_quarters(const int *data, int n) {
    struct range args[NWORKERS];
    pthread_t tids[NWORKERS];
    long *out;
    int i;
    for (i = 0; i < NWORKERS; i++) {
        args[i].data = data;
        args[i].begin = n * i / NWORKERS;
        args[i].end = n * (i + 1) / NWORKERS;
        pthread_create(&tids[i], NULL, sum_range, &args[i]); // expect: thread-not-joined, thread-stack-arg
    }
    out = malloc(NWORKERS * sizeof *out);
    if (out == NULL)
        return NULL;
    for (i = 0; i < NWORKERS; i++) {
        pthread_join(tids[i], NULL);
        out[i] = args[i].sum;
    }
    return out;
}

/*
 * check-name: stack argument array, early return before the join loop
 * check-description: when malloc fails, sum_quarters returns with every worker unjoined (thread-not-joined)
 *   while each of them writes into args[i] in the dead frame (thread-stack-arg): both on the create line. The
 *   normal path joins all workers before returning and is fine.
 */
