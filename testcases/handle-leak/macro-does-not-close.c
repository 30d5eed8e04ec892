/* A "done with it" macro that only flushes, used where the stream should be closed. */
#include <stdio.h>

#define FINISH_STREAM(f)                                                                                             \
    do {                                                                                                             \
        if (f)                                                                                                       \
            fflush(f);                                                                                               \
    } while (0)

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (fp == NULL)
        return -1;
    fputs(text, fp);
    FINISH_STREAM(fp);
    return 0;
}

/*
 * check-name: macro that does not release
 * check-description: FINISH_STREAM expands to a flush in a do/while(0); the stream is never closed.
 */
