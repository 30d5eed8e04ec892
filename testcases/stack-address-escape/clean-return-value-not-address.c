/* Values computed from locals are returned, never their addresses. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

int deref(void) {
    int x = 5;
    int *p = &x;
    return *p;
}

struct name {
    char s[16];
};

struct name make_name(const char *src) {
    struct name n;
    strncpy(n.s, src, sizeof n.s - 1);
    n.s[sizeof n.s - 1] = '\0';
    return n;
}

size_t length(void) {
    char buf[8] = "abc";
    return strlen(buf);
}

ptrdiff_t distance(void) {
    int arr[4] = {0};
    return &arr[3] - &arr[0];
}

bool non_null(void) {
    int x = 0;
    int *p = &x;
    return p != NULL;
}

/*
 * check-name: returning values derived from locals
 * check-description: *p, a struct whose array member is copied by value, strlen of a local buffer, a pointer
 *   difference and a comparison are plain values; nothing returned points into the frame.
 */
