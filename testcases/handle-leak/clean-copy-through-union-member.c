/* Fixed version of copy-through-union-member.c. */
#include <stdio.h>

union any_handle {
    FILE *fp;
    int fd;
    void *ptr;
};

int first_char(const char *path) {
    union any_handle h;
    h.fp = fopen(path, "r");
    if (h.fp == NULL)
        return -1;
    FILE *f = h.fp;
    int c = fgetc(f);
    fclose(h.fp);
    return c;
}

/*
 * check-name: handle released through a union member
 * check-description: f and h.fp hold the same stream; closing through h.fp releases it.
 */
