/* Returning the address of a local scalar, of a local struct, or of a member of one. */

struct pair {
    int first;
    int second;
};

int *make_counter(void) {
    int counter = 0;
    counter++;
    return &counter; // expect: stack-address-escape
}

int *second_of_pair(int a, int b) {
    struct pair p = {a, b};
    return &p.second; // expect: stack-address-escape
}

const struct pair *default_pair(void) {
    struct pair p = {1, 2};
    return &p; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a local variable
 * check-description: counter, p and p.second are automatic objects; their storage is reused as soon as the
 *   function returns, so every caller receives a dangling pointer.
 */
