/* objset.c — immutable sorted sets of object ids (see objset.h). */
#include "objset.h"

#include <string.h>

bool objset_has(objset s, uint32_t o) {
    uint32_t lo = 0, hi = s.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s.items[mid] == o) return true;
        if (s.items[mid] < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool objset_equal(objset a, objset b) {
    return a.n == b.n && (a.items == b.items || a.n == 0 || memcmp(a.items, b.items, a.n * sizeof *a.items) == 0);
}

bool objset_intersects(objset a, objset b) {
    uint32_t i = 0, j = 0;
    while (i < a.n && j < b.n) {
        if (a.items[i] == b.items[j]) return true;
        if (a.items[i] < b.items[j])
            i++;
        else
            j++;
    }
    return false;
}

objset objset_with(arena *a, objset s, uint32_t o) {
    uint32_t at = 0;
    while (at < s.n && s.items[at] < o)
        at++;
    if (at < s.n && s.items[at] == o) return s;
    uint32_t *items = arena_alloc(a, (s.n + 1) * sizeof *items);
    if (at) memcpy(items, s.items, at * sizeof *items);
    items[at] = o;
    if (s.n > at) memcpy(items + at + 1, s.items + at, (s.n - at) * sizeof *items);
    return (objset){items, s.n + 1};
}

/* Elements of y missing from x (both sorted). */
static uint32_t count_missing(objset x, objset y) {
    uint32_t i = 0, missing = 0;
    for (uint32_t j = 0; j < y.n; j++) {
        while (i < x.n && x.items[i] < y.items[j])
            i++;
        if (i == x.n || x.items[i] != y.items[j]) missing++;
    }
    return missing;
}

objset objset_union(arena *a, objset x, objset y) {
    if (y.n == 0 || x.items == y.items) return x;
    if (x.n == 0) return y;
    uint32_t missing = count_missing(x, y);
    if (missing == 0) return x;
    if (x.n < y.n && count_missing(y, x) == 0) return y;
    uint32_t n = x.n + missing;
    uint32_t *items = arena_alloc(a, n * sizeof *items);
    uint32_t i = 0, j = 0, k = 0;
    while (i < x.n || j < y.n) {
        if (j == y.n || (i < x.n && x.items[i] < y.items[j]))
            items[k++] = x.items[i++];
        else if (i == x.n || y.items[j] < x.items[i])
            items[k++] = y.items[j++];
        else {
            items[k++] = x.items[i++];
            j++;
        }
    }
    return (objset){items, n};
}
