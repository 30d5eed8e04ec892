#include <stddef.h>
#include <stdio.h>

#include "bus.h"

static void print_msg(const char *msg) {
    puts(msg);
}

static struct listener s_logger = {"log", print_msg, NULL};

void on_startup(void) {
    struct listener temp = {"startup", print_msg, NULL};
    bus_subscribe(&temp); // expect: stack-address-escape
    table_publish("startup", "ready");
}

int describe_local(void) {
    struct listener probe = {"probe", print_msg, NULL};
    return bus_describe(&probe);
}

int main(void) {
    bus_subscribe(&s_logger);
    on_startup();
    table_publish("log", "started");
    return describe_local() > 0 ? 0 : 1;
}
