/* mysql_real_connect with the client defaults: no connect timeout, no read timeout. */
#include <stdio.h>

#include "../include/mysql/mysql.h"

int record_login(const char *host, const char *user, const char *pass, const char *who) {
    char q[256];
    int rc = -1;
    MYSQL *m = mysql_init(NULL);
    if (m == NULL)
        return -1;
    if (mysql_real_connect(m, host, user, pass, "audit", 3306, NULL, 0) == NULL) { // expect: missing-timeout
        fprintf(stderr, "mysql: %s\n", mysql_error(m));
        mysql_close(m);
        return -1;
    }
    snprintf(q, sizeof q, "INSERT INTO logins(user) VALUES ('%s')", who);
    if (mysql_query(m, q) == 0)
        rc = 0;
    mysql_close(m);
    return rc;
}

/*
 * check-name: mysql_real_connect without timeout options
 * check-description: m comes from mysql_init(NULL) here and mysql_options is never called with
 *   MYSQL_OPT_CONNECT_TIMEOUT or MYSQL_OPT_READ_TIMEOUT: reported at mysql_real_connect.
 */
