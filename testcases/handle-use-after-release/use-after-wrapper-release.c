/* The handle is released by a same-file wrapper, then used. */
#include <stdio.h>

static void close_file(FILE *f) {
    if (f)
        fclose(f);
}

int report(const char *path, int total) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fprintf(fp, "total %d\n", total);
    close_file(fp);
    fprintf(fp, "end\n"); // expect: handle-use-after-release
    return 0;
}

/*
 * check-name: use after release through a wrapper
 * check-description: close_file's summary says it releases its parameter, so fp is released after the call and
 *   the second fprintf uses a closed stream.
 */
