/* strmap.c — string-keyed open-addressing hash map (see strmap.h). */
#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void strmap_init(strmap *m) {
    memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m) {
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static size_t slot_of(const strmap *m, const char *key) {
    size_t mask = m->cap - 1;
    size_t i = (size_t)XXH3_64bits(key, strlen(key)) & mask;
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return i;
}

static void grow(strmap *m) {
    strmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->count = 0;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots) {
        fputs("lifeline: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) strmap_put(m, old.slots[i].key, old.slots[i].value);
    free(old.slots);
}

void strmap_put(strmap *m, const char *key, void *value) {
    if ((m->count + 1) * 4 > m->cap * 3) grow(m);
    size_t i = slot_of(m, key);
    if (!m->slots[i].key) {
        m->slots[i].key = key;
        m->count++;
    }
    m->slots[i].value = value;
}

void *strmap_get(const strmap *m, const char *key) {
    if (!m->cap || !key) return NULL;
    size_t i = slot_of(m, key);
    return m->slots[i].key ? m->slots[i].value : NULL;
}

bool strmap_has(const strmap *m, const char *key) {
    if (!m->cap || !key) return false;
    return m->slots[slot_of(m, key)].key != NULL;
}
