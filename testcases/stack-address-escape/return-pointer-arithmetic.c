/* Pointer arithmetic on the address of a local array yields another address inside the same dead object. */

char *skip_first(void) {
    char buf[8] = "xabc";
    return buf + 1; // expect: stack-address-escape
}

int *third(void) {
    int arr[5] = {1, 2, 3, 4, 5};
    return &arr[2]; // expect: stack-address-escape
}

char *advance(int n) {
    char buf[32] = "0123456789";
    char *p = buf;
    p += n & 7;
    p++;
    return p; // expect: stack-address-escape
}

int *back_from_end(void) {
    int arr[4] = {0};
    int *end = arr + 4;
    return end - 1; // expect: stack-address-escape
}

/*
 * check-name: returning a pointer computed from the address of a local array
 * check-description: buf + 1, &arr[2], p += n and end - 1 all point into the callee's arrays.
 */
