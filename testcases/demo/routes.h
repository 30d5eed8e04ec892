/* routes.h — prefix-based request routing. */
#ifndef DEMO_ROUTES_H
#define DEMO_ROUTES_H

#include <stddef.h>

enum route_kind { ROUTE_HEALTH, ROUTE_STATIC, ROUTE_DEBUG };

struct route {
    const char *prefix;
    enum route_kind kind;
    struct route *next;
};

/* Adds r to the routing table. The table links r itself (no copy is made): r must stay valid until
 * routes_clear(). */
void routes_add(struct route *r);
/* The route with the longest prefix of path, or NULL. */
const struct route *routes_match(const char *path);
size_t routes_count(void);
void routes_clear(void);

#endif
