/* Fixed look-alike of early-return-between-loops.c: per-thread arguments on the stack, every thread joined
 * before the function can return. */
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
        pthread_create(&tids[i], NULL, sum_range, &args[i]);
    }
    for (i = 0; i < NWORKERS; i++)
        pthread_join(tids[i], NULL);
    out = malloc(NWORKERS * sizeof *out);
    if (out == NULL)
        return NULL;
    for (i = 0; i < NWORKERS; i++)
        out[i] = args[i].sum;
    return out;
}

/*
 * check-name: stack argument array joined before any return
 * check-description: the classic fork/join: args[] lives in sum_quarters' frame, and the join loop over tids[]
 *   runs before the first return, so no thread outlives the frame.
 */
