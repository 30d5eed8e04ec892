/* A variadic function of this file receives handles through `...` and only writes to them. */
#include <stdarg.h>
#include <stdio.h>

static void write_all(const char *text, int n, ...) {
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        fputs(text, va_arg(ap, FILE *));
    va_end(ap);
}

int broadcast(const char *a, const char *b, const char *text) {
    FILE *fa = fopen(a, "w"); // expect: handle-leak
    if (!fa)
        return -1;
    FILE *fb = fopen(b, "w");
    if (!fb) {
        fclose(fa);
        return -1;
    }
    write_all(text, 2, fa, fb);
    fclose(fb);
    return 0;
}

/*
 * check-name: handle passed through `...` to a function that does not close it
 * check-description: write_all is defined here and only writes through its variadic arguments; broadcast closes
 *   fb but not fa. The analysis cannot follow va_arg; a variadic argument passed to a function defined in the
 *   program is treated like an argument to a function that only uses it (not a hand-off to an unknown
 *   function), so the leak of fa is found.
 */
