/* The handle travels through a union member of a local and is leaked. */
#include <stdio.h>

union any_handle {
    FILE *fp;
    int fd;
    void *ptr;
};

int first_char(const char *path) {
    union any_handle h;
    h.fp = fopen(path, "r"); // expect: handle-leak
    if (h.fp == NULL)
        return -1;
    FILE *f = h.fp;
    int c = fgetc(f);
    if (c == EOF)
        return -1;
    fclose(f);
    return c;
}

/*
 * check-name: handle in a local union member leaked
 * check-description: the stream is held by h.fp and copied into f; the EOF path returns with it open.
 */
