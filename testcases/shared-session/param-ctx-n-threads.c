/* Report workers all handed the caller's context pointer: every thread sends its query on the same libpq
 * connection, which must not be used by two threads at once. */
#include <pthread.h>
#include <stdio.h>

#include "../include/libpq-fe.h"

#define NREPORTS 4

struct report_ctx {
    PGconn *conn;
    const char *tables[NREPORTS];
};

static void *count_rows(void *arg) {
    struct report_ctx *ctx = arg;
    PGresult *res = PQexec(ctx->conn, "SELECT count(*) FROM events");
    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        printf("events: %s rows\n", PQgetvalue(res, 0, 0));
    PQclear(res);
    return NULL;
}

void refresh_reports(struct report_ctx *ctx) {
    pthread_t tids[NREPORTS];
    int i;
    for (i = 0; i < NREPORTS; i++)
        pthread_create(&tids[i], NULL, count_rows, ctx); // expect: shared-session
    for (i = 0; i < NREPORTS; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: context pointer parameter given to every thread of a loop
 * check-description: refresh_reports does not know where ctx comes from, but it hands the same pointer to
 *   NREPORTS threads whose routine runs PQexec on ctx->conn without a lock.
 */
