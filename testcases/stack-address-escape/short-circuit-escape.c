/* Escapes guarded by && and || on runtime values, and a store inside the right operand of &&. */
#include <stddef.h>

const char *choose(int a, int b) {
    char buf[8] = "x";
    if (a && b)
        return buf; // expect: stack-address-escape
    return "none";
}

int *g_last;

void record(int a, int b) {
    int v = a + b;
    if (a || b)
        g_last = &v; // expect: stack-address-escape
}

void record_expr(int a) {
    int v = a;
    (void)(a > 0 && (g_last = &v)); // expect: stack-address-escape
}

/*
 * check-name: escaping behind && and ||
 * check-description: the conditions depend on parameters, so the escaping statement is reachable; in
 *   record_expr the store is the right operand of &&, evaluated whenever a > 0.
 */
