/* Fixed version of pointer-to-local.c: released through the pointer. */
#include <stdio.h>

int read_via_pointer(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r");
    FILE **pp = &fp;
    int rc = 0;
    if (*pp == NULL)
        return -1;
    if (fgets(buf, n, *pp) == NULL)
        rc = -1;
    fclose(*pp);
    return rc;
}

int assign_via_pointer(const char *path) {
    FILE *fp = NULL;
    FILE **slot = &fp;
    int c;
    *slot = fopen(path, "r");
    if (fp == NULL)
        return -1;
    c = fgetc(fp);
    fclose(*slot);
    return c;
}

/*
 * check-name: handle released through a pointer to a local
 * check-description: fclose(*pp) and fclose(*slot) release the stream held by fp.
 */
