/* A handle released by a same-file function that receives a pointer to the caller's variable. */
#include <stdio.h>

static void close_and_clear(FILE **pf) {
    if (*pf) {
        fclose(*pf);
        *pf = NULL;
    }
}

static int open_into(FILE **out, const char *path) {
    *out = fopen(path, "r");
    return *out ? 0 : -1;
}

int consume(const char *path) {
    char buf[64];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    fgets(buf, sizeof buf, fp);
    close_and_clear(&fp);
    return 0;
}

int consume_out(const char *path) {
    FILE *fp = NULL;
    open_into(&fp, path);
    if (fp == NULL)
        return -1;
    close_and_clear(&fp);
    return 0;
}

/*
 * check-name: handle released through a pointer to the caller's variable
 * check-description: close_and_clear releases *pf on every path where *pf is non-NULL and clears it. open_into
 *   acquires through its out-parameter (the handle outlives it, in the caller's fp); consume_out tests fp and
 *   releases it.
 */
