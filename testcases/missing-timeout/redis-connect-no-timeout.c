/* redisConnect sets no socket timeout: if Redis stalls (a long BGSAVE fork, a network partition), GET waits
 * forever. */
#include <stdio.h>
#include <string.h>

#include "../include/hiredis/hiredis.h"

int cache_get(const char *host, const char *key, char *out, size_t len) {
    int found = 0;
    redisContext *c = redisConnect(host, 6379);
    if (c == NULL)
        return -1;
    if (c->err) {
        fprintf(stderr, "redis: %s\n", c->errstr);
        redisFree(c);
        return -1;
    }
    redisReply *r = redisCommand(c, "GET %s", key); // expect: missing-timeout
    if (r && r->type == REDIS_REPLY_STRING && r->len < len) {
        memcpy(out, r->str, r->len + 1);
        found = 1;
    }
    if (r)
        freeReplyObject(r);
    redisFree(c);
    return found;
}

/*
 * check-name: redis command on a context without a timeout
 * check-description: the context comes from redisConnect and redisSetTimeout is never called: the redisCommand is
 *   reported.
 */
