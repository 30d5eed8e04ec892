/* Fixed version of redis-unix-no-timeout.c: redisConnectUnixWithTimeout. */
#include <stddef.h>
#include <sys/time.h>

#include "../include/hiredis/hiredis.h"

long long queue_push(const char *sock_path, const char *queue, const char *payload, size_t len) {
    const char *argv[3] = {"RPUSH", queue, payload};
    size_t argvlen[3] = {5, 0, len};
    long long depth = -1;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 250000};
    redisContext *c = redisConnectUnixWithTimeout(sock_path, tv);
    if (c == NULL || c->err) {
        if (c)
            redisFree(c);
        return -1;
    }
    for (const char *p = queue; *p; p++)
        argvlen[1]++;
    redisReply *r = redisCommandArgv(c, 3, argv, argvlen);
    if (r != NULL) {
        if (r->type == REDIS_REPLY_INTEGER)
            depth = r->integer;
        freeReplyObject(r);
    }
    redisFree(c);
    return depth;
}

/*
 * check-name: Unix-socket redis context with a timeout
 * check-description: redisConnectUnixWithTimeout bounds the context's commands.
 */
