/* One line with two findings of different rules: a nolint naming one of them leaves the other. */
#include <pthread.h>
#include <stdio.h>

static void *show(void *arg) {
    printf("%d\n", *(int *)arg);
    return NULL;
}

void show_async(int v) {
    int copy = v;
    pthread_t t;
    pthread_create(&t, NULL, show, &copy); // NOLINT(lifeline-thread-stack-arg) expect: thread-not-joined
}

void show_async_other(int v) {
    int copy = v;
    pthread_t t;
    pthread_create(&t, NULL, show, &copy); // NOLINT(lifeline-thread-not-joined) expect: thread-stack-arg
}

void show_async_both(int v) {
    int copy = v;
    pthread_t t;
    pthread_create(&t, NULL, show, &copy); // NOLINT(lifeline-thread-stack-arg, lifeline-thread-not-joined)
}

void show_async_glob(int v) {
    int copy = v;
    pthread_t t;
    pthread_create(&t, NULL, show, &copy); // NOLINT(lifeline-thread-*)
}

void show_async_none(int v) {
    int copy = v;
    pthread_t t;
    pthread_create(&t, NULL, show, &copy); // expect: thread-not-joined, thread-stack-arg
}

/*
 * check-name: nolint on a line with findings of two rules
 * check-description: each function starts a joinable thread on the address of a local and returns: both
 *   thread-not-joined and thread-stack-arg are reported on the pthread_create line. Naming one rule leaves the
 *   other; naming both, or a glob covering both, leaves none.
 */
