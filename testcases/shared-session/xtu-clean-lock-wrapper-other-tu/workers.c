#include <pthread.h>

#include "stats.h"

#define NWORKERS 4

static void *worker(void *arg) {
    const char *queue = arg;
    for (int i = 0; i < 100; i++) {
        stats_lock();
        freeReplyObject(redisCommand(g_stats, "INCR processed:%s", queue));
        stats_unlock();
    }
    return NULL;
}

void run_workers(char *queues[NWORKERS]) {
    pthread_t tids[NWORKERS];
    int i;
    for (i = 0; i < NWORKERS; i++)
        pthread_create(&tids[i], NULL, worker, queues[i]);
    for (i = 0; i < NWORKERS; i++)
        pthread_join(tids[i], NULL);
}
