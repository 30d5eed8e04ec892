/* Fixed version of popen-closed-with-fclose.c. */
#include <stdio.h>

int run(const char *cmd) {
    char line[128];
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    while (fgets(line, sizeof line, p))
        fputs(line, stdout);
    return pclose(p);
}

int run_quiet(const char *cmd) {
    FILE *p = popen(cmd, "w");
    if (p == NULL)
        return -1;
    FILE *q = p;
    fputs("y\n", q);
    return pclose(q);
}

/*
 * check-name: popen stream released with pclose
 * check-description: each popen stream is released with pclose, directly or through a copy.
 */
