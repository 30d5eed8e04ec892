/* Fixed version of loop-escape.c and cleared-on-one-path.c: stores inside loops are cleared after (or inside)
 * the loop on every path. */
#include <stddef.h>

int *g_cur;

static int peek(void) {
    return g_cur ? *g_cur : 0;
}

int sum_with_context(int n) {
    int ctx = 0;
    int s = 0;
    for (int i = 0; i < n; i++) {
        ctx = i;
        g_cur = &ctx;
        s += peek();
    }
    g_cur = NULL;
    return s;
}

int while_reset(int n) {
    int ctx = 0;
    while (n-- > 0) {
        g_cur = &ctx;
        ctx += peek();
        g_cur = NULL;
    }
    return ctx;
}

/*
 * check-name: store in a loop, cleared after or within the loop
 * check-description: whether the loop runs zero or many times, g_cur is NULL when the function returns.
 */
