/* Library handles used after their release function. */
#include <stddef.h>

#include "../include/curl/curl.h"
#include "../include/sqlite3.h"

int fetch(const char *url) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    curl_easy_cleanup(curl);
    return curl_easy_perform(curl) == CURLE_OK ? 0 : -1; // expect: handle-use-after-release
}

int insert_row(sqlite3 *db, int value) {
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, "INSERT INTO t(v) VALUES (?)", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(stmt, 1, value);
    sqlite3_finalize(stmt);
    return sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1; // expect: handle-use-after-release
}

/*
 * check-name: library handles used after release
 * check-description: curl_easy_perform runs on a handle already passed to curl_easy_cleanup; sqlite3_step on a
 *   finalized statement. Each path has exactly one use after the release.
 */
