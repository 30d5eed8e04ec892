/* Passing the address of a local to a function (in the same file) that keeps the pointer after it returns: in a
 * global, or in a heap entry linked into a global list. (Keeping it in a structure reached from another argument:
 * call-keeping-callee-into-param.c.) */
#include <stdio.h>
#include <stdlib.h>

static int *g_kept;

static void keep(int *p) {
    g_kept = p;
}

struct entry {
    const char *name;
    struct entry *next;
};

static struct entry *g_entries;

static void register_name(const char *name) {
    struct entry *e = malloc(sizeof *e);
    if (!e)
        return;
    e->name = name;
    e->next = g_entries;
    g_entries = e;
}

void use_keep(void) {
    int x = 1;
    keep(&x); // expect: stack-address-escape
}

void use_register(int id) {
    char name[16];
    snprintf(name, sizeof name, "svc-%d", id);
    register_name(name); // expect: stack-address-escape
}

int peek(void) {
    return g_kept ? *g_kept : 0;
}

/*
 * check-name: passing the address of a local to a callee that keeps it
 * check-description: keep stores its argument into a global, register_name into a heap entry reachable from a
 *   global. The finding is on the call; the callees themselves only copy a pointer they were given and are not
 *   reported.
 */
