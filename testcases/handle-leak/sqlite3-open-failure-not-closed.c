/* sqlite3_open hands back a connection even when it fails; it must be closed on the error path too. */
#include <stdio.h>

#include "../include/sqlite3.h"

int open_db(const char *path, sqlite3 **out) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) // expect: handle-leak
        return -1;
    *out = db;
    return 0;
}

int user_version(const char *path) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL); // expect: handle-leak
    if (rc != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", path, sqlite3_errmsg(db));
        return -1;
    }
    rc = sqlite3_exec(db, "PRAGMA user_version", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/*
 * check-name: sqlite3 connection not closed after a failed open
 * check-description: unlike fopen, sqlite3_open and sqlite3_open_v2 allocate the connection whatever they
 *   return ("whether or not an error occurs ... resources associated with the database connection handle should
 *   be released by passing it to sqlite3_close()"), so the error paths leak db. The success paths store it
 *   through the out-parameter or close it. sqlite3_errmsg and sqlite3_exec only use the connection.
 */
