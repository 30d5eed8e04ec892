/* FILE* streams from fopen that are not closed on some path: an early return after a failed read, a function
 * that never closes, and a result that is thrown away. */
#include <stdio.h>
#include <string.h>

int read_header(const char *path, char *out, size_t n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return -1;
    if (fgets(out, (int)n, fp) == NULL)
        return -1;
    fclose(fp);
    return 0;
}

int append_line(const char *path, const char *line) {
    FILE *fp = fopen(path, "a"); // expect: handle-leak
    if (!fp)
        return -1;
    fputs(line, fp);
    fputc('\n', fp);
    return 0;
}

void touch(const char *path) {
    fopen(path, "w"); // expect: handle-leak
}

/*
 * check-name: fopen stream not closed
 * check-description: read_header returns without fclose when fgets fails; append_line never closes its stream;
 *   touch discards the FILE* fopen returns. Each finding is on the fopen call.
 */
