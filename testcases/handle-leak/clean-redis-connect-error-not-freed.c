/* Fixed version of redis-connect-error-not-freed.c. */
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

redisContext *connect_cache(const char *host, int port) {
    redisContext *c = redisConnect(host, port);
    if (c == NULL) {
        fprintf(stderr, "redis: out of memory\n");
        return NULL;
    }
    if (c->err) {
        fprintf(stderr, "redis: %s\n", c->errstr);
        redisFree(c);
        return NULL;
    }
    return c;
}

/*
 * check-name: redis context freed when it reports an error
 * check-description: the c->err path calls redisFree; the NULL path holds nothing; success returns c.
 */
