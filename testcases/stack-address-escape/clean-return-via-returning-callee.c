/* Fixed version of return-via-returning-callee.c and return-via-libc-returning-argument.c. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static int *identity(int *p) {
    return p;
}

int deref_identity(void) {
    int x = 4;
    return *identity(&x);
}

int *pass_param(int *p) {
    return identity(p);
}

static int s_val;

int *static_identity(void) {
    return identity(&s_val);
}

const char *find_colon(const char *s) {
    return strchr(s, ':');
}

char *copy_into(char *dst, const char *src, size_t n) {
    return memcpy(dst, src, n);
}

bool has_colon(void) {
    char line[16] = "a:b";
    return strchr(line, ':') != NULL;
}

/*
 * check-name: callees that return their argument, used safely
 * check-description: the returned pointer is dereferenced before the return, or derives from the caller's
 *   pointer or a static; the strchr on a local is only compared with NULL.
 */
