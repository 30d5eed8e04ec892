/* Releases written as macros. */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>

#define SAFE_FCLOSE(f)                                                                                               \
    do {                                                                                                             \
        if (f) {                                                                                                     \
            fclose(f);                                                                                               \
            (f) = NULL;                                                                                              \
        }                                                                                                            \
    } while (0)

#define CLOSE_FD(fd) ((fd) >= 0 ? close(fd) : 0)

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (fp == NULL)
        return -1;
    fputs(text, fp);
    SAFE_FCLOSE(fp);
    SAFE_FCLOSE(fp);
    return 0;
}

int probe(const char *path) {
    int fd = open(path, O_RDONLY);
    int ok = fd >= 0;
    CLOSE_FD(fd);
    return ok;
}

/*
 * check-name: release macros
 * check-description: SAFE_FCLOSE closes and clears (so using it twice is no double release); CLOSE_FD closes only
 *   a valid descriptor, and the -1 path holds nothing.
 */
