/* The release is guarded by the same test of a parameter that guarded the acquire. */
#include <stdio.h>

int emit(const char *path, const char *text) {
    FILE *out = stdout;
    if (path) {
        out = fopen(path, "w");
        if (!out)
            return -1;
    }
    fputs(text, out);
    if (path)
        fclose(out);
    return 0;
}

/*
 * check-name: release guarded by the parameter test that guarded the acquire
 * check-description: the stream is opened only when path is non-NULL and closed under the same test; path is
 *   not reassigned in between, so the path that opens and then skips the close is infeasible. Needs the branch
 *   on path to be remembered along each path (path != NULL / path == NULL), not only integer constants.
 */
