/* arena.c — bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

enum { ARENA_CHUNK_MIN = 64 * 1024 };

void arena_init(arena *a) {
    a->head = NULL;
    a->total = 0;
}

void arena_free(arena *a) {
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* Uninitialised: for callers that overwrite every byte (copies), where zeroing first would double the writes. */
static void *alloc_raw(arena *a, size_t size) {
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0) size = align;
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > ARENA_CHUNK_MIN ? size : ARENA_CHUNK_MIN;
        c = malloc(sizeof(arena_chunk) + cap);
        if (!c) {
            fputs("lifeline: out of memory\n", stderr);
            abort();
        }
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->total += size;
    return p;
}

void *arena_alloc(arena *a, size_t size) {
    void *p = alloc_raw(a, size);
    memset(p, 0, size);
    return p;
}

void *arena_dup(arena *a, const void *src, size_t size) {
    void *p = alloc_raw(a, size);
    if (size) memcpy(p, src, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_extend(arena *a, const void *old, size_t old_count, size_t new_cap, size_t elem_size) {
    char *p = alloc_raw(a, new_cap * elem_size);
    if (old && old_count) memcpy(p, old, old_count * elem_size);
    return p;
}

void *arena_grow(arena *a, void *old, size_t old_count, size_t new_cap, size_t elem_size) {
    char *p = alloc_raw(a, new_cap * elem_size);
    size_t kept = old ? old_count * elem_size : 0;
    if (kept) memcpy(p, old, kept);
    memset(p + kept, 0, new_cap * elem_size - kept);
    return p;
}
