/* A PGresult leaks when the query did not return rows. */
#include <stdlib.h>

#include "../include/libpq-fe.h"

long count_items(PGconn *conn) {
    long n;
    PGresult *res = PQexec(conn, "SELECT count(*) FROM items"); // expect: handle-leak
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return -1;
    n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

/*
 * check-name: PGresult not cleared when the query fails
 * check-description: PQexec returns a result object for failed queries too (PQresultStatus tells which), and
 *   it must be passed to PQclear; the error path returns -1 without clearing it. conn is a parameter.
 */
