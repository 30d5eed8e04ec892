/* A joinable thread whose id lives only in a local of the creating function, which returns without joining or
 * detaching it: the id is gone, nobody can join the thread any more. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    int id;
    char *payload;
};

static void *run_job(void *arg) {
    struct job *j = arg;
    printf("job %d: %s\n", j->id, j->payload);
    free(j->payload);
    free(j);
    return NULL;
}

int submit_job(int id, char *payload) {
    pthread_t tid;
    struct job *j = malloc(sizeof *j);
    if (j == NULL)
        return -1;
    j->id = id;
    j->payload = payload;
    if (pthread_create(&tid, NULL, run_job, j) != 0) { // expect: thread-not-joined
        free(j);
        return -1;
    }
    return 0;
}

static void *heartbeat(void *arg) {
    (void)arg;
    puts("alive");
    return NULL;
}

void start_heartbeat(void) {
    pthread_t t;
    pthread_create(&t, NULL, heartbeat, NULL); // expect: thread-not-joined
}

/*
 * check-name: joinable thread id dropped at return
 * check-description: submit_job checks pthread_create (its failure path holds no thread) and then returns 0
 *   with the id only in the local tid; start_heartbeat ignores the result and returns. Both threads are joinable
 *   (NULL attr), never joined nor detached: their resources are never reclaimed. The arguments are heap memory
 *   and NULL, so thread-stack-arg does not apply.
 */
