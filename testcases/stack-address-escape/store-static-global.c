/* Internal-linkage globals and function-scope static pointers outlive the frame just like external globals. */
#include <stdio.h>

static const char *s_last_error;
static int *s_slots[4];

void set_error(int code) {
    char msg[64];
    snprintf(msg, sizeof msg, "error %d", code);
    s_last_error = msg; // expect: stack-address-escape
}

const char *last_error(void) {
    return s_last_error;
}

void track(int v) {
    static int *prev;
    int cur = v;
    if (prev)
        printf("%d\n", *prev);
    prev = &cur; // expect: stack-address-escape
}

void stash(int i) {
    int v = i;
    s_slots[i & 3] = &v; // expect: stack-address-escape
}

/*
 * check-name: storing the address of a local into a static variable
 * check-description: s_last_error, s_slots and the function-scope static prev have static storage duration, so
 *   they keep pointing at msg, v and cur after their frames are gone (track even reads it on the next call).
 */
