/* start_logger returns the id of the thread it created (a hand-off to its caller); one caller ignores it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct logger {
    const char *prefix;
    int level;
};

static void *log_loop(void *arg) {
    struct logger *lg = arg;
    printf("%s: level %d\n", lg->prefix, lg->level);
    return NULL;
}

pthread_t start_logger(struct logger *lg) {
    pthread_t t;
    if (pthread_create(&t, NULL, log_loop, lg) != 0) {
        perror("pthread_create");
        abort();
    }
    return t;
}

void init_logging(struct logger *lg) {
    lg->level = 2;
    start_logger(lg); // expect: thread-not-joined
}

void log_once(struct logger *lg) {
    pthread_t t = start_logger(lg);
    pthread_join(t, NULL);
}

/*
 * check-name: returned thread id dropped by the caller
 * check-description: start_logger returns the id (its failure path aborts): no finding in it. init_logging
 *   discards the returned id, so the joinable thread is never joined (finding on the call); log_once joins it.
 */
