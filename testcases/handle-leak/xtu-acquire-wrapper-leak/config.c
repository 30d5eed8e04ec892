#include "config.h"

FILE *open_config(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        perror(path);
        return NULL;
    }
    return fp;
}
