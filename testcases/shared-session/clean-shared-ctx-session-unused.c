/* The service struct holds the database connection next to the settings; the two threads started with it only
 * read the settings, and the connection is used by the creator once both are joined. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "../include/libpq-fe.h"

struct service {
    PGconn *db;
    const char *name;
    unsigned interval;
};

static void *heartbeat(void *arg) {
    const struct service *svc = arg;
    for (int i = 0; i < 3; i++) {
        printf("%s: alive\n", svc->name);
        sleep(svc->interval);
    }
    return NULL;
}

static void *print_settings(void *arg) {
    const struct service *svc = arg;
    printf("%s: heartbeat every %us\n", svc->name, svc->interval);
    return NULL;
}

int start_service(struct service *svc) {
    pthread_t hb, info;
    PGresult *res;
    int ok;
    pthread_create(&hb, NULL, heartbeat, svc);
    pthread_create(&info, NULL, print_settings, svc);
    pthread_join(info, NULL);
    pthread_join(hb, NULL);
    res = PQexec(svc->db, "SELECT 1");
    ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    return ok ? 0 : -1;
}

/*
 * check-name: struct holding a connection shared by threads that do not use it
 * check-description: svc goes to two threads, but neither heartbeat nor print_settings touches svc->db; the
 *   creator's PQexec comes after both joins.
 */
