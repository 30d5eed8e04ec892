/* Fixed version of fopen-missing-fclose.c: every stream is closed on every path that holds it. */
#include <stdio.h>
#include <string.h>

int read_header(const char *path, char *out, size_t n) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return -1;
    if (fgets(out, (int)n, fp) == NULL) {
        fclose(fp);
        return -1;
    }
    fclose(fp);
    return 0;
}

int append_line(const char *path, const char *line) {
    FILE *fp = fopen(path, "a");
    if (!fp)
        return -1;
    fputs(line, fp);
    fputc('\n', fp);
    return fclose(fp);
}

int touch(const char *path) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    return fclose(fp) == 0 ? 0 : -1;
}

/*
 * check-name: fopen stream closed on every path
 * check-description: the NULL paths of fopen hold no stream; every other path reaches fclose, including
 *   `return fclose(fp);`.
 */
