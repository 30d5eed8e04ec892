/* redisConnect returns a context with err set when it cannot connect; that context still needs redisFree. */
#include <stdio.h>

#include "../include/hiredis/hiredis.h"

redisContext *connect_cache(const char *host, int port) {
    redisContext *c = redisConnect(host, port); // expect: handle-leak
    if (c == NULL || c->err) {
        fprintf(stderr, "redis: %s\n", c ? c->errstr : "out of memory");
        return NULL;
    }
    return c;
}

/*
 * check-name: redis context with err set not freed
 * check-description: when c is non-NULL but c->err is set the function returns NULL and the context leaks. Only
 *   the NULL result is a failed acquire; the context is returned on success.
 */
