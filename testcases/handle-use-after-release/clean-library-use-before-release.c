/* Fixed version of library-use-after-release.c. */
#include <stddef.h>

#include "../include/curl/curl.h"
#include "../include/sqlite3.h"

int fetch(const char *url) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int insert_row(sqlite3 *db, int value) {
    sqlite3_stmt *stmt;
    int rc;
    if (sqlite3_prepare_v2(db, "INSERT INTO t(v) VALUES (?)", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(stmt, 1, value);
    rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1;
    sqlite3_finalize(stmt);
    return rc;
}

/*
 * check-name: library handles used before release
 * check-description: perform, bind and step run before cleanup and finalize.
 */
