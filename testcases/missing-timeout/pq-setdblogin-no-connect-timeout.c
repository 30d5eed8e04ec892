/* PQsetdbLogin with a plain database name: no way to pass connect_timeout, so the connect is unbounded. */
#include <stdio.h>

#include "../include/libpq-fe.h"

int purge_sessions(const char *host, const char *password) {
    int rc = -1;
    PGconn *conn = PQsetdbLogin(host, "5432", NULL, NULL, "sessions", "janitor", password); // expect: missing-timeout
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
 * check-name: PQsetdbLogin with a literal dbName lacking connect_timeout
 * check-description: dbName ("sessions") is a literal without connect_timeout: reported at PQsetdbLogin.
 */
