/* Fixed version of return-local-array.c and return-struct-by-value.c: the returned memory is on the heap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *format_id(int id) {
    char buf[32];
    snprintf(buf, sizeof buf, "id-%d", id);
    return strdup(buf);
}

int *make_array(size_t n) {
    int *a = calloc(n, sizeof *a);
    return a;
}

struct buffer {
    char *cursor;
    char data[16];
};

struct buffer *buffer_new(void) {
    struct buffer *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    b->data[0] = '\0';
    b->cursor = b->data;
    return b;
}

char *copy_of(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    return p;
}

/*
 * check-name: returning heap memory
 * check-description: strdup, calloc and malloc results outlive the frame; b->cursor points into the heap
 *   object itself. The caller owns and frees them.
 */
