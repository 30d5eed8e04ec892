/* objset.h — small immutable sets of object ids (sorted uint32 arrays in an arena) for the checkers' path states.
 *
 * A path state is copied at every branch, and most of what a state maps to sets holds one or two objects out of
 * thousands (a function expanded from curl's type-checking macros has 4,000 candidate objects). Bitsets made each
 * copy proportional to the function's size; sorted arrays are proportional to what the set holds, and being
 * immutable they are shared between copies of a state instead of copied: an update builds a new array. */
#ifndef LIFELINE_OBJSET_H
#define LIFELINE_OBJSET_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

typedef struct objset {
    const uint32_t *items; /* ascending, no duplicates */
    uint32_t n;
} objset;

static inline bool objset_empty(objset s) {
    return s.n == 0;
}
bool objset_has(objset s, uint32_t o);
bool objset_equal(objset a, objset b);
/* Does any object belong to both? */
bool objset_intersects(objset a, objset b);
/* s with o added (s itself when o is already in it). */
objset objset_with(arena *a, objset s, uint32_t o);
/* x ∪ y: x or y itself when one contains the other, else a new array. */
objset objset_union(arena *a, objset x, objset y);

#endif
