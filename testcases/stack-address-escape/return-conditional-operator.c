/* One arm of ?: is the address of a local: the escape happens on the runtime paths that pick it. */
#include <stddef.h>

static char fallback[16] = "fallback";

char *maybe_buffer(int use_local) {
    char buf[16] = "local";
    return use_local ? buf : NULL; // expect: stack-address-escape
}

char *either(int c) {
    char buf[16] = "local";
    return c ? fallback : buf; // expect: stack-address-escape
}

int *nested(int a, int b) {
    int x = 1, y = 2;
    int *p = a ? (b ? &x : &y) : NULL;
    return p; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a local through the conditional operator
 * check-description: whether buf (or x, y) is returned depends on a parameter, so on some call the caller
 *   receives a dangling pointer; the other arm (NULL, a static buffer) does not make it safe.
 */
