#include <stdio.h>

#include "config.h"

void load_defaults(struct config *out, int id) {
    char name[32];
    snprintf(name, sizeof name, "node-%d", id);
    config_set_name(out, name); // expect: stack-address-escape
    out->port = 8080;
}

void load_static(struct config *out) {
    config_set_name(out, "default");
    out->port = 80;
}

int main(void) {
    struct config c = {0};
    load_static(&c);
    config_print(&c);
    load_defaults(&c, 1);
    return 0;
}
