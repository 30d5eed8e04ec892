/* Fixed version of return-local-array.c / return-local-address.c: the objects are static locals. */
#include <stdio.h>

const char *format_id(int id) {
    static char buf[32];
    snprintf(buf, sizeof buf, "id-%d", id);
    return buf;
}

int *counter(void) {
    static int n;
    n++;
    return &n;
}

struct state {
    int x;
};

struct state *instance(void) {
    static struct state s;
    return &s;
}

char *name_tail(void) {
    static char name[16] = "instance";
    char *p = name;
    return p + 2;
}

/*
 * check-name: returning the address of a static local
 * check-description: static locals live for the whole program, so returning &n, &s or a pointer into buf or
 *   name does not dangle (thread safety is another question).
 */
