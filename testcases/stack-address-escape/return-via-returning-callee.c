/* A callee in the same file returns (part of) its pointer argument; the caller returns that result. */

static int *identity(int *p) {
    return p;
}

static char *skip_spaces(char *s) {
    while (*s == ' ')
        s++;
    return s;
}

int *wrapped(void) {
    int x = 1;
    return identity(&x); // expect: stack-address-escape
}

char *trimmed(void) {
    char line[32] = "  value";
    return skip_spaces(line); // expect: stack-address-escape
}

/*
 * check-name: returning the result of a callee that returns its argument
 * check-description: identity and skip_spaces return a pointer derived from their parameter, so the result is
 *   &x (or a pointer into line) and the caller returns it.
 */
