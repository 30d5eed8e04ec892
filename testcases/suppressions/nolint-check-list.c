/* A nolint list of several checks suppresses each lifeline rule it names, whatever else it names. */
#include <stdio.h>

void report_and_close(FILE *log, int failed) {
    if (failed)
        fclose(log);
    fclose(log); // NOLINT(bugprone-unused-return-value, lifeline-handle-double-release)
}

void close_twice(FILE *log) {
    fclose(log);
    fclose(log); // NOLINT(bugprone-unused-return-value, lifeline-handle-leak) expect: handle-double-release
}

int read_then_close_twice(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-leak,lifeline-handle-double-release)
    if (!fp)
        return -1;
    int c = fgetc(fp);
    if (c == EOF)
        return -1;
    fclose(fp);
    fclose(fp); // expect: handle-double-release
    return c;
}

/*
 * check-name: nolint with a list of checks
 * check-description: report_and_close's second fclose is a double release on the failed path; its list names a
 *   clang-tidy check and lifeline-handle-double-release: suppressed. close_twice's list names handle-leak, not the
 *   double release: reported. In read_then_close_twice the leak (fgetc fails) is reported on the fopen line, which
 *   names it, so it is suppressed; the double release is on another line and the directive does not reach it.
 */
