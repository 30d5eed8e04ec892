/* The global is reset on some paths but not on all of them. */
#include <stddef.h>

int *g_cur;

int process(int fail) {
    int ctx = 0;
    g_cur = &ctx; // expect: stack-address-escape
    if (fail)
        return -1;
    g_cur = NULL;
    return 0;
}

void branchy(int c) {
    int ctx = 0;
    g_cur = &ctx; // expect: stack-address-escape
    if (c)
        g_cur = NULL;
}

void loop_clear(int n) {
    int ctx = 0;
    g_cur = &ctx; // expect: stack-address-escape
    for (int i = 0; i < n; i++)
        g_cur = NULL;
}

/*
 * check-name: address stored into a global and cleared on one path only
 * check-description: the early return in process, the else side of branchy and the zero-iteration path of
 *   loop_clear all return with g_cur still pointing at ctx. Reported on the store.
 */
