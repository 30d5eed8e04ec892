/* Fixed version of mysql-connect-fails.c. */
#include <stdio.h>

#include "../include/mysql/mysql.h"

MYSQL *db_connect(const char *host, const char *user, const char *pass) {
    unsigned int timeout = 5;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (!mysql_real_connect(m, host, user, pass, "app", 0, NULL, 0)) {
        fprintf(stderr, "mysql: %s\n", mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    return m;
}

/*
 * check-name: MYSQL handle closed after a failed connect
 * check-description: the failure path calls mysql_close; success returns the handle.
 */
