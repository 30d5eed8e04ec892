#include "db.h"

#include <stdio.h>

sqlite3 *store_open(const char *dir) {
    char path[512];
    sqlite3 *db = NULL;
    snprintf(path, sizeof path, "%s/store.db", dir);
    db_open(path, &db); /* leaves db NULL when it fails */
    return db;
}
