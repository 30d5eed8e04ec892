/* C11 threads: thrd_create makes a joinable thread just like pthread_create. */
#include <stdio.h>
#include <threads.h>

struct clock_state {
    long ticks;
    long drift;
};

static int tick(void *arg) {
    struct clock_state *c = arg;
    c->ticks++;
    return 0;
}

static int measure_drift(void *arg) {
    struct clock_state *c = arg;
    c->drift = c->ticks % 7;
    return 0;
}

int start_ticker(struct clock_state *c) {
    thrd_t t;
    if (thrd_create(&t, tick, c) != thrd_success) // expect: thread-not-joined
        return -1;
    return 0;
}

int calibrate(struct clock_state *c) {
    thrd_t t;
    int res;
    thrd_create(&t, tick, c); // expect: thread-not-joined
    thrd_create(&t, measure_drift, c);
    thrd_join(t, &res);
    printf("drift %ld\n", c->drift);
    return res;
}

/*
 * check-name: C11 thread not joined
 * check-description: start_ticker returns with the ticker's thrd_t only in a local (neither thrd_join nor
 *   thrd_detach); calibrate overwrites t with the second thread's id while the first is still unjoined. The
 *   second thread of calibrate is joined.
 */
