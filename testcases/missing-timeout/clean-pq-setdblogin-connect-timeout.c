/* Fixed version of pq-setdblogin-no-connect-timeout.c: dbName may be a connection string, and this one carries
 * connect_timeout. */
#include <stdio.h>

#include "../include/libpq-fe.h"

int purge_sessions(const char *host, const char *password) {
    int rc = -1;
    PGconn *conn = PQsetdbLogin(host, "5432", NULL, NULL, "dbname=sessions connect_timeout=5", "janitor", password);
    if (PQstatus(conn) == CONNECTION_OK) {
        PGresult *res = PQexec(conn, "DELETE FROM sessions WHERE expires < now()");
        if (PQresultStatus(res) == PGRES_COMMAND_OK)
            rc = 0;
        PQclear(res);
    } else {
        fprintf(stderr, "%s", PQerrorMessage(conn));
    }
    PQfinish(conn);
    return rc;
}

/*
 * check-name: PQsetdbLogin with connect_timeout in dbName
 * check-description: a dbName containing '=' is a connection string; this literal one has connect_timeout.
 */
