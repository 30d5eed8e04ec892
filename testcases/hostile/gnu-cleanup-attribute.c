/* __attribute__((cleanup(f))): f(&var) runs when var goes out of scope, on every way out. */
#include <stdio.h>

static void close_file(FILE **fp) {
    if (*fp)
        fclose(*fp);
}

#define AUTO_FILE __attribute__((cleanup(close_file))) FILE *

int read_first(const char *p) {
    __attribute__((cleanup(close_file))) FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    return fgetc(fp);
}

int early_returns_in_nested_scopes(const char *p, int x) {
    AUTO_FILE fp = fopen(p, "r");
    if (!fp)
        return -1;
    if (x)
        return 1;
    {
        AUTO_FILE out = fopen(p, "w");
        if (!out)
            return -2;
        fputc(x, out);
    }
    return fgetc(fp);
}

int cleanup_on_goto(const char *p, int n) {
    int rc = 0;
    {
        AUTO_FILE fp = fopen(p, "r");
        if (!fp)
            return -1;
        if (n < 0)
            goto out; /* leaves the scope: close_file runs */
        rc = fgetc(fp);
    }
out:
    return rc;
}

int plain_leak_next_door(const char *p) {
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: cleanup attribute with a FILE* and close_file
 * check-description: a FILE* declared with cleanup(close_file) is released when its scope ends: by a return, at
 *   the end of a block, by a goto out of the block. None of these leak; the ordinary stream next to them does.
 */
