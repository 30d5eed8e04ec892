/* An acquire wrapper returns a popen stream; its caller releases it with fclose. */
#include <stdio.h>

static FILE *spawn_reader(const char *cmd) {
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        perror(cmd);
    return p;
}

int first_line(const char *cmd, char *buf, int n) {
    FILE *in = spawn_reader(cmd);
    if (!in)
        return -1;
    int rc = fgets(buf, n, in) ? 0 : -1;
    fclose(in); // expect: handle-mismatched-release
    return rc;
}

/*
 * check-name: popen stream from an acquire wrapper released with fclose
 * check-description: spawn_reader's summary says it returns a popen stream, so the caller's fclose releases it
 *   with the wrong function.
 */
