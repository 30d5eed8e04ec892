/* A compound literal inside a function body has automatic storage duration (C17 6.5.2.5p5): returning its address
 * is the same bug as returning the address of a local. */

struct point {
    int x;
    int y;
};

struct point *origin(void) {
    return &(struct point){0, 0}; // expect: stack-address-escape
}

const int *primes(void) {
    return (int[]){2, 3, 5, 7}; // expect: stack-address-escape
}

const char *greeting(int formal) {
    char *s = (char[]){"hello"};
    if (formal)
        s[0] = 'H';
    return s; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a block-scope compound literal
 * check-description: compound literals at block scope live only until the end of the enclosing block, so
 *   returning their address (directly or through a copy) hands the caller a dangling pointer.
 */
