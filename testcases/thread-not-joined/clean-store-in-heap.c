/* Background jobs: the thread id lives in a heap object returned to the caller, joined by job_wait. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct job {
    pthread_t tid;
    char *input;
    size_t output;
};

static void *job_main(void *arg) {
    struct job *j = arg;
    j->output = strlen(j->input);
    return NULL;
}

struct job *job_start(const char *input) {
    struct job *j = calloc(1, sizeof *j);
    if (j == NULL)
        return NULL;
    j->input = strdup(input);
    if (j->input == NULL || pthread_create(&j->tid, NULL, job_main, j) != 0) {
        free(j->input);
        free(j);
        return NULL;
    }
    return j;
}

size_t job_wait(struct job *j) {
    size_t out;
    pthread_join(j->tid, NULL);
    out = j->output;
    free(j->input);
    free(j);
    return out;
}

/*
 * check-name: id stored into a returned heap object
 * check-description: job_start creates the thread with its id written straight into the heap job it returns:
 *   the id outlives the function and job_wait joins it. The failure path frees the job before any thread exists.
 */
