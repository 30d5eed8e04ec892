/* Fixed version of dir-and-file-cast-swapped.c; casts that do not change the kind are fine. */
#include <dirent.h>
#include <stdio.h>

int count(const char *path) {
    int n = 0;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

int first_byte(const char *path) {
    void *opaque = fopen(path, "rb");
    if (opaque == NULL)
        return -1;
    int c = fgetc((FILE *)opaque);
    fclose((FILE *)opaque);
    return c;
}

/*
 * check-name: DIR* and FILE* released with their own functions
 * check-description: closedir for the DIR*; the FILE* travels as a void * and is cast back for fclose, which is
 *   the right release for its kind.
 */
