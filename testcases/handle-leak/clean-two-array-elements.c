/* Fixed version of two-array-elements-leak.c. */
#include <stdio.h>

int open_pair(const char *a, const char *b, char *buf, int n) {
    FILE *files[2];
    int rc = 0;
    files[0] = fopen(a, "r");
    if (files[0] == NULL)
        return -1;
    files[1] = fopen(b, "r");
    if (files[1] == NULL) {
        fclose(files[0]);
        return -1;
    }
    if (fgets(buf, n, files[1]) == NULL)
        rc = -1;
    fclose(files[0]);
    fclose(files[1]);
    return rc;
}

/*
 * check-name: two handles in a local array, both closed
 * check-description: files[0] and files[1] hold different streams and each is closed once on every path (no
 *   leak from the store into files[1], no double release from closing both elements).
 */
