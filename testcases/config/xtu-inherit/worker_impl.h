#ifndef WORKER_IMPL_H
#define WORKER_IMPL_H

#include <stdio.h>

static int *g_worker;

static inline int worker_peek(const char *path) {
    int local = 0;
    g_worker = &local;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    return fgetc(fp);
}

static inline void worker_close(FILE *fp) {
    fclose(fp);
    fclose(fp); // expect: handle-double-release
}

#endif
