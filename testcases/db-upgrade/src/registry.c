/* registry.c — a function whose summary says it keeps its argument in a global, and a direct escape. */
#include "registry.h"

static const char *g_name;

void registry_keep(const char *name) {
    g_name = name;
}

const char *registry_get(void) {
    return g_name;
}

void registry_bad(void) {
    char local[8] = "x";
    g_name = local; /* stack-address-escape */
}
