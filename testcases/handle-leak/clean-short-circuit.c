/* Fixed version of short-circuit-leak.c. */
#include <stdio.h>

int read_first(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r");
    int rc;
    if (fp == NULL)
        return -1;
    rc = fgets(buf, n, fp) == NULL ? -1 : 0;
    fclose(fp);
    return rc;
}

int read_flagged(const char *path, char *buf, int n, int quick) {
    FILE *fp = fopen(path, "r");
    if (fp && (quick || fgets(buf, n, fp))) {
        fclose(fp);
        return 0;
    }
    if (fp)
        fclose(fp);
    return -1;
}

int either(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp || fgetc(fp) == EOF) {
        if (fp)
            fclose(fp);
        return -1;
    }
    fclose(fp);
    return 0;
}

/*
 * check-name: short-circuit conditions with releases on every path
 * check-description: the failing paths of the compound conditions close fp when it is non-NULL.
 */
