/* Threads that take no argument: NULL is not stack memory. */
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static void *cleanup_main(void *arg) {
    (void)arg;
    puts("cleaning up temp files");
    return NULL;
}

static int tick_main(void *arg) {
    (void)arg;
    puts("tick");
    return 0;
}

int schedule_cleanup(void) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, cleanup_main, NULL);
    if (rc != 0)
        return rc;
    return pthread_detach(t);
}

int schedule_tick(void) {
    thrd_t t;
    if (thrd_create(&t, tick_main, NULL) != thrd_success)
        return -1;
    return thrd_detach(t) == thrd_success ? 0 : -1;
}

/*
 * check-name: NULL thread argument
 * check-description: both detached threads (pthread_detach, thrd_detach) get NULL as their argument: nothing
 *   in the creator's frame is shared with them.
 */
