/* A MYSQL handle from mysql_init must be closed even when mysql_real_connect fails. */
#include <stdio.h>

#include "../include/mysql/mysql.h"

MYSQL *db_connect(const char *host, const char *user, const char *pass) {
    unsigned int timeout = 5;
    MYSQL *m = mysql_init(NULL); // expect: handle-leak
    if (!m)
        return NULL;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    if (!mysql_real_connect(m, host, user, pass, "app", 0, NULL, 0)) {
        fprintf(stderr, "mysql: %s\n", mysql_error(m));
        return NULL;
    }
    return m;
}

/*
 * check-name: MYSQL handle not closed after a failed connect
 * check-description: mysql_real_connect returns NULL on failure but the handle mysql_init allocated stays
 *   allocated until mysql_close; the error path leaks it. mysql_options, mysql_real_connect and mysql_error only
 *   use the handle.
 */
