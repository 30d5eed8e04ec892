/* Fixed version of static-redis-two-threads.c: the sweepers take the cache's read-write lock for writing around
 * their command. */
#include <pthread.h>
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

static redisContext *cache;
static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;

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
    redisReply *r;
    pthread_rwlock_wrlock(&cache_lock);
    r = redisCommand(cache, "DEL %s", key);
    pthread_rwlock_unlock(&cache_lock);
    freeReplyObject(r);
    return NULL;
}

void sweep_all(void) {
    pthread_t users, carts;
    pthread_create(&users, NULL, sweep, "sessions:stale");
    pthread_create(&carts, NULL, sweep, "carts:stale");
    pthread_join(users, NULL);
    pthread_join(carts, NULL);
}

/*
 * check-name: static context used under a write lock
 * check-description: redisCommand on cache runs between pthread_rwlock_wrlock and pthread_rwlock_unlock, so the
 *   two sweepers never use the context together.
 */
