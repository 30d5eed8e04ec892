/* Fixed version of global-pgconn-two-routines.c: the module's db_lock()/db_unlock() wrappers serialise every
 * statement sent on the global connection. */
#include <pthread.h>
#include <stdio.h>

#include "../include/libpq-fe.h"

PGconn *g_db;
static pthread_mutex_t g_db_mutex = PTHREAD_MUTEX_INITIALIZER;

static void db_lock(void) {
    pthread_mutex_lock(&g_db_mutex);
}

static void db_unlock(void) {
    pthread_mutex_unlock(&g_db_mutex);
}

static int run(const char *sql) {
    PGresult *res;
    int ok;
    db_lock();
    res = PQexec(g_db, sql);
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "%s: %s", sql, PQerrorMessage(g_db));
    db_unlock();
    PQclear(res);
    return ok;
}

static void *import_events(void *arg) {
    (void)arg;
    run("INSERT INTO events SELECT * FROM staging_events");
    return NULL;
}

static void *expire_events(void *arg) {
    (void)arg;
    run("DELETE FROM events WHERE ts < now() - interval '30 days'");
    return NULL;
}

void maintenance(void) {
    pthread_t importer, cleaner;
    pthread_create(&importer, NULL, import_events, NULL);
    pthread_create(&cleaner, NULL, expire_events, NULL);
    pthread_join(importer, NULL);
    pthread_join(cleaner, NULL);
}

/*
 * check-name: global connection used under a lock wrapper
 * check-description: run() calls db_lock() before PQexec and PQerrorMessage on g_db and db_unlock() after;
 *   the wrappers are project functions around pthread_mutex_lock/unlock.
 */
