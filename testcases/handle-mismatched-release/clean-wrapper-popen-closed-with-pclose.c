/* Fixed version of wrapper-popen-closed-with-fclose.c, with a matching release wrapper. */
#include <stdio.h>

static FILE *spawn_reader(const char *cmd) {
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        perror(cmd);
    return p;
}

static int reap(FILE *p) {
    return pclose(p);
}

int first_line(const char *cmd, char *buf, int n) {
    FILE *in = spawn_reader(cmd);
    if (!in)
        return -1;
    int rc = fgets(buf, n, in) ? 0 : -1;
    pclose(in);
    return rc;
}

int drain(const char *cmd) {
    char buf[64];
    FILE *in = spawn_reader(cmd);
    if (!in)
        return -1;
    while (fgets(buf, sizeof buf, in))
        ;
    return reap(in);
}

/*
 * check-name: popen stream from an acquire wrapper released with pclose
 * check-description: the caller releases with pclose, directly or through reap, a release wrapper whose body
 *   uses pclose.
 */
