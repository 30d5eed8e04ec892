/* __attribute__((cleanup(f))) with an f that does not release the handle. */
#include <stdio.h>

static void flushp(FILE **f) {
    if (*f)
        fflush(*f);
}

int write_header(const char *path) {
    FILE *fp __attribute__((cleanup(flushp))) = fopen(path, "w"); // expect: handle-leak
    if (!fp)
        return -1;
    fputs("# header\n", fp);
    return 0;
}

/*
 * check-name: cleanup attribute whose function does not close
 * check-description: flushp runs at scope end with &fp but only flushes; the stream is never closed.
 */
