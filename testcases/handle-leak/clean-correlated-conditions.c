/* The release is guarded by a local flag set where the handle was acquired. */
#include <stdio.h>

int emit_flag(const char *path, const char *text, int to_file) {
    FILE *out = stderr;
    int opened = 0;
    if (to_file) {
        out = fopen(path, "a");
        if (out == NULL)
            return -1;
        opened = 1;
    }
    fputs(text, out);
    if (opened)
        fclose(out);
    return 0;
}

/*
 * check-name: release guarded by a flag recording the acquire
 * check-description: opened is 1 exactly on the path that opened the stream; the path with opened == 0 holds
 *   stderr, which is not tracked. See clean-correlated-parameter.c for the same pattern keyed on a parameter.
 */
