/* arena.h — bump allocator for everything that lives exactly as long as one translation unit or one function run.
 *
 * The IR of a TU and the abstract states of a function's analysis are built once and dropped at once; an arena makes
 * that one free() instead of thousands, and lets checkers allocate without tracking ownership. */
#ifndef LIFELINE_ARENA_H
#define LIFELINE_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    size_t total; /* bytes handed out, for limits and statistics */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Zeroed, aligned for any object. Aborts on out-of-memory: there is no useful recovery inside an analysis. */
void *arena_alloc(arena *a, size_t size);
/* A copy of size bytes of src. */
void *arena_dup(arena *a, const void *src, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grow an arena-backed array: returns a copy with room for new_cap elements (old contents kept). */
void *arena_grow(arena *a, void *old, size_t old_count, size_t new_cap, size_t elem_size);
/* Same, but the room past old_count is left uninitialised: for arrays whose callers fill each element as they add
 * it (the IR's blocks and events). */
void *arena_extend(arena *a, const void *old, size_t old_count, size_t new_cap, size_t elem_size);

#endif
