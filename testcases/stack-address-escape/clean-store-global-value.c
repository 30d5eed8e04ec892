/* Fixed versions of store-global.c: store a value, a static address, a literal, a heap copy, or the caller's
 * pointer. */
#include <stdlib.h>
#include <string.h>

int g_value;
int *g_ptr;
const char *g_name;
char *g_copy;
static int s_backing;

void store_value(int v) {
    int local = v * 2;
    g_value = local;
}

void point_at_static(void) {
    g_ptr = &s_backing;
}

void point_at_literal(void) {
    g_name = "default";
}

void keep_copy(const char *s) {
    char buf[32];
    strncpy(buf, s, sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    free(g_copy);
    g_copy = strdup(buf);
}

void point_at_param_target(int *p) {
    g_ptr = p;
}

/*
 * check-name: storing values, not local addresses, into globals
 * check-description: the globals receive an int, the address of a static, a string literal, a heap copy of
 *   the local buffer, and a pointer the caller passed in (whose lifetime is the caller's business).
 */
