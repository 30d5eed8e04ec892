/* The handle is reached through a pointer to the local that holds it. */
#include <stdio.h>

int read_via_pointer(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    FILE **pp = &fp;
    if (*pp == NULL)
        return -1;
    if (fgets(buf, n, *pp) == NULL)
        return -1;
    fclose(*pp);
    return 0;
}

int assign_via_pointer(const char *path) {
    FILE *fp = NULL;
    FILE **slot = &fp;
    *slot = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: handle reached through a pointer to a local and leaked
 * check-description: read_via_pointer tests and uses fp through pp but returns without closing when fgets
 *   fails; assign_via_pointer acquires into fp through slot and never closes. A pointer to a local is not
 *   storage that outlives the function.
 */
