/* Handles stored where they outlive the function: globals, statics, global arrays and structs. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

struct registry {
    FILE *log;
    int fds[8];
    int nfds;
};

FILE *g_audit;
static int s_lock_fd = -1;
static struct registry s_reg;
struct registry *g_reg_ptr = &s_reg;

int audit_open(const char *path) {
    FILE *fp = fopen(path, "a");
    if (!fp)
        return -1;
    g_audit = fp;
    return 0;
}

int lock_open(const char *path) {
    static int opened;
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0)
        return -1;
    s_lock_fd = fd;
    opened++;
    return 0;
}

int reg_add(const char *path) {
    int fd;
    if (s_reg.nfds >= 8)
        return -1;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    s_reg.fds[s_reg.nfds++] = fd;
    return 0;
}

int reg_log(const char *path) {
    FILE *fp = fopen(path, "w");
    if (fp == NULL)
        return -1;
    g_reg_ptr->log = fp;
    return 0;
}

FILE *cached_stream(const char *path) {
    static FILE *cached;
    if (cached == NULL)
        cached = fopen(path, "r");
    return cached;
}

/*
 * check-name: handles stored in globals and statics
 * check-description: a global FILE*, a file-scope static, an element of a static struct's array, a field of a
 *   struct reached through a global pointer and a function-scope static all outlive the function: the handle is
 *   kept, not leaked.
 */
