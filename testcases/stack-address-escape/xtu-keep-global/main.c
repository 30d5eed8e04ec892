#include "registry.h"

static int s_value = 3;

int bad(void) {
    int x = 1;
    registry_keep(&x); // expect: stack-address-escape
    return registry_peek();
}

int good(void) {
    registry_keep(&s_value);
    return registry_peek();
}

int main(void) {
    return bad() + good();
}
