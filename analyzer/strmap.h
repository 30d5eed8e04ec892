/* strmap.h — string-keyed hash map (open addressing, xxHash), used for USR and name lookups.
 * Keys are not copied: they must outlive the map (they live in arenas). */
#ifndef LIFELINE_STRMAP_H
#define LIFELINE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strmap_entry {
    const char *key;
    void *value;
} strmap_entry;

typedef struct strmap {
    strmap_entry *slots;
    size_t cap, count;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Insert or replace. */
void strmap_put(strmap *m, const char *key, void *value);
void *strmap_get(const strmap *m, const char *key);
bool strmap_has(const strmap *m, const char *key);

#endif
