/* Leaks inside loops: a loop that runs exactly once, and a loop that reopens into the same variable. */
#include <stdio.h>

void read_once(const char *path, char *buf, int n) {
    int i;
    for (i = 0; i < 1; i++) {
        FILE *fp = fopen(path, "r"); // expect: handle-leak
        if (fp == NULL)
            continue;
        fgets(buf, n, fp);
    }
}

int last_readable(const char **paths, int n) {
    FILE *fp = NULL;
    int found = -1;
    for (int i = 0; i < n; i++) {
        fp = fopen(paths[i], "r"); // expect: handle-leak
        if (fp != NULL)
            found = i;
    }
    if (fp)
        fclose(fp);
    return found;
}

/*
 * check-name: handles leaked in loops
 * check-description: read_once opens a stream in a loop that runs once and never closes it. last_readable
 *   overwrites fp on the next iteration while the stream opened by the previous one is still open (only the
 *   last stream is closed): one finding on the fopen in the loop.
 */
