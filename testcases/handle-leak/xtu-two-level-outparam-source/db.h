#ifndef DB_H
#define DB_H

#include "../../include/sqlite3.h"

/* 0 and *out set to an open connection, or -1 and *out untouched. */
int db_open(const char *path, sqlite3 **out);
/* An open connection, or NULL. */
sqlite3 *store_open(const char *dir);

#endif
