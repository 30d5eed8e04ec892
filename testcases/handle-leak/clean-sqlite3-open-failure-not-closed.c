/* Fixed version of sqlite3-open-failure-not-closed.c: the error paths close the connection as well. */
#include <stdio.h>

#include "../include/sqlite3.h"

int open_db(const char *path, sqlite3 **out) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

int user_version(const char *path) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    rc = sqlite3_exec(db, "PRAGMA user_version", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/*
 * check-name: sqlite3 connection closed after a failed open
 * check-description: sqlite3_close(db) runs on the error paths too (it accepts the NULL a failed allocation
 *   leaves); the success paths hand db to the caller or close it.
 */
