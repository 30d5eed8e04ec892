/* Fixed version of two-creates-same-ctx.c: the struct shared by the two purge jobs holds the connection
 * parameters, and each job opens and closes its own MySQL connection. */
#include <pthread.h>
#include <stdio.h>

#include "../include/mysql/mysql.h"

struct maint {
    const char *host, *user, *pass;
    int days;
};

static void purge(const struct maint *m, const char *table) {
    char q[128];
    unsigned int timeout = 10;
    MYSQL *db = mysql_init(NULL);
    if (db == NULL)
        return;
    mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    snprintf(q, sizeof q, "DELETE FROM %s WHERE created < NOW() - INTERVAL %d DAY", table, m->days);
    if (mysql_real_connect(db, m->host, m->user, m->pass, "app", 0, NULL, 0) == NULL || mysql_query(db, q) != 0)
        fprintf(stderr, "purge %s: %s\n", table, mysql_error(db));
    mysql_close(db);
}

static void *purge_sessions(void *arg) {
    purge(arg, "sessions");
    return NULL;
}

static void *purge_tokens(void *arg) {
    purge(arg, "tokens");
    return NULL;
}

void nightly(const char *host, const char *user, const char *pass, int days) {
    struct maint m = {host, user, pass, days};
    pthread_t a, b;
    pthread_create(&a, NULL, purge_sessions, &m);
    pthread_create(&b, NULL, purge_tokens, &m);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

/*
 * check-name: same struct given to two threads that each open their own connection
 * check-description: &m is shared, but it holds no session: purge connects a MYSQL handle of its own in the
 *   thread that calls it, and closes it before returning.
 */
