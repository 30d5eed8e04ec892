/* Fixed version of redis-pipeline-timeout-one-branch.c: a default timeout when the caller gives none. */
#include <sys/time.h>

#include "../include/hiredis/hiredis.h"

int bump_counters(const char *host, const char *const *keys, int n, long timeout_ms) {
    int ok = 0;
    struct timeval tv = {.tv_sec = 1, .tv_usec = 0};
    redisContext *c = redisConnect(host, 6379);
    if (c == NULL || c->err) {
        if (c)
            redisFree(c);
        return -1;
    }
    if (timeout_ms > 0) {
        tv.tv_sec = timeout_ms / 1000;
        tv.tv_usec = (timeout_ms % 1000) * 1000;
    }
    redisSetTimeout(c, tv);
    for (int i = 0; i < n; i++)
        redisAppendCommand(c, "INCR %s", keys[i]);
    for (int i = 0; i < n; i++) {
        void *reply;
        if (redisGetReply(c, &reply) != REDIS_OK)
            break;
        freeReplyObject(reply);
        ok++;
    }
    redisFree(c);
    return ok;
}

/*
 * check-name: redisGetReply after an unconditional redisSetTimeout
 * check-description: redisSetTimeout is called on every path before the replies are read.
 */
