/* A connection from plain sqlite3_open, shared by two threads: the default threading mode of SQLite builds is
 * serialized, so the connection carries its own mutex. */
#include <pthread.h>
#include <stdio.h>

#include "../include/sqlite3.h"

struct ingest_job {
    sqlite3 *db;
    const char *sql;
};

static void *ingest(void *arg) {
    struct ingest_job *job = arg;
    char *err = NULL;
    if (sqlite3_exec(job->db, job->sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "ingest: %s\n", err);
        sqlite3_free(err);
    }
    return NULL;
}

int ingest_parallel(const char *path) {
    struct ingest_job job = {NULL, "INSERT INTO samples SELECT * FROM incoming"};
    pthread_t a, b;
    if (sqlite3_open(path, &job.db) != SQLITE_OK) {
        sqlite3_close(job.db);
        return -1;
    }
    pthread_create(&a, NULL, ingest, &job);
    pthread_create(&b, NULL, ingest, &job);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    sqlite3_close(job.db);
    return 0;
}

/*
 * check-name: sqlite3_open connection shared by two threads
 * check-description: &job, holding a connection from sqlite3_open (no SQLITE_OPEN_NOMUTEX), goes to two
 *   threads; sqlite3 is a session kind only when opened with SQLITE_OPEN_NOMUTEX.
 */
