/* Fixed versions of loop-once.c: loops with a constant trip count of one, and close-per-iteration loops. */
#include <stdio.h>

void read_once(const char *path, char *buf, int n) {
    int i;
    for (i = 0; i < 1; i++) {
        FILE *fp = fopen(path, "r");
        if (fp == NULL)
            continue;
        fgets(buf, n, fp);
        fclose(fp);
    }
}

void close_in_loop_once(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    for (int i = 0; i < 1; i++)
        fclose(fp);
}

int count_readable(const char **paths, int n) {
    int found = 0;
    for (int i = 0; i < n; i++) {
        FILE *fp = fopen(paths[i], "r");
        if (fp == NULL)
            continue;
        found++;
        fclose(fp);
    }
    return found;
}

/*
 * check-name: loops that close what they open
 * check-description: read_once closes inside the loop; close_in_loop_once releases in a loop whose constant
 *   bounds make it run exactly once (the exit before the first iteration is infeasible, and a second iteration
 *   is too, so there is neither a leak nor a double release); count_readable closes every stream it opens in the
 *   same iteration.
 */
