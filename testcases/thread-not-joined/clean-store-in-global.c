/* A singleton background thread whose id is kept in a global and joined at shutdown. */
#include <pthread.h>
#include <stdio.h>

static pthread_t g_stats_thread;
static int g_stats_running;
static volatile int g_stop;

static void *stats_main(void *arg) {
    unsigned long passes = 0;
    (void)arg;
    while (!g_stop)
        passes++;
    printf("stats stopped after %lu passes\n", passes);
    return NULL;
}

int stats_start(void) {
    pthread_t t;
    if (g_stats_running)
        return 0;
    if (pthread_create(&t, NULL, stats_main, NULL) != 0)
        return -1;
    g_stats_thread = t;
    g_stats_running = 1;
    return 0;
}

void stats_shutdown(void) {
    if (!g_stats_running)
        return;
    g_stop = 1;
    pthread_join(g_stats_thread, NULL);
    g_stats_running = 0;
}

/*
 * check-name: id stored into a global
 * check-description: stats_start copies the new thread's id into the global g_stats_thread (a hand-off that
 *   outlives the function) and stats_shutdown joins it.
 */
