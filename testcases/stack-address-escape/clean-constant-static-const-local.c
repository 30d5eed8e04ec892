/* Constant-false conditions built from constants declared inside the function. */
#include <stdbool.h>

int *g_dbg;

void local_static_const(void) {
    static const int five = 5;
    int v = 1;
    if (five != 5)
        g_dbg = &v;
}

void local_const_flag(void) {
    const bool enabled = false;
    int v = 2;
    if (enabled)
        g_dbg = &v;
}

/*
 * check-name: escapes under constant-false conditions on function-scope constants
 * check-description: a function-scope static const and a const local initialised with false are as constant as
 *   their file-scope counterparts; the stores cannot run.
 */
