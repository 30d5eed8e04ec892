#include <stddef.h>

#include "db.h"

int count_users(const char *dir) {
    sqlite3 *db = store_open(dir); // expect: handle-leak
    if (db == NULL)
        return -1;
    if (sqlite3_exec(db, "SELECT count(*) FROM users", NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    sqlite3_close(db);
    return 0;
}

int users_ok(const char *dir) {
    int rc;
    sqlite3 *db = store_open(dir);
    if (!db)
        return 0;
    rc = sqlite3_exec(db, "SELECT 1 FROM users LIMIT 1", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return rc;
}
