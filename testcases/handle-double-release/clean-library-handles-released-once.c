/* Fixed version of library-handles-released-twice.c. */
#include <dirent.h>
#include <stddef.h>
#include <stdio.h>

#include "../include/curl/curl.h"
#include "../include/libpq-fe.h"
#include "../include/sqlite3.h"

int list_then_close(const char *path) {
    DIR *d = opendir(path);
    if (!d)
        return -1;
    while (readdir(d))
        ;
    return closedir(d);
}

int step_once(sqlite3 *db, const char *sql) {
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return -1;
    return 0;
}

void cleanup_once(const char *url) {
    CURL *c = curl_easy_init();
    if (!c)
        return;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_cleanup(c);
    c = NULL;
}

int status_of(PGconn *conn, const char *sql) {
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    PQclear(res);
    res = NULL;
    if (st == PGRES_FATAL_ERROR)
        PQclear(res);
    return (int)st;
}

/*
 * check-name: library handles released once
 * check-description: each handle is released once; in status_of the second PQclear receives the NULL that
 *   replaced the released result (PQclear(NULL) does nothing), which is not a release of the handle.
 */
