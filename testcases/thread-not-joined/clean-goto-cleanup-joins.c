/* A goto cleanup ladder that joins what was started before returning. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct mirror {
    const char *src;
    char *dst;
    size_t copied;
};

static void *copy_main(void *arg) {
    struct mirror *m = arg;
    m->copied = strlen(m->src);
    return NULL;
}

static void *verify_main(void *arg) {
    struct mirror *m = arg;
    m->copied = m->dst ? m->copied : 0;
    return NULL;
}

int mirror_run(struct mirror *m) {
    pthread_t copier, verifier;
    int rc = -1;
    if (pthread_create(&copier, NULL, copy_main, m) != 0)
        return -1;
    m->dst = malloc(strlen(m->src) + 1);
    if (m->dst == NULL)
        goto join_copier;
    if (pthread_create(&verifier, NULL, verify_main, m) != 0)
        goto join_copier;
    pthread_join(verifier, NULL);
    rc = 0;
join_copier:
    pthread_join(copier, NULL);
    return rc;
}

/*
 * check-name: goto cleanup joins the threads
 * check-description: mirror_run jumps to join_copier on every error after the copier exists, and the label
 *   joins it; the verifier is joined before the label on the only path where it was created. Look-alike of
 *   goto-out-skips-join.c.
 */
