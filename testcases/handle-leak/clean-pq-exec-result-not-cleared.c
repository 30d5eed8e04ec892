/* Fixed version of pq-exec-result-not-cleared.c. */
#include <stdlib.h>

#include "../include/libpq-fe.h"

long count_items(PGconn *conn) {
    long n = -1;
    PGresult *res = PQexec(conn, "SELECT count(*) FROM items");
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

/*
 * check-name: PGresult cleared on every path
 * check-description: the status only decides whether n is read; PQclear runs on both paths.
 */
