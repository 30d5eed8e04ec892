/* A DIR* and a FILE* released with each other's function through casts. */
#include <dirent.h>
#include <stdio.h>

int count(const char *path) {
    int n = 0;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    fclose((FILE *)d); // expect: handle-mismatched-release
    return n;
}

int first_byte(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return -1;
    int c = fgetc(fp);
    closedir((DIR *)(void *)fp); // expect: handle-mismatched-release
    return c;
}

/*
 * check-name: DIR* and FILE* released with the wrong function through a cast
 * check-description: the casts silence the compiler, but the handle kinds come from the acquiring calls:
 *   opendir's DIR* needs closedir, fopen's FILE* needs fclose.
 */
