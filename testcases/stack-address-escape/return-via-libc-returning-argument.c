/* Standard functions that return (a pointer into) their destination argument. */
#include <string.h>

char *copy_prefix(const char *src) {
    char buf[8];
    return memcpy(buf, src, sizeof buf); // expect: stack-address-escape
}

char *find_colon(void) {
    char line[32] = "key:value";
    return strchr(line, ':'); // expect: stack-address-escape
}

char *joined(const char *a) {
    char out[64] = "prefix-";
    return strncat(out, a, 32); // expect: stack-address-escape
}

/*
 * check-name: returning the result of a library function that returns its argument
 * check-description: memcpy and strncat return their destination and strchr a pointer into its first argument;
 *   here those are local arrays, so the returned pointer dangles. Depends on the libc models saying so.
 */
