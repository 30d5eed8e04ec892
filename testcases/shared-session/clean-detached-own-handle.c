/* Fixed version of detached-share-global.c: each detached audit thread opens, uses and closes a connection of
 * its own. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/mysql/mysql.h"

static void *write_event(void *arg) {
    char *event = arg;
    char q[512];
    unsigned int timeout = 5;
    MYSQL *db = mysql_init(NULL);
    if (db != NULL) {
        mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
        snprintf(q, sizeof q, "INSERT INTO audit(msg) VALUES ('%s')", event);
        if (mysql_real_connect(db, "db.internal", "audit", NULL, "audit", 0, NULL, 0) == NULL ||
            mysql_query(db, q) != 0)
            fprintf(stderr, "audit: %s\n", mysql_error(db));
        mysql_close(db);
    }
    free(event);
    return NULL;
}

void audit_batch(char *const *events, int n) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        char *copy = strdup(events[i]);
        if (copy == NULL)
            continue;
        if (pthread_create(&t, &attr, write_event, copy) != 0)
            free(copy);
    }
    pthread_attr_destroy(&attr);
}

/*
 * check-name: detached threads, each with its own connection
 * check-description: write_event creates its MYSQL handle with mysql_init, connects with a timeout, queries and
 *   closes it, all in the detached thread; nothing session-like is shared.
 */
