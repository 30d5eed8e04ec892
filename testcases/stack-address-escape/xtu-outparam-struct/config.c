#include <stdio.h>

#include "config.h"

void config_set_name(struct config *c, const char *name) {
    c->name = name;
}

int config_print(const struct config *c) {
    return printf("%s:%d\n", c->name ? c->name : "?", c->port);
}
