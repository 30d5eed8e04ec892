/* Stub of <libpq-fe.h> for lifeline's samples: only what they use, with libpq's signatures and values. */
#ifndef LIFELINE_STUB_LIBPQ_FE_H
#define LIFELINE_STUB_LIBPQ_FE_H
#pragma GCC system_header

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

typedef enum {
    CONNECTION_OK,
    CONNECTION_BAD,
} ConnStatusType;

typedef enum {
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK,
    PGRES_TUPLES_OK,
    PGRES_COPY_OUT,
    PGRES_COPY_IN,
    PGRES_BAD_RESPONSE,
    PGRES_NONFATAL_ERROR,
    PGRES_FATAL_ERROR,
} ExecStatusType;

PGconn *PQconnectdb(const char *conninfo);
PGconn *PQsetdbLogin(const char *pghost, const char *pgport, const char *pgoptions, const char *pgtty,
                     const char *dbName, const char *login, const char *pwd);
void PQfinish(PGconn *conn);
ConnStatusType PQstatus(const PGconn *conn);
char *PQerrorMessage(const PGconn *conn);

PGresult *PQexec(PGconn *conn, const char *query);
ExecStatusType PQresultStatus(const PGresult *res);
int PQntuples(const PGresult *res);
char *PQgetvalue(const PGresult *res, int tup_num, int field_num);
void PQclear(PGresult *res);
void PQfreemem(void *ptr);

#endif
