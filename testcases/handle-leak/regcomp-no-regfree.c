/* A compiled regex_t leaks (its internal buffers) when the function returns without regfree. */
#include <regex.h>
#include <stddef.h>

int matches(const char *pattern, const char *text) {
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) // expect: handle-leak
        return -1;
    if (regexec(&re, text, 0, NULL, 0) == 0)
        return 1;
    regfree(&re);
    return 0;
}

/*
 * check-name: regcomp result not freed on the match path
 * check-description: regcomp returns non-zero on failure (nothing to free then); on success the match path
 *   returns 1 without regfree(&re). The handle is the local regex_t itself, acquired through its address.
 */
