/* Without connect_timeout, libpq waits for an unreachable server as long as the operating system lets it. */
#include <stdio.h>
#include <stdlib.h>

#include "../include/libpq-fe.h"

long count_orders(void) {
    long n = -1;
    PGconn *conn = PQconnectdb("host=db.internal port=5432 dbname=shop user=reporter"); // expect: missing-timeout
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
 * check-name: PQconnectdb with a literal conninfo lacking connect_timeout
 * check-description: the connection string is a literal with no connect_timeout keyword: reported at PQconnectdb.
 */
