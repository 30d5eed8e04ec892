/* A local passed to a thread that is joined; the early returns are creation failures, where no thread runs. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct checksum {
    const char *buf;
    size_t len;
    unsigned sum;
};

static void *checksum_main(void *arg) {
    struct checksum *c = arg;
    c->sum = 0;
    for (size_t i = 0; i < c->len; i++)
        c->sum = c->sum * 31 + (unsigned char)c->buf[i];
    return NULL;
}

int checksum_string(const char *s, unsigned *out) {
    struct checksum c = {s, strlen(s), 0};
    pthread_t t;
    if (pthread_create(&t, NULL, checksum_main, &c) != 0)
        return -1;
    pthread_join(t, NULL);
    *out = c.sum;
    return 0;
}

int checksum_verbose(const char *s, unsigned *out) {
    struct checksum c = {s, strlen(s), 0};
    pthread_t t;
    int rc = pthread_create(&t, NULL, checksum_main, &c);
    if (rc) {
        fprintf(stderr, "checksum: %s\n", strerror(rc));
        return rc;
    }
    pthread_join(t, NULL);
    *out = c.sum;
    return 0;
}

/*
 * check-name: stack argument, creation failure returns
 * check-description: both functions return early only when pthread_create failed (no thread reads c); after
 *   a successful creation they join before returning, so c outlives the thread.
 */
