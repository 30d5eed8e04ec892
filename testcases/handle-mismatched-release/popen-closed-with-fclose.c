/* A popen stream closed with fclose: the child is never waited for. */
#include <stdio.h>

int run(const char *cmd) {
    char line[128];
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    while (fgets(line, sizeof line, p))
        fputs(line, stdout);
    return fclose(p); // expect: handle-mismatched-release
}

int run_quiet(const char *cmd) {
    FILE *p = popen(cmd, "w");
    if (p == NULL)
        return -1;
    FILE *q = p;
    fputs("y\n", q);
    fclose(q); // expect: handle-mismatched-release
    return 0;
}

/*
 * check-name: popen stream released with fclose
 * check-description: both streams come from popen and must be released with pclose; run_quiet closes through
 *   a copy. A mismatched release still counts as a release: no leak is expected in addition.
 */
