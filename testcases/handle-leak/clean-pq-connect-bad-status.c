/* Fixed version of pq-connect-bad-status.c. */
#include <stdio.h>

#include "../include/libpq-fe.h"

PGconn *connect_inventory(void) {
    PGconn *conn = PQconnectdb("host=db.internal dbname=inventory connect_timeout=5");
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

/*
 * check-name: PGconn finished after a failed connection
 * check-description: the CONNECTION_BAD path calls PQfinish; the success path returns the connection.
 */
