/* main.c — an escape through registry_keep's summary (another TU), a direct one, and a handle leak. */
#include <stdio.h>

#include "registry.h"

static int *g_last;

void remember(void) {
    char name[16];
    snprintf(name, sizeof name, "n");
    registry_keep(name); /* stack-address-escape, through the summary of registry_keep */
}

void track(void) {
    int c = 0;
    g_last = &c; /* stack-address-escape; fixed between the fixture's runs */
}

int log_line(const char *path) {
    FILE *f = fopen(path, "a");
    if (!f) return -1;
    fputs("x\n", f);
    return 0; /* handle-leak (schema 2's lifeline has the handle rules; schema 1's does not) */
}
