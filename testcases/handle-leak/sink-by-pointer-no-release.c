/* A handle passed by pointer to a same-file function that does not release it. */
#include <stdio.h>

static int flush_only(FILE **pf) {
    return fflush(*pf);
}

int consume(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return flush_only(&fp);
}

/*
 * check-name: handle passed by pointer to a function that does not release it
 * check-description: flush_only uses *pf and returns; the caller keeps ownership and leaks the stream.
 */
