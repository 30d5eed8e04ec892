/* Fixed version of short-circuit-escape.c: && and || with a constant operand make the escape unreachable. */
#include <stddef.h>

#define TRACE_ENABLED 0

int *g_trace;

void step(int verbose) {
    int local = verbose;
    if (TRACE_ENABLED && verbose)
        g_trace = &local;
}

void step_or(int verbose) {
    int local = verbose;
    if (!(1 || verbose))
        g_trace = &local;
}

void step_expr(int verbose) {
    int local = verbose;
    (void)(0 && (g_trace = &local));
}

/*
 * check-name: escapes behind && / || that are constant false
 * check-description: TRACE_ENABLED && x, !(1 || x) and 0 && (...) are never true (never evaluated for the last),
 *   so the stores are infeasible.
 */
