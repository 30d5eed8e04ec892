/* A pipelined batch whose timeout depends on the caller's settings: with timeout_ms == 0 the replies are awaited
 * forever. */
#include <sys/time.h>

#include "../include/hiredis/hiredis.h"

int bump_counters(const char *host, const char *const *keys, int n, long timeout_ms) {
    int ok = 0;
    redisContext *c = redisConnect(host, 6379);
    if (c == NULL || c->err) {
        if (c)
            redisFree(c);
        return -1;
    }
    if (timeout_ms > 0) {
        struct timeval tv = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
        redisSetTimeout(c, tv);
    }
    for (int i = 0; i < n; i++)
        redisAppendCommand(c, "INCR %s", keys[i]);
    for (int i = 0; i < n; i++) {
        void *reply;
        if (redisGetReply(c, &reply) != REDIS_OK) // expect: missing-timeout
            break;
        freeReplyObject(reply);
        ok++;
    }
    redisFree(c);
    return ok;
}

/*
 * check-name: redisGetReply with the timeout set on one branch only
 * check-description: when timeout_ms <= 0 no redisSetTimeout happens, and redisGetReply (which waits for the
 *   server) is reached: reported. redisAppendCommand only buffers and is not a blocking call.
 */
