/* Create loop and join loop over a local array, with the thread count a parameter. */
#include <pthread.h>

#define MAX_THREADS 64

struct task {
    int first;
    int last;
    long result;
};

static void *run_task(void *arg) {
    struct task *t = arg;
    t->result = 0;
    for (int i = t->first; i < t->last; i++)
        t->result += i;
    return NULL;
}

long run_tasks(struct task *tasks, int n) {
    pthread_t t[MAX_THREADS];
    long total = 0;
    int i;
    if (n <= 0 || n > MAX_THREADS)
        return -1;
    for (i = 0; i < n; i++)
        pthread_create(&t[i], NULL, run_task, &tasks[i]);
    for (i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < n; i++)
        total += tasks[i].result;
    return total;
}

/*
 * check-name: create loop and join loop with a parameter bound
 * check-description: run_tasks validates n before creating anything, creates n threads into t[] and joins the
 *   same n elements in the next loop; nothing returns in between. The arguments point into the caller's
 *   tasks array.
 */
