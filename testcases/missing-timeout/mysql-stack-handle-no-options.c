/* A MYSQL structure on the stack initialised with mysql_init(&m): the same missing timeout as with
 * mysql_init(NULL). */
#include <stdio.h>

#include "../include/mysql/mysql.h"

int check_replica(const char *host, const char *user, const char *pass) {
    MYSQL m;
    int ok;
    if (mysql_init(&m) == NULL)
        return -1;
    ok = mysql_real_connect(&m, host, user, pass, NULL, 0, NULL, 0) != NULL; // expect: missing-timeout
    if (!ok)
        fprintf(stderr, "replica %s: %s\n", host, mysql_error(&m));
    mysql_close(&m);
    return ok;
}

/*
 * check-name: mysql_real_connect on a stack MYSQL without timeout options
 * check-description: mysql_init(&m) initialises a caller-provided structure; the connect has no timeout option set
 *   before it. Known gap: the handle is the address of a local, which the rule does not track yet.
 * check-known-to-fail
 */
