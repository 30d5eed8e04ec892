#include "db.h"

#include <pthread.h>
#include <stdio.h>

#include "../../include/libpq-fe.h"

static PGconn *conn;
static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;

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
    PGresult *res;
    int ok;
    pthread_mutex_lock(&conn_lock);
    res = PQexec(conn, sql);
    pthread_mutex_unlock(&conn_lock);
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok ? 0 : -1;
}

void db_close(void) {
    PQfinish(conn);
    conn = NULL;
}
