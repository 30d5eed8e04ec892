/* Fixed look-alike of overwrite-unjoined-id.c: the id variable is reused only after the join. */
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
    tbl->compacted = tbl->indexed;
    return NULL;
}

int maintain_table(struct table *tbl) {
    pthread_t t;
    if (pthread_create(&t, NULL, build_index, tbl) != 0)
        return -1;
    pthread_join(t, NULL);
    if (pthread_create(&t, NULL, compact, tbl) != 0)
        return -1;
    pthread_join(t, NULL);
    printf("%s: maintenance done\n", tbl->name);
    return 0;
}

void maintain_all(struct table *tables, int n) {
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, build_index, &tables[i]) == 0)
            pthread_join(t, NULL);
    }
}

/*
 * check-name: id variable reused after the join
 * check-description: maintain_table joins the index builder before storing the compactor's id into t, and
 *   maintain_all joins each iteration's thread before the next iteration creates into t again.
 */
