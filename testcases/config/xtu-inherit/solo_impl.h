#ifndef SOLO_IMPL_H
#define SOLO_IMPL_H

#include <stdio.h>

static int *g_solo;

static inline int solo_peek(const char *path) {
    int local = 0;
    g_solo = &local; // expect: stack-address-escape
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    return fgetc(fp);
}

#endif
