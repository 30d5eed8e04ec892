/* alloca memory is released when the calling function returns. */
#include <alloca.h>
#include <stddef.h>
#include <string.h>

char *scratch_copy(const char *s) {
    size_t n = strlen(s) + 1;
    char *tmp = alloca(n);
    memcpy(tmp, s, n);
    return tmp; // expect: stack-address-escape
}

void *raw(size_t n) {
    return __builtin_alloca(n); // expect: stack-address-escape
}

/*
 * check-name: returning alloca memory
 * check-description: alloca (a macro for __builtin_alloca in glibc) allocates in the caller's frame; the block is
 *   gone once that function returns.
 */
