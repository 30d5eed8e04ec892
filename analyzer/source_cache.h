/* source_cache.h — source files read once per run: content hashes for the store, statement text for fingerprints,
 * comment text for NOLINT. An editor's unsaved buffer can stand in for a file's disk contents (LSP). */
#ifndef LIFELINE_SOURCE_CACHE_H
#define LIFELINE_SOURCE_CACHE_H

#include <stddef.h>

#include "fingerprint.h"
#include "strmap.h"

typedef struct source_file {
    char *path;
    char *data; /* NUL-terminated, NULL when unreadable */
    size_t len;
    size_t *line_starts; /* offset of each line, 1-based index */
    size_t nlines;
    char hash[FINGERPRINT_HEX_LEN + 1];
} source_file;

typedef struct source_cache {
    strmap by_path;
    source_file **items;
    size_t count;
} source_cache;

void source_cache_init(source_cache *sc);
void source_cache_free(source_cache *sc);
/* The file's contents, read on first use. Never NULL; data is NULL when the file cannot be read. */
source_file *source_cache_get(source_cache *sc, const char *path);
/* Use `text` instead of the disk contents of `path` (copied). Must come before the first get of that path. */
void source_cache_put_unsaved(source_cache *sc, const char *path, const char *text, size_t len);

/* fingerprint_text_fn over a source_cache (ctx): the source lines a finding's statement spans. */
const char *source_cache_statement_text(void *ctx, const char *file, unsigned line, unsigned col, unsigned end_line,
                                        unsigned end_col, size_t *len);

#endif
