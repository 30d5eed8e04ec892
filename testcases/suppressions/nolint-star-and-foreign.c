/* nolint(*) names every check, lifeline's included. Another tool's checks, an empty list and a negative glob
 * suppress nothing of lifeline's. */
#include <stddef.h>

int *g_last;

int *keep_anything(void) {
    int v = 1;
    g_last = &v; // NOLINT(*)
    return NULL;
}

int *keep_bugprone(void) {
    int v = 2;
    g_last = &v; // NOLINT(bugprone-*) expect: stack-address-escape
    return NULL;
}

int *keep_empty(void) {
    int v = 3;
    g_last = &v; // NOLINT() expect: stack-address-escape
    return NULL;
}

int *keep_negative(void) {
    int v = 4;
    g_last = &v; // NOLINT(-lifeline-stack-address-escape) expect: stack-address-escape
    return NULL;
}

const char *name_buffer(void) {
    char buf[16] = "anonymous";
    return buf; // NOLINT(clang-analyzer-*, *)
}

/*
 * check-name: nolint(*) and lists naming no lifeline check
 * check-description: each function stores or returns the address of a local (stack-address-escape, reported on
 *   the store or the return). nolint(*) suppresses it, also as the second glob of a list (name_buffer).
 *   nolint(bugprone-*) names only another tool's checks, nolint() names nothing, and a '-' glob in a nolint list
 *   is ignored (it cannot enable anything): all three are reported.
 */
