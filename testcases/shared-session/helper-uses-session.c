/* Hit counters kept in Redis: the worker threads never name the context themselves, but the helper they call
 * sends every command on the one redisContext they all share. */
#include <pthread.h>
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

struct counters {
    redisContext *rc;
    const char *prefix;
};

static long long incr_counter(struct counters *c, const char *name) {
    long long value = -1;
    redisReply *r = redisCommand(c->rc, "INCR %s:%s", c->prefix, name);
    if (r == NULL)
        return -1;
    if (r->type == REDIS_REPLY_INTEGER)
        value = r->integer;
    freeReplyObject(r);
    return value;
}

static void *count_hits(void *arg) {
    struct counters *c = arg;
    for (int i = 0; i < 1000; i++)
        incr_counter(c, "hits");
    return NULL;
}

int replay_hits(struct counters *c) {
    pthread_t a, b;
    pthread_create(&a, NULL, count_hits, c);
    pthread_create(&b, NULL, count_hits, c); // expect: shared-session
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}

/*
 * check-name: session used through a helper in the same file
 * check-description: count_hits only calls incr_counter, which runs redisCommand on c->rc; both threads get the
 *   same c, so the second creation shares the context.
 */
