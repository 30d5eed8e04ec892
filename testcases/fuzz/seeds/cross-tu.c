/* Seed for fuzz_source: three files (see the //@@ lines): cross-TU summaries, recursion across TUs, a static
 * function and a header function defined in two TUs, a function whose declarations disagree on its parameters. */
#include "common.h"
static int helper(int *p) { return *p; }
int ping(int n, int *p);
int pong(int n, int *p) { return n ? ping(n - 1, p) : helper(p); }
int use(FILE *f, int *local_out) {
    int x = 0;
    keep_it(&x);
    *local_out = wrap(f);
    return pong(3, &x) + in_header(&x);
}
//@@ common.h
#include <stdio.h>
void keep_it(int *p);
int wrap(FILE *f);
static inline int in_header(int *p) { return p != 0; }
//@@ other.c
#include "common.h"
#include <stdlib.h>
int *saved;
static int helper(int *p, int q) { return *p + q; }
int pong(int n, int *p);
int ping(int n, int *p) { saved = p; return n ? pong(n, p) : helper(p, n); }
void keep_it(int *p) { saved = p; }
int wrap(FILE *f) { return fclose(f); }
//@@ third.c
int wrap(void *f, int extra) { return extra; }
