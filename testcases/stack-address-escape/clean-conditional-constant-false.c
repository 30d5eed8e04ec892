/* Fixed version of conditional-escape-runtime.c: the guarding conditions are constant false. */
#include <stddef.h>

int *g_dbg;

static const int five = 5;
enum { MODE = 2 };
#define ENABLE_TRACE 0

void never(void) {
    int v = 1;
    if (0)
        g_dbg = &v;
}

void never_const(void) {
    int v = 2;
    if (five != 5)
        g_dbg = &v;
}

void never_enum(void) {
    int v = 3;
    if (MODE == 3)
        g_dbg = &v;
}

void never_macro(void) {
    int v = 4;
    if (ENABLE_TRACE) {
        g_dbg = &v;
    }
}

void never_loop(void) {
    int v = 5;
    while (0) {
        g_dbg = &v;
    }
}

char *never_return(void) {
    char buf[8] = "x";
    if (five == 6)
        return buf;
    return NULL;
}

/*
 * check-name: escapes under constant-false conditions
 * check-description: if (0), a static const global compared with another value, an enum constant, a macro
 *   expanding to 0 and while (0) guard the escapes; none of them can run.
 */
