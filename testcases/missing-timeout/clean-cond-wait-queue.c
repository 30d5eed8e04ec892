/* A work queue: consumers wait on a condition variable with no deadline, which is how a worker idles. */
#include <pthread.h>
#include <stddef.h>

struct job {
    struct job *next;
    void (*run)(void *);
    void *arg;
};

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t nonempty;
    struct job *head;
    int closed;
};

struct job *queue_pop(struct queue *q) {
    struct job *j;
    pthread_mutex_lock(&q->lock);
    while (q->head == NULL && !q->closed)
        pthread_cond_wait(&q->nonempty, &q->lock);
    j = q->head;
    if (j)
        q->head = j->next;
    pthread_mutex_unlock(&q->lock);
    return j;
}

/*
 * check-name: pthread_cond_wait without a deadline
 * check-description: waiting for work in-process is not a network wait: pthread_cond_wait is never reported.
 */
