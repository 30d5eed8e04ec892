/* GCC nested functions: clang cannot parse them. */
#include <stdio.h>

int nested_closes(const char *p) { // (not analysed: clang cannot parse a nested function)
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    void done(void) { fclose(fp); }
    done();
    return 0;
}

int nested_helper(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    int bump(int c) { return c + 1; }
    int r = bump(fgetc(fp));
    fclose(fp);
    return r;
}

int no_nesting_here(const char *p) {
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: GNU nested functions
 * check-description: clang rejects nested function definitions ("function definition is not allowed here") and
 *   drops them, so the call done() in nested_closes would seem to leave the stream open. A function whose body clang
 *   could not parse is not analysed (a note says so); the leak in the function next to them is still reported.
 */
