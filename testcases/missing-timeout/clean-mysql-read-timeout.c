/* A reporting job that only bounds reads: MYSQL_OPT_READ_TIMEOUT alone counts as a timeout. */
#include <stddef.h>

#include "../include/mysql/mysql.h"

MYSQL *open_reporting(const char *host, const char *user, const char *pass) {
    unsigned int read_timeout = 300;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
    if (!mysql_real_connect(m, host, user, pass, "reports", 0, NULL, 0)) {
        mysql_close(m);
        return NULL;
    }
    return m;
}

/*
 * check-name: mysql_real_connect after MYSQL_OPT_READ_TIMEOUT
 * check-description: MYSQL_OPT_READ_TIMEOUT set with mysql_options bounds the connection: no finding.
 */
