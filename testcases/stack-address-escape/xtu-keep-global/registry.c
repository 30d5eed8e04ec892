#include "registry.h"

#include <stddef.h>

static int *g_kept;

void registry_keep(int *p) {
    g_kept = p;
}

int registry_peek(void) {
    return g_kept ? *g_kept : 0;
}
