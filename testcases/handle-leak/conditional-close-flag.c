/* The release depends on a runtime flag, so some path skips it. */
#include <stdio.h>

int write_report(const char *path, const char *text, int keep_open, FILE **keep) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (!fp)
        return -1;
    fputs(text, fp);
    if (keep_open && keep)
        *keep = fp;
    else if (!keep_open)
        fclose(fp);
    return 0;
}

/*
 * check-name: release skipped on a runtime path
 * check-description: with keep_open set and keep NULL, the stream is neither stored through keep nor closed.
 */
