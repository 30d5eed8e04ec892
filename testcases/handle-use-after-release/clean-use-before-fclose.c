/* Fixed version of fprintf-after-fclose.c: every use comes before the release. */
#include <stdio.h>

void save(FILE *out, const char *text) {
    fputs(text, out);
    fprintf(out, "%s\n", "trailer");
    fclose(out);
}

int copy_header(const char *src, char *buf, int n) {
    int rc = 0;
    FILE *in = fopen(src, "r");
    if (!in)
        return -1;
    if (fgets(buf, n, in) == NULL)
        rc = -1;
    fclose(in);
    return rc;
}

/*
 * check-name: stream used before fclose
 * check-description: all reads and writes happen before the stream is closed.
 */
