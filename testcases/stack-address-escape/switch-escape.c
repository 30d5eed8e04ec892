/* Escapes in switch statements: one case returns a local buffer, one case stores and falls through to a break. */
#include <stdio.h>

const char *kind_name(int kind) {
    char num[16];
    switch (kind) {
    case 0:
        return "zero";
    case 1:
        return "one";
    default:
        snprintf(num, sizeof num, "%d", kind);
        return num; // expect: stack-address-escape
    }
}

int *g_sel;

void select_mode(int k) {
    int a = k;
    switch (k) {
    case 1:
        g_sel = &a; // expect: stack-address-escape
        /* fall through */
    case 2:
        break;
    default:
        g_sel = NULL;
        break;
    }
}

/*
 * check-name: escaping inside a switch
 * check-description: the default case of kind_name returns the local num; case 1 of select_mode stores &a into
 *   a global and falls through to a break that leaves the function without clearing it.
 */
