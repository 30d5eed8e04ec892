/* Classic fork/join: a create loop into a local array and a join loop over the same array. */
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 8

static double partial[NTHREADS];
static const double *g_values;
static int g_count;

static void *sum_slice(void *arg) {
    double *out = arg;
    int slot = (int)(out - partial);
    double s = 0;
    for (int i = slot; i < g_count; i += NTHREADS)
        s += g_values[i];
    *out = s;
    return NULL;
}

double parallel_sum(const double *values, int count) {
    pthread_t tids[NTHREADS];
    double total = 0;
    int i;
    g_values = values;
    g_count = count;
    for (i = 0; i < NTHREADS; i++)
        pthread_create(&tids[i], NULL, sum_slice, &partial[i]);
    for (i = 0; i < NTHREADS; i++) {
        pthread_join(tids[i], NULL);
        total += partial[i];
    }
    printf("sum of %d values: %f\n", count, total);
    return total;
}

/*
 * check-name: create loop and join loop with a constant bound
 * check-description: parallel_sum creates NTHREADS threads into tids[] and joins the same NTHREADS elements
 *   before returning; no path returns in between. The arguments are elements of a global array.
 */
