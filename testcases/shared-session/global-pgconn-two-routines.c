/* An importer and a cleaner run side by side, each with its own routine, but both on the service's one global
 * libpq connection. */
#include <pthread.h>
#include <stdio.h>

#include "../include/libpq-fe.h"

PGconn *g_db;

static int run(const char *sql) {
    PGresult *res = PQexec(g_db, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "%s: %s", sql, PQerrorMessage(g_db));
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
    pthread_create(&cleaner, NULL, expire_events, NULL); // expect: shared-session
    pthread_join(importer, NULL);
    pthread_join(cleaner, NULL);
}

/*
 * check-name: global connection used by two different routines
 * check-description: import_events and expire_events both reach PQexec on the global g_db through run(), with
 *   no lock; the second pthread_create starts a thread that uses the connection the first may be using.
 */
