/* A variadic function of this file closes every stream it receives through `...`. */
#include <stdarg.h>
#include <stdio.h>

static void close_all(int n, ...) {
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        fclose(va_arg(ap, FILE *));
    va_end(ap);
}

int broadcast(const char *a, const char *b, const char *text) {
    FILE *fa = fopen(a, "w");
    if (!fa)
        return -1;
    FILE *fb = fopen(b, "w");
    if (!fb) {
        fclose(fa);
        return -1;
    }
    fputs(text, fa);
    fputs(text, fb);
    close_all(2, fa, fb);
    return 0;
}

/*
 * check-name: handles closed through va_arg in a variadic function
 * check-description: close_all releases its variadic arguments with fclose(va_arg(ap, FILE *)). The summary of
 *   close_all cannot say which argument va_arg yields, so fa and fb look still open after the call; a sound
 *   answer would treat arguments passed through `...` to a function that calls va_arg with a release as released
 *   (or handed off). Known gap: an analysis that treats arguments passed through `...` to a project function as
 *   merely used reports both fopen calls as leaks.
 * check-known-to-fail
 */
