/* Fixed version of mysql-no-options.c: connect and read timeouts are set before connecting. */
#include <stdio.h>

#include "../include/mysql/mysql.h"

int record_login(const char *host, const char *user, const char *pass, const char *who) {
    char q[256];
    int rc = -1;
    unsigned int connect_timeout = 5;
    unsigned int read_timeout = 30;
    MYSQL *m = mysql_init(NULL);
    if (m == NULL)
        return -1;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
    if (mysql_real_connect(m, host, user, pass, "audit", 3306, NULL, 0) == NULL) {
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
 * check-name: mysql_real_connect after MYSQL_OPT_CONNECT_TIMEOUT
 * check-description: mysql_options sets the connect (and read) timeout before mysql_real_connect.
 */
