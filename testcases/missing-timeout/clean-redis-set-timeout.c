/* Fixed version of redis-connect-no-timeout.c: redisSetTimeout after connecting bounds every command. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "../include/hiredis/hiredis.h"

int cache_get(const char *host, const char *key, char *out, size_t len) {
    int found = 0;
    struct timeval tv = {.tv_sec = 1, .tv_usec = 500000};
    redisContext *c = redisConnect(host, 6379);
    if (c == NULL)
        return -1;
    if (c->err) {
        fprintf(stderr, "redis: %s\n", c->errstr);
        redisFree(c);
        return -1;
    }
    redisSetTimeout(c, tv);
    redisReply *r = redisCommand(c, "GET %s", key);
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
 * check-name: redis command after redisSetTimeout
 * check-description: redisSetTimeout on the context before the command bounds it.
 */
