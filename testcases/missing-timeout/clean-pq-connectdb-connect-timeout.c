/* Fixed version of pq-connectdb-no-connect-timeout.c: connect_timeout in the connection string. */
#include <stdio.h>
#include <stdlib.h>

#include "../include/libpq-fe.h"

long count_orders(void) {
    long n = -1;
    PGconn *conn = PQconnectdb("host=db.internal port=5432 dbname=shop user=reporter connect_timeout=10");
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "connect: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return -1;
    }
    PGresult *res = PQexec(conn, "SELECT count(*) FROM orders");
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    PQfinish(conn);
    return n;
}

/*
 * check-name: PQconnectdb with connect_timeout
 * check-description: the literal connection string contains connect_timeout.
 */
