/* Escapes guarded by conditions that the analysis cannot decide: a parameter, a global that other translation
 * units may set, the environment. */
#include <stdlib.h>

int *g_dbg;
int debug_mode; /* external linkage: any other file may change it */

void maybe_publish(int flag) {
    int v = flag;
    if (flag)
        g_dbg = &v; // expect: stack-address-escape
}

void maybe_debug(void) {
    int v = 2;
    if (debug_mode != 5)
        g_dbg = &v; // expect: stack-address-escape
}

char *maybe_return(const char *name) {
    char buf[16] = "x";
    if (getenv(name))
        return buf; // expect: stack-address-escape
    return NULL;
}

/*
 * check-name: escaping on a runtime condition
 * check-description: the guarding conditions can be true, so each escape is feasible. Look-alikes with constant
 *   false conditions are in clean-conditional-constant-false.c.
 */
