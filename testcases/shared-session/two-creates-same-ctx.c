/* Nightly maintenance: two purge jobs started in parallel with the address of one struct, which holds a single
 * MySQL connection. */
#include <pthread.h>
#include <stdio.h>

#include "../include/mysql/mysql.h"

struct maint {
    MYSQL *db;
    int days;
};

static void purge(struct maint *m, const char *table) {
    char q[128];
    snprintf(q, sizeof q, "DELETE FROM %s WHERE created < NOW() - INTERVAL %d DAY", table, m->days);
    if (mysql_query(m->db, q) != 0)
        fprintf(stderr, "purge %s: %s\n", table, mysql_error(m->db));
}

static void *purge_sessions(void *arg) {
    purge(arg, "sessions");
    return NULL;
}

static void *purge_tokens(void *arg) {
    purge(arg, "tokens");
    return NULL;
}

void nightly(MYSQL *db, int days) {
    struct maint m = {db, days};
    pthread_t a, b;
    pthread_create(&a, NULL, purge_sessions, &m);
    pthread_create(&b, NULL, purge_tokens, &m); // expect: shared-session
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

/*
 * check-name: same struct instance given to two different routines
 * check-description: purge_sessions and purge_tokens both reach mysql_query on m.db (through purge), and &m is
 *   the argument of both creations: the second one shares the connection. Both threads are joined before
 *   nightly returns, so &m does not outlive its frame.
 */
