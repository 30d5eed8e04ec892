/* A first release under a condition that is always false: only the second one runs. */
#include <stdio.h>

static int staticFive = 5;

static int globalReturnsFalse(void) {
    return 0;
}

void close_once_static(FILE *fp) {
    if (staticFive != 5)
        fclose(fp);
    fclose(fp);
}

void close_once_fn(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    if (globalReturnsFalse())
        fclose(fp);
    fclose(fp);
}

/*
 * check-name: release under always-false conditions
 * check-description: the guarded fclose can never run (staticFive is never written; globalReturnsFalse always
 *   returns 0), so the unconditional fclose is the only release. Needs infeasible-edge pruning.
 */
