/* Audit events written by fire-and-forget detached threads, one per event, all on the global MySQL
 * connection. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/mysql/mysql.h"

MYSQL *g_audit_db;

static void *write_event(void *arg) {
    char *event = arg;
    char q[512];
    snprintf(q, sizeof q, "INSERT INTO audit(msg) VALUES ('%s')", event);
    if (mysql_query(g_audit_db, q) != 0)
        fprintf(stderr, "audit: %s\n", mysql_error(g_audit_db));
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
        if (pthread_create(&t, &attr, write_event, copy) != 0) // expect: shared-session
            free(copy);
    }
    pthread_attr_destroy(&attr);
}

/*
 * check-name: detached threads of a loop share a global connection
 * check-description: every thread audit_batch creates runs mysql_query on g_audit_db without a lock; being
 *   detached does not make them take turns. Each thread frees the copy of the event it was given.
 */
