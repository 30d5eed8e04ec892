/* Detached threads whose argument is a global object. */
#include <pthread.h>
#include <stdio.h>

struct config {
    int port;
    int verbose;
};

static struct config g_config = {8080, 0};
static int g_counters[4];

static void *reload_main(void *arg) {
    struct config *c = arg;
    printf("reload: port %d\n", c->port);
    return NULL;
}

static void *count_main(void *arg) {
    int *slot = arg;
    (*slot)++;
    return NULL;
}

int reload_async(int verbose) {
    pthread_t t;
    g_config.verbose = verbose;
    if (pthread_create(&t, NULL, reload_main, &g_config) != 0)
        return -1;
    return pthread_detach(t);
}

void bump_async(int which) {
    pthread_t t;
    if (pthread_create(&t, NULL, count_main, &g_counters[which & 3]) == 0)
        pthread_detach(t);
}

/*
 * check-name: global object as the thread argument
 * check-description: &g_config and &g_counters[i] have static storage duration: a detached thread may use them
 *   after the creating function returned.
 */
