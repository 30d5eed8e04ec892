/* Stub of <hiredis/hiredis.h> for lifeline's samples: only what they use, with hiredis' signatures and values.
 * redisContext is cut down to the members the samples read (the real one has more, after `err` and `errstr`). */
#ifndef LIFELINE_STUB_HIREDIS_H
#define LIFELINE_STUB_HIREDIS_H
#pragma GCC system_header

#include <stddef.h>
#include <sys/time.h>

#define REDIS_ERR -1
#define REDIS_OK 0

#define REDIS_REPLY_STRING 1
#define REDIS_REPLY_ARRAY 2
#define REDIS_REPLY_INTEGER 3
#define REDIS_REPLY_NIL 4
#define REDIS_REPLY_STATUS 5
#define REDIS_REPLY_ERROR 6

typedef struct redisReply {
    int type;
    long long integer;
    double dval;
    size_t len;
    char *str;
    char vtype[4];
    size_t elements;
    struct redisReply **element;
} redisReply;

typedef struct redisContext {
    const void *funcs;
    int err;
    char errstr[128];
    int fd;
    int flags;
} redisContext;

redisContext *redisConnect(const char *ip, int port);
redisContext *redisConnectWithTimeout(const char *ip, int port, const struct timeval tv);
redisContext *redisConnectUnix(const char *path);
redisContext *redisConnectUnixWithTimeout(const char *path, const struct timeval tv);
int redisSetTimeout(redisContext *c, const struct timeval tv);
void redisFree(redisContext *c);
void *redisCommand(redisContext *c, const char *format, ...);
void *redisCommandArgv(redisContext *c, int argc, const char **argv, const size_t *argvlen);
int redisAppendCommand(redisContext *c, const char *format, ...);
int redisGetReply(redisContext *c, void **reply);
void freeReplyObject(void *reply);

#endif
