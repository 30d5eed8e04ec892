/* routes.c — the routing table is a singly linked list of caller-provided nodes. */
#include "routes.h"

#include <string.h>

static struct route *g_routes;

void routes_add(struct route *r) {
    r->next = g_routes;
    g_routes = r;
}

const struct route *routes_match(const char *path) {
    const struct route *best = NULL;
    size_t best_len = 0;
    for (const struct route *r = g_routes; r; r = r->next) {
        size_t n = strlen(r->prefix);
        if (n >= best_len && strncmp(path, r->prefix, n) == 0) {
            best = r;
            best_len = n;
        }
    }
    return best;
}

size_t routes_count(void) {
    size_t n = 0;
    for (const struct route *r = g_routes; r; r = r->next)
        n++;
    return n;
}

void routes_clear(void) {
    g_routes = NULL;
}
