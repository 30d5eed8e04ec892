/* Two ingest threads given one SQLite connection opened with SQLITE_OPEN_NOMUTEX: in that multi-thread mode
 * SQLite does not serialise calls, and a connection must not be used by two threads at once. */
#include <pthread.h>
#include <stdio.h>

#include "../include/sqlite3.h"

static void *ingest(void *arg) {
    sqlite3 *db = arg;
    char *err = NULL;
    if (sqlite3_exec(db, "INSERT INTO samples SELECT * FROM incoming", NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "ingest: %s\n", err);
        sqlite3_free(err);
    }
    return NULL;
}

int ingest_parallel(const char *path) {
    sqlite3 *db = NULL;
    pthread_t a, b;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    pthread_create(&a, NULL, ingest, db);
    pthread_create(&b, NULL, ingest, db); // expect: shared-session
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    sqlite3_close(db);
    return 0;
}

/*
 * check-name: SQLITE_OPEN_NOMUTEX connection given to two threads
 * check-description: db was opened in multi-thread mode (SQLITE_OPEN_NOMUTEX) and both threads run sqlite3_exec
 *   on it: the second creation shares it.
 */
