/* A materialized view is refreshed in the background on the global connection while the creator, before
 * joining, runs its own query on that same connection. */
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
    res = PQexec(g_db, "SELECT count(*) FROM pending_orders"); // expect: shared-session
    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        n = PQntuples(res);
    PQclear(res);
    pthread_join(tid, NULL);
    return n;
}

/*
 * check-name: creator uses a global connection between create and join
 * check-description: refresh_views uses g_db in the new thread; nightly_refresh sends its own PQexec on g_db
 *   before pthread_join, so both threads may talk on the connection together.
 */
