/* Connection strings built at run time (from the environment, from a config file) may carry connect_timeout: the
 * rule only judges literals. */
#include <stdio.h>
#include <stdlib.h>

#include "../include/libpq-fe.h"

PGconn *open_from_env(void) {
    const char *dsn = getenv("DATABASE_URL");
    PGconn *conn = PQconnectdb(dsn ? dsn : "");
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

PGconn *open_configured(const char *host, const char *db, int timeout_s) {
    char conninfo[512];
    snprintf(conninfo, sizeof conninfo, "host=%s dbname=%s connect_timeout=%d", host, db, timeout_s);
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

PGconn *open_login(const char *host, const char *dbname, const char *user, const char *pw) {
    PGconn *conn = PQsetdbLogin(host, NULL, NULL, NULL, dbname, user, pw);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

/*
 * check-name: libpq connection strings that are not literals
 * check-description: getenv result, a formatted buffer and a dbName parameter are not string literals, so none of
 *   the three connects is judged. Each function returns its connection or finishes it.
 */
