#include <stdio.h>

#include "workers.h"

struct export_task {
    const char *table;
    long rows;
};

static void *export_main(void *arg) {
    struct export_task *e = arg;
    printf("exporting %s\n", e->table);
    e->rows = 42;
    return NULL;
}

int export_table(struct export_task *e) {
    pthread_t t;
    if (pthread_create(&t, NULL, export_main, e) != 0) // expect: thread-not-joined
        return -1;
    log_thread("export", t);
    return 0;
}

int export_table_sync(struct export_task *e, int wait) {
    pthread_t t;
    if (pthread_create(&t, NULL, export_main, e) != 0)
        return -1;
    log_thread("export", t);
    release_worker(t, wait);
    return 0;
}
