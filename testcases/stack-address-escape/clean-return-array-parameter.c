/* Array parameters are adjusted to pointers (C17 6.7.6.3p7): returning one returns the caller's pointer. */

int *first_row(int a[]) {
    return a;
}

char *tail(char s[static 4]) {
    return s + 1;
}

int *row(int m[][4], int r) {
    return m[r];
}

const char *arg(int argc, char *argv[]) {
    return argc > 1 ? argv[1] : argv[0];
}

/*
 * check-name: returning an array parameter
 * check-description: a, s and m are pointers to the caller's arrays despite the [] syntax; returning them or
 *   elements of them is fine. Contrast with return-local-array.c.
 */
