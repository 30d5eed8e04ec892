/* Library handles released twice. */
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
    closedir(d);
    return closedir(d); // expect: handle-double-release
}

int step_once(sqlite3 *db, const char *sql) {
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        sqlite3_finalize(stmt); // expect: handle-double-release
        return -1;
    }
    return 0;
}

void cleanup_twice(const char *url) {
    CURL *c = curl_easy_init();
    if (!c)
        return;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_cleanup(c);
    curl_easy_cleanup(c); // expect: handle-double-release
}

int status_of(PGconn *conn, const char *sql) {
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    PQclear(res);
    if (st == PGRES_FATAL_ERROR)
        PQclear(res); // expect: handle-double-release
    return (int)st;
}

/*
 * check-name: library handles released twice
 * check-description: closedir, sqlite3_finalize, curl_easy_cleanup and PQclear each run twice on one path.
 *   The findings are on the second release.
 */
