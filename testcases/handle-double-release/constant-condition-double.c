/* A release under a condition that is always true, followed by another release. */
#include <stdio.h>

static int staticFive = 5;

static int globalReturnsTrue(void) {
    return 1;
}

void close_twice_static(FILE *fp) {
    if (staticFive == 5)
        fclose(fp);
    fclose(fp); // expect: handle-double-release
}

void close_twice_fn(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    if (globalReturnsTrue())
        fclose(fp);
    fclose(fp); // expect: handle-double-release
}

/*
 * check-name: double release under always-true conditions
 * check-description: staticFive is never written and globalReturnsTrue always returns 1, so the first fclose
 *   always runs and the second releases the stream again.
 */
