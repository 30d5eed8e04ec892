/* Stub of <mysql/mysql.h> for lifeline's samples: only what they use, with the MySQL C API's signatures and values. */
#ifndef LIFELINE_STUB_MYSQL_H
#define LIFELINE_STUB_MYSQL_H
#pragma GCC system_header

/* Complete, as in the real header, so that `MYSQL m; mysql_init(&m);` compiles; the member is a stand-in for the
 * real ones. */
typedef struct MYSQL {
    char opaque_[1024];
} MYSQL;

enum mysql_option {
    MYSQL_OPT_CONNECT_TIMEOUT,
    MYSQL_OPT_COMPRESS,
    MYSQL_OPT_NAMED_PIPE,
    MYSQL_INIT_COMMAND,
    MYSQL_READ_DEFAULT_FILE,
    MYSQL_READ_DEFAULT_GROUP,
    MYSQL_SET_CHARSET_DIR,
    MYSQL_SET_CHARSET_NAME,
    MYSQL_OPT_LOCAL_INFILE,
    MYSQL_OPT_PROTOCOL,
    MYSQL_SHARED_MEMORY_BASE_NAME,
    MYSQL_OPT_READ_TIMEOUT,
    MYSQL_OPT_WRITE_TIMEOUT,
};

MYSQL *mysql_init(MYSQL *mysql);
int mysql_options(MYSQL *mysql, enum mysql_option option, const void *arg);
MYSQL *mysql_real_connect(MYSQL *mysql, const char *host, const char *user, const char *passwd, const char *db,
                          unsigned int port, const char *unix_socket, unsigned long clientflag);
int mysql_query(MYSQL *mysql, const char *q);
const char *mysql_error(MYSQL *mysql);
unsigned int mysql_errno(MYSQL *mysql);
void mysql_close(MYSQL *sock);

#endif
