/* Fixed version of fclose-twice.c: clear the variable after closing and test it before the second close. */
#include <stdio.h>

void finish(FILE *log, int failed) {
    if (failed) {
        fclose(log);
        log = NULL;
    }
    fputs("done\n", stderr);
    if (log)
        fclose(log);
}

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    FILE *alias = fp;
    fputs(text, alias);
    return fclose(fp);
}

/*
 * check-name: stream closed once, variable cleared after release
 * check-description: after fclose(log), log = NULL makes the later `if (log)` false on that path; save closes
 *   the stream once, through one of its two names.
 */
