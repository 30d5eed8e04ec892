/* The thread's id is kept in a global or the caller's struct, and joined through it before the frame returns. */
#include <pthread.h>
#include <stddef.h>

static void *work(void *arg) {
    return arg;
}

pthread_t g_tid;

int run(void) {
    int local = 0;
    if (pthread_create(&g_tid, NULL, work, &local) != 0)
        return -1;
    pthread_join(g_tid, NULL);
    return local;
}

struct job {
    pthread_t tid;
};

int run_job(struct job *j) {
    int scratch = 0;
    if (pthread_create(&j->tid, NULL, work, &scratch) != 0)
        return -1;
    pthread_join(j->tid, NULL);
    return scratch;
}

int run_job_late(struct job *j) {
    int scratch = 0;
    if (pthread_create(&j->tid, NULL, work, &scratch) != 0) // expect: thread-stack-arg
        return -1;
    return 0;
}

/*
 * check-name: id kept outside the frame and joined through it
 * check-description: run and run_job join the thread through the same global / struct field the id was created
 *   into, before returning: the frame outlives the thread. run_job_late leaves the join to someone else, after
 *   the frame is gone.
 */
