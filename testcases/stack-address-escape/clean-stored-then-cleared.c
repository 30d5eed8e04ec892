/* Fixed version of cleared-on-one-path.c: the global is cleared (or overwritten) on every path. */
#include <stddef.h>

int *g_cur;

static int peek(void) {
    return g_cur ? *g_cur : 0;
}

int with_context(int v) {
    int ctx = v;
    g_cur = &ctx;
    int r = peek();
    g_cur = NULL;
    return r;
}

int both_paths(int c) {
    int ctx = c;
    g_cur = &ctx;
    if (c) {
        int r = peek();
        g_cur = NULL;
        return r;
    }
    g_cur = NULL;
    return 0;
}

static int s_idle;

void overwritten(void) {
    int ctx = 1;
    g_cur = &ctx;
    (void)peek();
    g_cur = &s_idle;
}

void outparam_reset(int **out) {
    int tmp = 0;
    *out = &tmp;
    **out = 5;
    *out = NULL;
}

/*
 * check-name: address stored, then cleared before every return
 * check-description: g_cur and *out point at a local only while the function runs; every path resets them to
 *   NULL or to a static before returning.
 */
