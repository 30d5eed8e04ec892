#include "stats.h"

#include <pthread.h>
#include <stdio.h>

redisContext *g_stats;
static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;

int stats_connect(const char *host, int port) {
    struct timeval tv = {0, 500000};
    g_stats = redisConnectWithTimeout(host, port, tv);
    if (g_stats == NULL)
        return -1;
    if (g_stats->err) {
        fprintf(stderr, "stats: %s\n", g_stats->errstr);
        redisFree(g_stats);
        g_stats = NULL;
        return -1;
    }
    return 0;
}

void stats_disconnect(void) {
    redisFree(g_stats);
    g_stats = NULL;
}

void stats_lock(void) {
    pthread_mutex_lock(&stats_mutex);
}

void stats_unlock(void) {
    pthread_mutex_unlock(&stats_mutex);
}
