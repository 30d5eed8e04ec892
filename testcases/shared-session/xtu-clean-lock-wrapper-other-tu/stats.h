#ifndef STATS_H
#define STATS_H

#include "../../include/hiredis/hiredis.h"

/* The process-wide Redis connection for counters; hold stats_lock() while using it. */
extern redisContext *g_stats;

int stats_connect(const char *host, int port);
void stats_disconnect(void);
void stats_lock(void);
void stats_unlock(void);

#endif
