/* Fixed version of sqlite3-stmt-not-finalized.c. */
#include <stddef.h>

#include "../include/sqlite3.h"

int count_rows(sqlite3 *db, const char *table_sql, int *out) {
    sqlite3_stmt *stmt = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, table_sql, -1, &stmt, NULL) != SQLITE_OK)
        goto done;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        goto done;
    *out = sqlite3_column_int(stmt, 0);
    rc = 0;
done:
    sqlite3_finalize(stmt);
    return rc;
}

/*
 * check-name: prepared statement finalized at a single exit
 * check-description: every path reaches sqlite3_finalize(stmt), which is a no-op on the NULL left by a failed
 *   prepare.
 */
