/* The variable holding a joinable thread's id is reused for a second thread before the first was joined. */
#include <pthread.h>
#include <stdio.h>

struct table {
    const char *name;
    int indexed;
    int compacted;
};

static void *build_index(void *arg) {
    struct table *tbl = arg;
    tbl->indexed = 1;
    return NULL;
}

static void *compact(void *arg) {
    struct table *tbl = arg;
    tbl->compacted = 1;
    return NULL;
}

int maintain_table(struct table *tbl) {
    pthread_t t;
    pthread_create(&t, NULL, build_index, tbl); // expect: thread-not-joined
    pthread_create(&t, NULL, compact, tbl);
    pthread_join(t, NULL);
    printf("%s: maintenance done\n", tbl->name);
    return 0;
}

/*
 * check-name: thread id overwritten while the thread is unjoined
 * check-description: maintain_table stores the index builder's id in t, then stores the compactor's id in the
 *   same variable: only the compactor is joined, the builder's id is lost while it is still joinable. The
 *   finding is on the first creation; the second thread is joined and clean.
 */
