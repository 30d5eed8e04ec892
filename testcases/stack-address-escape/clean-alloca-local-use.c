/* Fixed version of return-alloca.c: alloca memory is used only inside the frame, and a heap copy is returned. */
#include <alloca.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t upper_len(const char *s) {
    size_t n = strlen(s) + 1;
    char *tmp = alloca(n);
    for (size_t i = 0; i < n; i++)
        tmp[i] = (char)toupper((unsigned char)s[i]);
    return strlen(tmp);
}

char *upper_dup(const char *s) {
    size_t n = strlen(s) + 1;
    char *tmp = alloca(n);
    for (size_t i = 0; i < n; i++)
        tmp[i] = (char)toupper((unsigned char)s[i]);
    return strdup(tmp);
}

/*
 * check-name: alloca memory used locally
 * check-description: tmp never leaves the frame; upper_dup returns a strdup'd copy of it.
 */
