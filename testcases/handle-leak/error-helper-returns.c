/* The error helper looks fatal but returns, so the path continues to a return with the handle open. */
#include <stdio.h>
#include <stdlib.h>

static int g_errors;

static void report_error(const char *what) {
    fprintf(stderr, "error: %s\n", what);
    g_errors++;
}

int load(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp) {
        report_error(path);
        return -1;
    }
    if (fgets(buf, n, fp) == NULL) {
        report_error("empty file");
        return -1;
    }
    fclose(fp);
    return 0;
}

/*
 * check-name: handle leaked on a path through an error helper that returns
 * check-description: report_error is not noreturn (it counts and returns), so the empty-file path returns -1
 *   with fp open. Compare clean-noreturn-paths.c, where the helpers exit.
 */
