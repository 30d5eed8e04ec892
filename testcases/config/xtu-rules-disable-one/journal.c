#include <stdio.h>

int journal_append(const char *path, const char *line) {
    FILE *fp = fopen(path, "a");
    if (!fp)
        return -1;
    if (fputs(line, fp) == EOF)
        return -1;
    return fclose(fp);
}

void journal_close(FILE *fp, int failed) {
    if (failed)
        fclose(fp);
    fclose(fp); // expect: handle-double-release
}
