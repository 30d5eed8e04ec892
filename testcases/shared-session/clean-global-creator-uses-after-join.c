/* Fixed version of global-creator-uses-before-join.c: the creator's query waits for the refresh thread. */
#include <pthread.h>
#include <stdio.h>

#include "../include/libpq-fe.h"

PGconn *g_db;

static void *refresh_views(void *arg) {
    (void)arg;
    PQclear(PQexec(g_db, "REFRESH MATERIALIZED VIEW daily_totals"));
    return NULL;
}

int nightly_refresh(void) {
    pthread_t tid;
    PGresult *res;
    int n = -1;
    if (pthread_create(&tid, NULL, refresh_views, NULL) != 0)
        return -1;
    pthread_join(tid, NULL);
    res = PQexec(g_db, "SELECT count(*) FROM pending_orders");
    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        n = PQntuples(res);
    PQclear(res);
    return n;
}

/*
 * check-name: creator uses a global connection only after join
 * check-description: one thread uses g_db; nightly_refresh runs its own query after pthread_join, when that
 *   thread is gone.
 */
