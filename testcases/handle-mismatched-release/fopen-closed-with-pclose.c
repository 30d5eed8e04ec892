/* A plain FILE* from fopen closed with pclose. */
#include <stdio.h>

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    return pclose(fp); // expect: handle-mismatched-release
}

/*
 * check-name: fopen stream released with pclose
 * check-description: pclose waits for a child process that was never started (and fails with ECHILD in glibc),
 *   while the stream and its descriptor are not released as fclose would.
 */
