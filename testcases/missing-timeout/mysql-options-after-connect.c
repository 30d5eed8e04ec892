/* The timeout is set, but only after the connect it was meant to bound. */
#include <stdio.h>

#include "../include/mysql/mysql.h"

MYSQL *open_primary(const char *host, const char *user, const char *pass) {
    unsigned int timeout = 10;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    if (!mysql_real_connect(m, host, user, pass, "app", 0, NULL, 0)) { // expect: missing-timeout
        fprintf(stderr, "mysql: %s\n", mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
    return m;
}

/*
 * check-name: mysql_options after mysql_real_connect
 * check-description: there is no mysql_options call before the connect on the path: reported at
 *   mysql_real_connect.
 */
