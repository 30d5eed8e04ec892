/* A prepared statement leaks when stepping it fails. */
#include <stddef.h>

#include "../include/sqlite3.h"

int count_rows(sqlite3 *db, const char *table_sql, int *out) {
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, table_sql, -1, &stmt, NULL) != SQLITE_OK) // expect: handle-leak
        return -1;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return -1;
    *out = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return 0;
}

/*
 * check-name: prepared statement not finalized when sqlite3_step fails
 * check-description: sqlite3_prepare_v2 sets *ppStmt to NULL on error, so the failed-prepare path holds
 *   nothing; after a successful prepare, the step-failure path returns without sqlite3_finalize. db is a
 *   parameter and is not tracked.
 */
