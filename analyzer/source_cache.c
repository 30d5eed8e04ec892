/* source_cache.c — see source_cache.h. */
#include "source_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void source_cache_init(source_cache *sc) {
    memset(sc, 0, sizeof *sc);
    strmap_init(&sc->by_path);
}

void source_cache_free(source_cache *sc) {
    for (size_t i = 0; i < sc->count; i++) {
        free(sc->items[i]->path);
        free(sc->items[i]->data);
        free(sc->items[i]->line_starts);
        free(sc->items[i]);
    }
    free(sc->items);
    strmap_free(&sc->by_path);
    memset(sc, 0, sizeof *sc);
}

static char *read_whole_file(const char *path, size_t *len_out) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    if (!buf) abort();
    while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            char *grown = realloc(buf, cap);
            if (!grown) abort();
            buf = grown;
        }
    }
    fclose(fp);
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

/* Takes ownership of data (may be NULL). */
static source_file *add_file(source_cache *sc, const char *path, char *data, size_t len) {
    source_file *f = calloc(1, sizeof *f);
    if (!f) abort();
    f->path = strdup(path);
    if (!f->path) abort();
    if (data) {
        f->data = data;
        f->len = len;
        size_t nl = 1;
        for (size_t i = 0; i < len; i++)
            if (data[i] == '\n') nl++;
        f->line_starts = malloc((nl + 2) * sizeof *f->line_starts);
        if (!f->line_starts) abort();
        f->line_starts[1] = 0;
        size_t line = 1;
        for (size_t i = 0; i < len; i++)
            if (data[i] == '\n') f->line_starts[++line] = i + 1;
        f->nlines = line;
        content_hash(f->hash, data, len);
    }
    source_file **grown = realloc(sc->items, (sc->count + 1) * sizeof *sc->items);
    if (!grown) abort();
    sc->items = grown;
    sc->items[sc->count++] = f;
    strmap_put(&sc->by_path, f->path, f);
    return f;
}

source_file *source_cache_get(source_cache *sc, const char *path) {
    source_file *f = strmap_get(&sc->by_path, path);
    if (f) return f;
    size_t len = 0;
    char *data = read_whole_file(path, &len);
    return add_file(sc, path, data, len);
}

void source_cache_put_unsaved(source_cache *sc, const char *path, const char *text, size_t len) {
    if (strmap_get(&sc->by_path, path)) return;
    char *copy = malloc(len + 1);
    if (!copy) abort();
    memcpy(copy, text, len);
    copy[len] = '\0';
    add_file(sc, path, copy, len);
}

const char *source_cache_statement_text(void *ctx, const char *file, unsigned line, unsigned col, unsigned end_line,
                                        unsigned end_col, size_t *len) {
    (void)col;
    (void)end_col;
    source_file *f = source_cache_get(ctx, file);
    if (!f->data || line == 0 || line > f->nlines) return NULL;
    if (end_line < line) end_line = line;
    if (end_line > f->nlines) end_line = (unsigned)f->nlines;
    size_t start = f->line_starts[line];
    size_t end = end_line < f->nlines ? f->line_starts[end_line + 1] : f->len;
    *len = end - start;
    return f->data + start;
}
