#ifndef STREAM_UTIL_H
#define STREAM_UTIL_H

#include <stdio.h>

/* Both helpers leak their stream when fgetc succeeds; the findings are in this header. */
static inline int peek_quiet(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-leak)
    if (!fp)
        return -1;
    return fgetc(fp);
}

static inline int peek_loud(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

#endif
