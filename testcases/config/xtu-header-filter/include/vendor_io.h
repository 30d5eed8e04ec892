#ifndef VENDOR_IO_H
#define VENDOR_IO_H

#include <stdio.h>

/* Leaks its stream when the read succeeds; filtered out by the header-filter (this line would otherwise report a
 * handle-leak). */
static inline int vendor_peek(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    return fgetc(fp);
}

#endif
