/* Fixed version of regcomp-no-regfree.c. */
#include <regex.h>
#include <stddef.h>

int matches(const char *pattern, const char *text) {
    regex_t re;
    int rc;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return -1;
    rc = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return rc;
}

int is_valid_pattern(const char *pattern) {
    regex_t re;
    int err = regcomp(&re, pattern, REG_EXTENDED);
    if (err)
        return 0;
    regfree(&re);
    return 1;
}

/*
 * check-name: regcomp result freed on every successful path
 * check-description: a non-zero regcomp result (tested directly or through a saved error code) is the failure
 *   path; every other path calls regfree.
 */
