/* A Unix-socket connection to a local Redis still waits forever on a server that is stuck. */
#include <stddef.h>

#include "../include/hiredis/hiredis.h"

long long queue_push(const char *sock_path, const char *queue, const char *payload, size_t len) {
    const char *argv[3] = {"RPUSH", queue, payload};
    size_t argvlen[3] = {5, 0, len};
    long long depth = -1;
    redisContext *c = redisConnectUnix(sock_path);
    if (c == NULL || c->err) {
        if (c)
            redisFree(c);
        return -1;
    }
    for (const char *p = queue; *p; p++)
        argvlen[1]++;
    redisReply *r = redisCommandArgv(c, 3, argv, argvlen); // expect: missing-timeout
    if (r != NULL) {
        if (r->type == REDIS_REPLY_INTEGER)
            depth = r->integer;
        freeReplyObject(r);
    }
    redisFree(c);
    return depth;
}

/*
 * check-name: redisCommandArgv on a Unix-socket context without a timeout
 * check-description: redisConnectUnix, like redisConnect, sets no timeout: the redisCommandArgv is reported.
 */
