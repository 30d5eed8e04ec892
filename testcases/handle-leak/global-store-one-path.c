/* The handle is stored into a global on one path only; the other path drops it. */
#include <stdio.h>

FILE *g_audit;
static int s_audit_fd = -1;

int audit_open(const char *path, int enabled) {
    FILE *fp = fopen(path, "a"); // expect: handle-leak
    if (!fp)
        return -1;
    if (!enabled)
        return 0;
    g_audit = fp;
    return 0;
}

int audit_fd_open(const char *path) {
    FILE *fp = fopen(path, "a"); // expect: handle-leak
    if (fp == NULL)
        return -1;
    s_audit_fd = fileno(fp);
    return 0;
}

/*
 * check-name: handle stored in a global on one path only
 * check-description: audit_open keeps fp in g_audit unless enabled is 0, where it returns with the stream open.
 *   audit_fd_open keeps only the descriptor number fileno(fp) in a static: the FILE* itself is lost, and the
 *   stream (with its buffer) leaks. fileno is a system-header function that does not take the stream over.
 */
