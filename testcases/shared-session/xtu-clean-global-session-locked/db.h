#ifndef DB_H
#define DB_H

/* The importer's single database connection, kept in db.c. */
int db_open(const char *conninfo);
int db_exec(const char *sql);
void db_close(void);

#endif
