/* Fixed version of switch-escape.c. */
#include <stdio.h>

int *g_sel;

static int peek(void) {
    return g_sel ? *g_sel : 0;
}

int dispatch(int k) {
    int a = k;
    int r = 0;
    switch (k) {
    case 1:
        g_sel = &a;
        r = peek();
        g_sel = NULL;
        break;
    case 2:
        g_sel = &a;
        /* fall through */
    case 3:
        r = peek();
        g_sel = NULL;
        break;
    default:
        break;
    }
    return r;
}

const char *kind_name(int kind) {
    static char num[16];
    switch (kind) {
    case 0:
        return "zero";
    default:
        snprintf(num, sizeof num, "%d", kind);
        return num;
    }
}

/*
 * check-name: switch cases that clear what they store
 * check-description: case 2 stores &a and falls through into case 3, which clears g_sel; kind_name returns a
 *   static buffer.
 */
