/* Parameters are automatic objects of the callee: their addresses die with the call, even for a struct passed by
 * value or a pointer parameter (the address of the pointer variable, not what it points to). */

struct big {
    int v[16];
};

int *address_of_param(int value) {
    return &value; // expect: stack-address-escape
}

const struct big *pass_through(struct big b) {
    b.v[0]++;
    return &b; // expect: stack-address-escape
}

int *slot_of(struct big b, int i) {
    return &b.v[i & 15]; // expect: stack-address-escape
}

char **address_of_pointer_param(char *s) {
    return &s; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a parameter
 * check-description: value, b and s are copies owned by the callee's frame; &value, &b, &b.v[i] and &s all dangle
 *   once the function returns.
 */
