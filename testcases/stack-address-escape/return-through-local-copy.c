/* The address of a local travels through other locals (pointer copies, an array of pointers, a union member, a
 * struct copy) before it is returned. */
#include <stddef.h>

int *via_copies(void) {
    int x = 1;
    int *p = &x;
    int *q = p;
    int *r;
    r = q;
    return r; // expect: stack-address-escape
}

int *via_local_array_of_pointers(void) {
    int a = 1;
    int *ptrs[2] = {NULL, NULL};
    ptrs[1] = &a;
    return ptrs[1]; // expect: stack-address-escape
}

union any {
    int *ip;
    long l;
};

int *via_union(void) {
    int v = 3;
    union any u;
    u.ip = &v;
    return u.ip; // expect: stack-address-escape
}

struct box {
    int *p;
};

int *via_local_struct(void) {
    int v = 4;
    struct box b = {&v};
    struct box c = b;
    return c.p; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a local through local copies
 * check-description: the returned value is &x (or &a, &v) after a chain of copies through locals, an array
 *   element, a union member and a struct copy; the finding is reported on the return, not on the copies.
 */
