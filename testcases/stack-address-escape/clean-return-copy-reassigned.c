/* A local pointer first points at a local, but is reassigned on every path before it is returned. */
#include <stdio.h>

int *select_ptr(int *param) {
    int local = 0;
    int *p = &local;
    *p = 3;
    p = param;
    return p;
}

const char *label(int code, const char *dflt) {
    char buf[16];
    const char *s = buf;
    snprintf(buf, sizeof buf, "%d", code);
    if (buf[0] == '-')
        s = "negative";
    else
        s = dflt;
    return s;
}

int *loop_then_reassigned(int *param, int n) {
    int tmp[4] = {0};
    int *cur = tmp;
    for (int i = 0; i < n && i < 4; i++)
        cur[i] = i;
    cur = param;
    return cur;
}

/*
 * check-name: local pointer reassigned before it is returned
 * check-description: p, s and cur hold the address of a local for a while, but every path overwrites them with
 *   the caller's pointer or a literal before the return. Compare return-through-local-copy.c.
 */
