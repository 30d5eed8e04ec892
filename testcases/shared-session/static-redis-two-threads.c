/* A session store kept in Redis behind a file-static context; two expiry sweepers are started with the same
 * routine, so both send commands on that context at once. */
#include <pthread.h>
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

static redisContext *cache;

int cache_open(const char *host, int port) {
    struct timeval tv = {1, 0};
    cache = redisConnectWithTimeout(host, port, tv);
    if (cache == NULL)
        return -1;
    if (cache->err) {
        fprintf(stderr, "redis: %s\n", cache->errstr);
        redisFree(cache);
        cache = NULL;
        return -1;
    }
    return 0;
}

static void *sweep(void *arg) {
    const char *key = arg;
    redisReply *r = redisCommand(cache, "DEL %s", key);
    freeReplyObject(r);
    return NULL;
}

void sweep_all(void) {
    pthread_t users, carts;
    pthread_create(&users, NULL, sweep, "sessions:stale");
    pthread_create(&carts, NULL, sweep, "carts:stale"); // expect: shared-session
    pthread_join(users, NULL);
    pthread_join(carts, NULL);
}

/*
 * check-name: static context used by the same routine started twice
 * check-description: sweep runs redisCommand on the file-static cache without a lock and sweep_all creates two
 *   threads with it: the second creation shares the context.
 */
