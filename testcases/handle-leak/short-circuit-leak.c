/* A short-circuit condition mixes the failure check with a later failure. */
#include <stdio.h>

int read_first(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL || fgets(buf, n, fp) == NULL)
        return -1;
    fclose(fp);
    return 0;
}

int read_flagged(const char *path, char *buf, int n, int quick) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp && (quick || fgets(buf, n, fp))) {
        fclose(fp);
        return 0;
    }
    return -1;
}

/*
 * check-name: leak through a short-circuit condition
 * check-description: in read_first the right operand fails with fp open and the function returns without
 *   fclose; in read_flagged, fp non-NULL with quick == 0 and fgets failing reaches `return -1` with fp open.
 */
