/* A `goto out` between the create loop and the join loop jumps over the joins. */
#include <pthread.h>
#include <stdlib.h>

#define MAX_PARTS 16

struct part {
    const char *text;
    long words;
};

struct corpus {
    struct part parts[MAX_PARTS];
    long *merged;
};

static void *index_part(void *arg) {
    struct part *p = arg;
    p->words = 0;
    for (const char *s = p->text; *s; s++)
        p->words += *s == ' ';
    return NULL;
}

int index_corpus(struct corpus *c, int n) {
    pthread_t t[MAX_PARTS];
    int i, rc = -1;
    if (n <= 0 || n > MAX_PARTS)
        return -1;
    for (i = 0; i < n; i++)
        pthread_create(&t[i], NULL, index_part, &c->parts[i]); // expect: thread-not-joined
    c->merged = calloc((size_t)n, sizeof *c->merged);
    if (c->merged == NULL)
        goto out;
    for (i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        c->merged[i] = c->parts[i].words;
    }
    rc = 0;
out:
    return rc;
}

/*
 * check-name: goto out skips the join loop
 * check-description: index_corpus starts n >= 1 threads into the local t[] and jumps to out when calloc fails;
 *   the label only returns, so the threads are never joined. The arguments point into the caller's corpus,
 *   not into the frame.
 */
