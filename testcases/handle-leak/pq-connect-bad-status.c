/* PQconnectdb returns a PGconn that must be finished even when the connection failed. */
#include <stdio.h>

#include "../include/libpq-fe.h"

PGconn *connect_inventory(void) {
    PGconn *conn = PQconnectdb("host=db.internal dbname=inventory connect_timeout=5"); // expect: handle-leak
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "connection failed: %s", PQerrorMessage(conn));
        return NULL;
    }
    return conn;
}

/*
 * check-name: PGconn not finished after a failed connection
 * check-description: libpq documents that PQfinish must be called on the PGconn even if the connection attempt
 *   fails; the CONNECTION_BAD path returns NULL and leaks it. PQstatus and PQerrorMessage only use the
 *   connection. The success path returns it (acquire wrapper).
 */
