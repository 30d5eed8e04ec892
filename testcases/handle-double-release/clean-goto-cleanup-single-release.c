/* Fixed version of goto-cleanup-double-close.c: only the cleanup label releases. */
#include <stdio.h>

int load(const char *path, char *buf, int n) {
    int rc = -1;
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        goto out;
    if (fgets(buf, n, fp) == NULL)
        goto close;
    rc = 0;
close:
    fclose(fp);
out:
    return rc;
}

int load_cleared(const char *path, char *buf, int n) {
    int rc = -1;
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        goto out;
    if (fgets(buf, n, fp) != NULL) {
        fclose(fp);
        fp = NULL;
        rc = 0;
    }
out:
    if (fp)
        fclose(fp);
    return rc;
}

/*
 * check-name: goto cleanup that releases once
 * check-description: load releases only at close:; load_cleared releases early on success but clears fp, so the
 *   NULL test at out: skips the second fclose.
 */
