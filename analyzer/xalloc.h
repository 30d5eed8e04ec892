/* xalloc.h — allocation that cannot fail: out of memory ends the process with one line, because no caller inside an
 * analysis could do anything useful with a NULL. */
#ifndef LIFELINE_XALLOC_H
#define LIFELINE_XALLOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void *xalloc_die(void) {
    fputs("lifeline: out of memory\n", stderr);
    abort();
}

static inline void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    return p ? p : xalloc_die();
}

static inline void *xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    return p ? p : xalloc_die();
}

static inline void *xrealloc(void *old, size_t n) {
    void *p = realloc(old, n ? n : 1);
    return p ? p : xalloc_die();
}

/* NULL stays NULL. */
static inline char *xstrdup(const char *s) {
    if (!s) return NULL;
    char *p = strdup(s);
    return p ? p : xalloc_die();
}

#endif
