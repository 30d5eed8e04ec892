/* Returning a pointer parameter (or a pointer derived from it) returns the caller's memory, not ours. */
#include <stddef.h>

int *identity(int *p) {
    return p;
}

char *skip(char *s, int n) {
    return s + n;
}

const char *first_nonempty(const char *a, const char *b) {
    return (a && *a) ? a : b;
}

int *copy_then_return(int *p) {
    int *q = p;
    q++;
    return q - 1;
}

/*
 * check-name: returning a pointer parameter
 * check-description: p, s, a and b point to memory the caller owns; returning them (or arithmetic on them) does
 *   not expose the callee's frame. Compare return-parameter-address.c, which returns &s.
 */
