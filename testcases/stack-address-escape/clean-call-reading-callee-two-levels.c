/* Fixed version of call-keeping-callee-two-levels.c: the inner callee reads, it does not store. */
#include <stddef.h>

static int read_slot(const int *p) {
    return *p;
}

static int total(const int *p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += read_slot(p + i);
    return s;
}

int caller(void) {
    int vals[3] = {1, 2, 3};
    return total(vals, 3);
}

struct listener {
    struct listener *next;
};

static int count_chain(const struct listener *l) {
    int n = 0;
    while (l) {
        n++;
        l = l->next;
    }
    return n;
}

static int describe(const struct listener *l) {
    return count_chain(l);
}

int local_chain(void) {
    struct listener b = {NULL};
    struct listener a = {&b};
    return describe(&a);
}

/*
 * check-name: passing the address of a local through two callees that only read it
 * check-description: total -> read_slot and describe -> count_chain dereference the pointer and return ints.
 */
