/* model_loader.h — internals shared by the model file readers: models.c (resources, functions, threads, and the
 * load/commit machinery) and model_facts.c (properties, blocking calls, waits, sessions, locks). Not part of the
 * models API; nothing outside those two files includes it. */
#ifndef LIFELINE_MODEL_LOADER_H
#define LIFELINE_MODEL_LOADER_H

#include <yaml.h>

#include "models.h"

#define MODEL_TAG "lifeline-model"

enum {
    MAX_ARG_INDEX = 126,       /* C guarantees 127 parameters: indexes 0..126 */
    MAX_COUNT = 1024,          /* handles one acquire produces; pipe makes 2 */
    MAX_FILE_BYTES = 16 << 20, /* a model file is a few kilobytes; refuse to slurp a mistaken path */
    MAX_QUOTED = 60,           /* how much of a user's scalar an error message quotes */
};

/* A kind as the file declares it: which properties were given, so a second declaration can add entries without
 * restating them. Strings point into the YAML document. */
typedef struct pending_kind {
    const char *name;
    const char *description; /* NULL: not given */
    bool has_invalid, has_report;
    model_invalid invalid;
    int64_t invalid_value;
    bool report;
    bool thread; /* declared under `threads:` */
    unsigned line;
} pending_kind;

typedef struct fact_stage fact_stage;

typedef struct loader {
    const char *name; /* for messages */
    yaml_document_t *doc;
    arena scratch;
    pending_kind *kinds;
    uint32_t nkinds, cap_kinds;
    model_fn *fns; /* .kind indexes `kinds` (not models.kinds) until commit; .function points into the document */
    uint32_t nfns, cap_fns;
    fact_stage *facts;       /* model_facts.c's staging of the sections it reads */
    tool_diag_list warnings; /* handed to the caller only when the file loads */
    char *err;
    size_t errlen;
} loader;

/* ---- helpers (models.c) ---- */
unsigned ml_line(const yaml_node_t *n);
bool ml_fail(loader *ld, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ml_warn(loader *ld, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *ml_text(const yaml_node_t *n);
bool ml_is_null(const yaml_node_t *n);
const char *ml_describe(const yaml_node_t *n, char *buf, size_t len);
yaml_node_t *ml_node(const loader *ld, int index);
bool ml_is_name(const yaml_node_t *n);
bool ml_is_c_identifier(const char *s);
bool ml_scalar_int(const yaml_node_t *n, int64_t *out);
bool ml_get_int(loader *ld, const yaml_node_t *n, const char *key, int64_t *out);
bool ml_get_index(loader *ld, const yaml_node_t *n, const char *key, bool minus_one_ok, int32_t *out);
bool ml_get_bool(loader *ld, const yaml_node_t *n, const char *key, bool *out);
bool ml_read_mapping(loader *ld, const yaml_node_t *map, const char *what, const char *const *keys, size_t nkeys,
                     yaml_node_t **vals);
bool ml_entry_function(loader *ld, const yaml_node_t *n, unsigned entry_line, const char *where, const char **name);

/* ---- model_facts.c ---- */
/* The top-level sections it reads: `properties`, `blocking`, `waits`, `sessions`, `locks`. */
bool facts_parse_section(loader *ld, const char *key, const yaml_node_t *section);
/* After the file's kinds are committed: resolve kind names, map property names to bits, index. */
void facts_commit(models *m, loader *ld);

#endif
