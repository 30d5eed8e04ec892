/* Writing to a stream after closing it. */
#include <stdio.h>

void save(FILE *out, const char *text) {
    fputs(text, out);
    fclose(out);
    fprintf(out, "%s\n", "trailer"); // expect: handle-use-after-release
}

int copy_header(const char *src, char *buf, int n) {
    FILE *in = fopen(src, "r");
    if (!in)
        return -1;
    fclose(in);
    if (fgets(buf, n, in) == NULL) // expect: handle-use-after-release
        return -1;
    return 0;
}

/*
 * check-name: stream used after fclose
 * check-description: save writes to its parameter after closing it; copy_header reads from a stream it
 *   already closed. The findings are on the uses.
 */
