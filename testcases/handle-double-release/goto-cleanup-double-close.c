/* The success path closes the stream itself and then falls into the cleanup label, which closes it again. */
#include <stdio.h>

int load(const char *path, char *buf, int n) {
    int rc = -1;
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        goto out;
    if (fgets(buf, n, fp) == NULL)
        goto close;
    fclose(fp);
    rc = 0;
close:
    fclose(fp); // expect: handle-double-release
out:
    return rc;
}

/*
 * check-name: goto cleanup label after an explicit release
 * check-description: on the success path fp is closed before the label and again at close:.
 */
