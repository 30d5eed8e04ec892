/* MYSQL_OPT_WRITE_TIMEOUT only bounds sending: the connect and every wait for a result stay unbounded. */
#include <stddef.h>

#include "../include/mysql/mysql.h"

MYSQL *open_ingest(const char *host, const char *user, const char *pass) {
    unsigned int write_timeout = 60;
    MYSQL *m = mysql_init(NULL);
    if (!m)
        return NULL;
    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &write_timeout);
    if (!mysql_real_connect(m, host, user, pass, "ingest", 0, NULL, 0)) { // expect: missing-timeout
        mysql_close(m);
        return NULL;
    }
    return m;
}

/*
 * check-name: mysql_real_connect with only MYSQL_OPT_WRITE_TIMEOUT
 * check-description: neither MYSQL_OPT_CONNECT_TIMEOUT nor MYSQL_OPT_READ_TIMEOUT is set: reported.
 */
