/* Fixed version of param-ctx-n-threads.c: the context carries a mutex and the workers hold it while they talk
 * to the shared libpq connection. */
#include <pthread.h>
#include <stdio.h>

#include "../include/libpq-fe.h"

#define NREPORTS 4

struct report_ctx {
    PGconn *conn;
    pthread_mutex_t conn_lock;
    const char *tables[NREPORTS];
};

static void *count_rows(void *arg) {
    struct report_ctx *ctx = arg;
    PGresult *res;
    pthread_mutex_lock(&ctx->conn_lock);
    res = PQexec(ctx->conn, "SELECT count(*) FROM events");
    pthread_mutex_unlock(&ctx->conn_lock);
    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        printf("events: %s rows\n", PQgetvalue(res, 0, 0));
    PQclear(res);
    return NULL;
}

void refresh_reports(struct report_ctx *ctx) {
    pthread_t tids[NREPORTS];
    int i;
    for (i = 0; i < NREPORTS; i++)
        pthread_create(&tids[i], NULL, count_rows, ctx);
    for (i = 0; i < NREPORTS; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: shared connection used under the context's mutex
 * check-description: the same ctx goes to every thread, but PQexec on ctx->conn only runs with
 *   ctx->conn_lock held; the PGresult it returns belongs to the thread and is read after the unlock.
 */
