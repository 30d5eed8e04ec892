#include <pthread.h>
#include <stdio.h>

#include "db.h"

static void *import_users(void *arg) {
    (void)arg;
    if (db_exec("COPY users FROM '/srv/import/users.csv' CSV") != 0)
        fprintf(stderr, "users import failed\n");
    return NULL;
}

static void *import_orders(void *arg) {
    (void)arg;
    if (db_exec("COPY orders FROM '/srv/import/orders.csv' CSV") != 0)
        fprintf(stderr, "orders import failed\n");
    return NULL;
}

int import_all(const char *conninfo) {
    pthread_t users, orders;
    if (db_open(conninfo) != 0)
        return -1;
    pthread_create(&users, NULL, import_users, NULL);
    pthread_create(&orders, NULL, import_orders, NULL); // expect: shared-session
    pthread_join(users, NULL);
    pthread_join(orders, NULL);
    db_close();
    return 0;
}
