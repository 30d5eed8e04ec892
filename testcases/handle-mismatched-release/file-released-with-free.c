/* A FILE* released with free(): the descriptor and buffers stay allocated, and the heap is corrupted. */
#include <stdio.h>
#include <stdlib.h>

int peek(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    int c = fgetc(fp);
    free(fp); // expect: handle-mismatched-release
    return c;
}

/*
 * check-name: FILE* released with free
 * check-description: a stream must be closed with fclose. Assumes the models list free as the release of the
 *   (non-reported) memory kind, so free on a FILE* is a release of the wrong kind.
 */
