/* Fixed version of helper-uses-session.c: the helper takes the counters' mutex around the Redis command. */
#include <pthread.h>
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

struct counters {
    redisContext *rc;
    pthread_mutex_t lock;
    const char *prefix;
};

static long long incr_counter(struct counters *c, const char *name) {
    long long value = -1;
    redisReply *r;
    pthread_mutex_lock(&c->lock);
    r = redisCommand(c->rc, "INCR %s:%s", c->prefix, name);
    pthread_mutex_unlock(&c->lock);
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
    pthread_create(&b, NULL, count_hits, c);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}

/*
 * check-name: helper uses the shared context under a mutex
 * check-description: both threads share c, but incr_counter only calls redisCommand on c->rc with c->lock held;
 *   the reply it returns is the calling thread's own.
 */
