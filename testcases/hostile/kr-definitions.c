/* K&R (old-style) function definitions: parameters declared between the ) and the {. */
#include <stdio.h>

int kr_close(fp, why)
    FILE *fp;
    int why;
{
    (void)why;
    return fclose(fp);
}

FILE *kr_open(path, mode)
    char *path, *mode;
{
    FILE *f;
    f = fopen(path, mode);
    return f;
}

int kr_user(p)
    char *p;
{
    FILE *fp = kr_open(p, "r");
    if (!fp)
        return -1;
    kr_close(fp, 0);
    return 0;
}

int kr_leaker(p)
    char *p;
{
    FILE *fp = kr_open(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/* No parameter list at all: a call may pass anything, and what the body does with nothing is nothing. */
int kr_noproto();
int kr_noproto_user(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    kr_noproto(fp);
    fclose(fp);
    return 0;
}
int kr_noproto() { return 0; }

/*
 * check-name: K&R function definitions
 * check-description: kr_open is an acquire wrapper and kr_close a release wrapper although both are old-style
 *   definitions (parameter types declared after the list); kr_leaker leaks what kr_open returned. A function
 *   declared without a prototype and defined with no parameters is called with an argument: nothing happens to it.
 *   check-flags: -std=gnu89
 */
