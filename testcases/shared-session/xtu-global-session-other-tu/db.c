#include "db.h"

#include <stdio.h>

#include "../../include/libpq-fe.h"

static PGconn *conn;

int db_open(const char *conninfo) {
    conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "db: %s", PQerrorMessage(conn));
        PQfinish(conn);
        conn = NULL;
        return -1;
    }
    return 0;
}

int db_exec(const char *sql) {
    PGresult *res = PQexec(conn, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok ? 0 : -1;
}

void db_close(void) {
    PQfinish(conn);
    conn = NULL;
}
