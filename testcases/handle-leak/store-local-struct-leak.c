/* Storing a handle into a local aggregate is not a hand-off: the aggregate dies with the frame. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

struct ctx {
    FILE *fp;
    int fd;
};

static int ctx_check(const struct ctx *c) {
    return c->fp != NULL && c->fd >= 0;
}

int check_pair(const char *a, const char *b) {
    struct ctx c;
    c.fp = fopen(a, "r");
    if (!c.fp)
        return -1;
    c.fd = open(b, O_RDONLY); // expect: handle-leak
    if (c.fd < 0) {
        fclose(c.fp);
        return -1;
    }
    int ok = ctx_check(&c);
    fclose(c.fp);
    return ok;
}

/*
 * check-name: handle stored in a local struct and leaked
 * check-description: c is a local; ctx_check only reads it. c.fp is closed on every path, c.fd never is.
 */
