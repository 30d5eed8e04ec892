#include <stdio.h>

int *g_parent;

int parent_peek(const char *path) {
    int local = 0;
    g_parent = &local;
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}
