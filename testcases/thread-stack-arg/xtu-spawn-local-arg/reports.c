#include <stdio.h>

#include "spawn.h"

struct report {
    const char *name;
    int rows;
};

static void *render_report(void *arg) {
    struct report *r = arg;
    printf("report %s: %d rows\n", r->name, r->rows);
    return NULL;
}

int queue_report(const char *name, int rows) {
    struct report r = {name, rows};
    pthread_t t;
    if (spawn_worker(&t, render_report, &r) != 0) // expect: thread-stack-arg
        return -1;
    pthread_detach(t);
    return 0;
}

int queue_report_nowait(const char *name, int rows) {
    struct report r = {name, rows};
    pthread_t t;
    return spawn_worker(&t, render_report, &r); // expect: thread-not-joined, thread-stack-arg
}

int run_report(const char *name, int rows) {
    struct report r = {name, rows};
    pthread_t t;
    if (spawn_worker(&t, render_report, &r) != 0)
        return -1;
    join_worker(t);
    return 0;
}
