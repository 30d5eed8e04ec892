/* Paths that end in exit() or abort() do not return: an unjoined thread on them is not a finding. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct watchdog {
    int interval_ms;
    int fired;
};

static void *watch(void *arg) {
    struct watchdog *w = arg;
    w->fired = w->interval_ms > 1000;
    return NULL;
}

void run_watchdog(struct watchdog *w) {
    pthread_t t;
    if (pthread_create(&t, NULL, watch, w) != 0) {
        perror("pthread_create");
        exit(1);
    }
    if (w->interval_ms <= 0) {
        fprintf(stderr, "watchdog: bad interval\n");
        abort();
    }
    pthread_join(t, NULL);
}

int run_or_die(struct watchdog *w) {
    pthread_t t;
    if (pthread_create(&t, NULL, watch, w) != 0)
        return -1;
    if (w->fired)
        exit(2);
    pthread_join(t, NULL);
    return w->fired;
}

/*
 * check-name: unjoined thread only on exit/abort paths
 * check-description: run_watchdog aborts on a bad interval and run_or_die exits when the watchdog already
 *   fired, both with the thread unjoined; those paths end the process and are not returns. Every returning
 *   path joins the thread or follows a failed creation.
 */
