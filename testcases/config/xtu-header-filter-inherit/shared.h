#ifndef SHARED_H
#define SHARED_H

#include <stdio.h>

static inline int shared_peek(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

#endif
