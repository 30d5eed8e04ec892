/* The same stream closed twice, directly and through a copy. */
#include <stdio.h>

void finish(FILE *log, int failed) {
    if (failed)
        fclose(log);
    fputs("done\n", stderr);
    fclose(log); // expect: handle-double-release
}

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    FILE *alias = fp;
    fputs(text, fp);
    fclose(fp);
    return fclose(alias); // expect: handle-double-release
}

/*
 * check-name: stream closed twice
 * check-description: finish closes its parameter when failed != 0 and then again unconditionally (the handle
 *   is the parameter's value: released twice on that path); save closes fp and then its copy alias, the same
 *   stream. The findings are on the second fclose.
 */
