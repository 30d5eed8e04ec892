/* models.c — reads model files (the YAML format described in models.h and README "Models") into the tables the
 * checkers query: kinds of resource, and per function name a chain of roles (acquire, release, use, transfer,
 * returns-argument).
 *
 * A file is read with libyaml's document API into a staging area (the `loader`): its kinds and entries point into the
 * YAML document until the whole file has been checked. Only then are they copied into the models arena and indexed,
 * so a file with an error leaves the models exactly as they were. */
#include "models.h"
#include "model_loader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- messages ------------------------------------------------------------------------------------------------- */

unsigned ml_line(const yaml_node_t *n) {
    return n ? (unsigned)n->start_mark.line + 1 : 1;
}

bool ml_fail(loader *ld, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool ml_fail(loader *ld, unsigned line, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ld->err && ld->errlen) snprintf(ld->err, ld->errlen, "%s:%u: %s", ld->name, line, msg);
    return false;
}

void ml_warn(loader *ld, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ml_warn(loader *ld, unsigned line, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tool_diag_add(&ld->warnings, MODEL_TAG, SEV_WARNING, ld->name, line, 0, msg);
}

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- YAML nodes ----------------------------------------------------------------------------------------------- */

const char *ml_text(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value; /* libyaml NUL-terminates scalars */
}

/* `~`, `null`, or nothing at all (`acquire:` with no value): YAML's null. */
bool ml_is_null(const yaml_node_t *n) {
    if (!n) return true;
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *s = ml_text(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* What a node is, for "must be X, not Y" messages. Returns a pointer into buf or a literal. */
const char *ml_describe(const yaml_node_t *n, char *buf, size_t len) {
    if (!n) return "nothing";
    switch (n->type) {
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SCALAR_NODE:
        snprintf(buf, len, "'%.*s'", MAX_QUOTED, ml_text(n));
        return buf;
    default:
        return "nothing";
    }
}

yaml_node_t *ml_node(const loader *ld, int index) {
    return yaml_document_get_node(ld->doc, index);
}

/* A plain name: a scalar without embedded NUL bytes and not empty. */
bool ml_is_name(const yaml_node_t *n) {
    return n && n->type == YAML_SCALAR_NODE && n->data.scalar.length > 0 && strlen(ml_text(n)) == n->data.scalar.length;
}

bool ml_is_c_identifier(const char *s) {
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_')) return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* YAML 1.2 core-schema integers: optional sign, then decimal digits, 0x hex or 0o octal. Hand-rolled rather than
 * strtoll so that "010" is ten (as YAML says), "1e3" and "12abc" are rejected, and overflow is caught. */
bool ml_scalar_int(const yaml_node_t *n, int64_t *out) {
    if (!ml_is_name(n)) return false;
    const char *s = ml_text(n);
    bool neg = false;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    else if (s[0] == '0' && s[1] == 'o')
        base = 8, s += 2;
    if (!*s) return false;
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (*s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (*s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return false;
        if (d >= base || v > (UINT64_MAX - d) / base) return false;
        v = v * base + d;
    }
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1) return false;
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    } else {
        if (v > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)v;
    }
    return true;
}

bool ml_get_int(loader *ld, const yaml_node_t *n, const char *key, int64_t *out) {
    char buf[80];
    if (ml_scalar_int(n, out)) return true;
    return ml_fail(ld, ml_line(n), "'%s' must be an integer, not %s", key, ml_describe(n, buf, sizeof buf));
}

/* An argument index: arg, returns (0 and up), or out, releases, adopts (-1 allowed: "none" / the return value). */
bool ml_get_index(loader *ld, const yaml_node_t *n, const char *key, bool minus_one_ok, int32_t *out) {
    int64_t v;
    if (!ml_get_int(ld, n, key, &v)) return false;
    if (v < (minus_one_ok ? -1 : 0))
        return ml_fail(ld, ml_line(n), "'%s: %lld': argument indexes start at 0%s", key, (long long)v,
                       minus_one_ok ? " (-1 means none)" : "");
    if (v > MAX_ARG_INDEX)
        return ml_fail(ld, ml_line(n), "'%s: %lld': argument index out of range (at most %d)", key, (long long)v,
                       MAX_ARG_INDEX);
    *out = (int32_t)v;
    return true;
}

bool ml_get_bool(loader *ld, const yaml_node_t *n, const char *key, bool *out) {
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
    char buf[80];
    if (n && n->type == YAML_SCALAR_NODE)
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (!strcmp(ml_text(n), yes[i])) return *out = true, true;
            if (!strcmp(ml_text(n), no[i])) return *out = false, true;
        }
    return ml_fail(ld, ml_line(n), "'%s' must be true or false, not %s", key, ml_describe(n, buf, sizeof buf));
}

/* Collect the values of a mapping's known keys into vals[] (NULL when absent). Unknown keys are warned about and
 * ignored, so a newer file mostly still loads; a key given twice keeps its last value, as most YAML readers do. */
bool ml_read_mapping(loader *ld, const yaml_node_t *map, const char *what, const char *const *keys, size_t nkeys,
                     yaml_node_t **vals) {
    for (size_t i = 0; i < nkeys; i++)
        vals[i] = NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = ml_node(ld, p->key), *v = ml_node(ld, p->value);
        char buf[80];
        if (!ml_is_name(k))
            return ml_fail(ld, ml_line(k), "a key in %s must be a name, not %s", what, ml_describe(k, buf, sizeof buf));
        size_t i = 0;
        while (i < nkeys && strcmp(keys[i], ml_text(k)) != 0)
            i++;
        if (i == nkeys) {
            ml_warn(ld, ml_line(k), "unknown key '%.*s' in %s (ignored)", MAX_QUOTED, ml_text(k), what);
            continue;
        }
        if (vals[i]) ml_warn(ld, ml_line(k), "'%s' given twice in %s; the last value is used", keys[i], what);
        vals[i] = v;
    }
    return true;
}

/* ---- staging ---------------------------------------------------------------------------------------------------- */

static model_fn *add_pending_fn(loader *ld) {
    if (ld->nfns == ld->cap_fns) {
        uint32_t cap = ld->cap_fns ? ld->cap_fns * 2 : 64;
        ld->fns = arena_grow(&ld->scratch, ld->fns, ld->nfns, cap, sizeof *ld->fns);
        ld->cap_fns = cap;
    }
    return &ld->fns[ld->nfns++];
}

static const char *invalid_text(model_invalid inv, int64_t value, char *buf, size_t len) {
    switch (inv) {
    case INVALID_NONE:
        return "none";
    case INVALID_NULL:
        return "null";
    case INVALID_NEGATIVE:
        return "negative";
    case INVALID_VALUE:
        snprintf(buf, len, "%lld", (long long)value);
        return buf;
    }
    return "?";
}

static const char *role_text(model_role r) {
    switch (r) {
    case ROLE_ACQUIRE:
        return "acquire";
    case ROLE_RELEASE:
        return "release";
    case ROLE_USE:
        return "use";
    case ROLE_TRANSFER:
        return "transfer";
    case ROLE_RETURNS_ARG:
        return "returns";
    case ROLE_THREAD_SELF:
        return "self";
    case ROLE_THREAD_ATTR:
        return "detached-attr";
    }
    return "?";
}

/* ---- parsing ------------------------------------------------------------------------------------------------------
 */

/* The function name of an entry. Returns false on an error; *name = NULL when the entry is to be ignored (warned). */
bool ml_entry_function(loader *ld, const yaml_node_t *n, unsigned entry_line, const char *where, const char **name) {
    char buf[80];
    *name = NULL;
    if (ml_is_null(n)) return ml_fail(ld, n ? ml_line(n) : entry_line, "an entry of %s has no 'function'", where);
    if (n->type != YAML_SCALAR_NODE)
        return ml_fail(ld, ml_line(n), "'function' in %s must be a function name, not %s", where,
                       ml_describe(n, buf, sizeof buf));
    if (!ml_is_name(n) || !ml_is_c_identifier(ml_text(n))) {
        ml_warn(ld, ml_line(n), "'%.*s' in %s is not a C function name; entry ignored", MAX_QUOTED, ml_text(n), where);
        return true;
    }
    *name = ml_text(n);
    return true;
}

enum { A_FUNCTION, A_OUT, A_COUNT, A_SUCCESS, A_RELEASES, A_ADOPTS, A_NKEYS };
static const char *const acquire_keys[A_NKEYS] = {"function", "out", "count", "success", "releases", "adopts"};
enum { R_FUNCTION, R_ARG, R_NKEYS };
static const char *const arg_keys[R_NKEYS] = {"function", "arg"};

static bool parse_success(loader *ld, const yaml_node_t *n, model_success *out) {
    static const struct {
        const char *name;
        model_success value;
    } names[] = {{"always", SUCCESS_ALWAYS},
                 {"zero", SUCCESS_ZERO},
                 {"nonzero", SUCCESS_NONZERO},
                 {"nonnegative", SUCCESS_NONNEGATIVE},
                 {"nonnull", SUCCESS_NONNULL}};
    char buf[80];
    if (n->type == YAML_SCALAR_NODE)
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (!strcmp(ml_text(n), names[i].name)) return *out = names[i].value, true;
    return ml_fail(ld, ml_line(n), "unknown success value %s (expected zero, nonzero, nonnegative or nonnull)",
                   ml_describe(n, buf, sizeof buf));
}

/* An entry with every optional argument position "none" (-1) and no success condition. */
static model_fn blank_fn(model_role role, int32_t kind, unsigned line) {
    return (model_fn){.role = role,
                      .kind = kind,
                      .out = -1,
                      .success = SUCCESS_ALWAYS,
                      .releases = -1,
                      .adopts = -1,
                      .attr = -1,
                      .routine = -1,
                      .thread_arg = -1,
                      .state = -1,
                      .line = line};
}

/* One entry of acquire/release/use/transfer of the kind with pending index `kind`. */
static bool parse_role_entry(loader *ld, uint32_t kind, model_role role, const yaml_node_t *n) {
    const char *kname = ld->kinds[kind].name;
    char where[160];
    snprintf(where, sizeof where, "'%s' of kind '%.*s'", role_text(role), MAX_QUOTED, kname);
    model_fn f = blank_fn(role, (int32_t)kind, ml_line(n));
    f.arg = role == ROLE_ACQUIRE ? -1 : 0;
    f.count = role == ROLE_ACQUIRE ? 1 : 0;
    char buf[80];
    if (n->type == YAML_SCALAR_NODE) {
        if (!ml_entry_function(ld, n, ml_line(n), where, &f.function)) return false;
    } else if (n->type == YAML_MAPPING_NODE && role == ROLE_ACQUIRE) {
        yaml_node_t *v[A_NKEYS];
        if (!ml_read_mapping(ld, n, where, acquire_keys, A_NKEYS, v)) return false;
        if (!ml_entry_function(ld, v[A_FUNCTION], ml_line(n), where, &f.function)) return false;
        if (v[A_OUT] && !ml_get_index(ld, v[A_OUT], "out", true, &f.out)) return false;
        if (v[A_RELEASES] && !ml_get_index(ld, v[A_RELEASES], "releases", true, &f.releases)) return false;
        if (v[A_ADOPTS] && !ml_get_index(ld, v[A_ADOPTS], "adopts", true, &f.adopts)) return false;
        if (v[A_COUNT]) {
            int64_t c;
            if (!ml_get_int(ld, v[A_COUNT], "count", &c)) return false;
            if (c < 1 || c > MAX_COUNT)
                return ml_fail(ld, ml_line(v[A_COUNT]), "'count: %lld': an acquire produces 1 to %d handles",
                               (long long)c, MAX_COUNT);
            f.count = (uint32_t)c;
        }
        if (v[A_SUCCESS] && !parse_success(ld, v[A_SUCCESS], &f.success)) return false;
        if (f.count > 1 && f.out < 0)
            return ml_fail(ld, ml_line(v[A_COUNT]), "'count: %u' needs 'out': a return value holds one handle",
                           f.count);
        if (f.success != SUCCESS_ALWAYS && f.out < 0) {
            /* Whether a returned handle is valid is the kind's `invalid`; a success condition here would be a second,
             * possibly contradicting, answer. */
            ml_warn(ld, ml_line(v[A_SUCCESS]),
                    "'success' applies to out-parameter acquires only (a returned handle is checked against the kind's "
                    "'invalid'); ignored");
            f.success = SUCCESS_ALWAYS;
        }
    } else if (n->type == YAML_MAPPING_NODE) {
        yaml_node_t *v[R_NKEYS];
        if (!ml_read_mapping(ld, n, where, arg_keys, R_NKEYS, v)) return false;
        if (!ml_entry_function(ld, v[R_FUNCTION], ml_line(n), where, &f.function)) return false;
        if (v[R_ARG] && !ml_get_index(ld, v[R_ARG], "arg", false, &f.arg)) return false;
    } else {
        return ml_fail(ld, ml_line(n), "an entry of %s must be a function name or a mapping with 'function', not %s",
                       where, ml_describe(n, buf, sizeof buf));
    }
    if (f.function) *add_pending_fn(ld) = f;
    return true;
}

static bool parse_role_list(loader *ld, uint32_t kind, model_role role, const yaml_node_t *list) {
    char buf[80];
    if (ml_is_null(list)) return true;
    if (list->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(list), "'%s' must be a list of functions, not %s", role_text(role),
                       ml_describe(list, buf, sizeof buf));
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++)
        if (!parse_role_entry(ld, kind, role, ml_node(ld, *it))) return false;
    return true;
}

enum { K_KIND, K_DESCRIPTION, K_INVALID, K_REPORT, K_ACQUIRE, K_RELEASE, K_USE, K_TRANSFER, K_NKEYS };
static const char *const kind_keys[K_NKEYS] = {"kind",    "description", "invalid", "report",
                                               "acquire", "release",     "use",     "transfer"};

static bool parse_invalid(loader *ld, const yaml_node_t *n, pending_kind *pk) {
    char buf[80];
    pk->has_invalid = true;
    pk->invalid_value = 0;
    if (n && n->type == YAML_SCALAR_NODE && *ml_text(n)) {
        const char *s = ml_text(n);
        if (ml_is_null(n) || !strcmp(s, "null")) return pk->invalid = INVALID_NULL, true;
        if (!strcmp(s, "negative")) return pk->invalid = INVALID_NEGATIVE, true;
        if (!strcmp(s, "none")) return pk->invalid = INVALID_NONE, true;
        if (ml_scalar_int(n, &pk->invalid_value)) return pk->invalid = INVALID_VALUE, true;
    }
    return ml_fail(ld, ml_line(n), "unknown invalid value %s (expected null, negative, none or an integer)",
                   ml_describe(n, buf, sizeof buf));
}

/* A second declaration of a kind in the same file: merge its properties into the first, warning on conflicts. */
static void merge_pending(loader *ld, pending_kind *into, const pending_kind *pk) {
    char a[32], b[32];
    ml_warn(ld, pk->line, "kind '%.*s' is already declared at line %u of this file; its entries are merged", MAX_QUOTED,
            pk->name, into->line);
    if (pk->has_invalid) {
        if (!into->has_invalid) {
            into->has_invalid = true;
            into->invalid = pk->invalid;
            into->invalid_value = pk->invalid_value;
        } else if (into->invalid != pk->invalid || into->invalid_value != pk->invalid_value) {
            ml_warn(ld, pk->line, "kind '%.*s': 'invalid: %s' conflicts with 'invalid: %s' at line %u; ignored",
                    MAX_QUOTED, pk->name, invalid_text(pk->invalid, pk->invalid_value, a, sizeof a),
                    invalid_text(into->invalid, into->invalid_value, b, sizeof b), into->line);
        }
    }
    if (pk->has_report) {
        if (!into->has_report)
            into->has_report = true, into->report = pk->report;
        else if (into->report != pk->report)
            ml_warn(ld, pk->line, "kind '%.*s': 'report: %s' conflicts with line %u; ignored", MAX_QUOTED, pk->name,
                    pk->report ? "true" : "false", into->line);
    }
    if (pk->description) {
        if (!into->description)
            into->description = pk->description;
        else if (strcmp(into->description, pk->description) != 0)
            ml_warn(ld, pk->line, "kind '%.*s': a second 'description' (line %u has one); ignored", MAX_QUOTED,
                    pk->name, into->line);
    }
}

/* Stage a kind, or merge it into the one of the same name declared earlier in the file. A resource kind and a
 * thread kind cannot share a name: the handle rules and the thread rules would both claim its handles. */
static bool add_pending_kind(loader *ld, const pending_kind *pk, uint32_t *index) {
    uint32_t k = 0;
    while (k < ld->nkinds && strcmp(ld->kinds[k].name, pk->name) != 0)
        k++;
    if (k < ld->nkinds) {
        if (ld->kinds[k].thread != pk->thread)
            return ml_fail(ld, pk->line, "kind '%.*s' is declared at line %u as a %s kind; it cannot also be a %s kind",
                           MAX_QUOTED, pk->name, ld->kinds[k].line, ld->kinds[k].thread ? "thread" : "resource",
                           pk->thread ? "thread" : "resource");
        merge_pending(ld, &ld->kinds[k], pk);
    } else {
        if (ld->nkinds == ld->cap_kinds) {
            uint32_t cap = ld->cap_kinds ? ld->cap_kinds * 2 : 16;
            ld->kinds = arena_grow(&ld->scratch, ld->kinds, ld->nkinds, cap, sizeof *ld->kinds);
            ld->cap_kinds = cap;
        }
        ld->kinds[ld->nkinds++] = *pk;
    }
    *index = k;
    return true;
}

static bool parse_kind(loader *ld, const yaml_node_t *n) {
    char buf[80];
    if (n->type != YAML_MAPPING_NODE)
        return ml_fail(ld, ml_line(n), "a resource must be a mapping with 'kind', not %s",
                       ml_describe(n, buf, sizeof buf));
    yaml_node_t *v[K_NKEYS];
    if (!ml_read_mapping(ld, n, "a resource", kind_keys, K_NKEYS, v)) return false;
    if (ml_is_null(v[K_KIND])) return ml_fail(ld, ml_line(v[K_KIND] ? v[K_KIND] : n), "a resource without 'kind'");
    if (!ml_is_name(v[K_KIND]))
        return ml_fail(ld, ml_line(v[K_KIND]), "'kind' must be a name, not %s",
                       ml_describe(v[K_KIND], buf, sizeof buf));

    pending_kind pk = {.name = ml_text(v[K_KIND]), .line = ml_line(n), .report = true};
    if (v[K_INVALID] && !parse_invalid(ld, v[K_INVALID], &pk)) return false;
    if (v[K_REPORT]) {
        if (!ml_get_bool(ld, v[K_REPORT], "report", &pk.report)) return false;
        pk.has_report = true;
    }
    if (!ml_is_null(v[K_DESCRIPTION])) {
        if (v[K_DESCRIPTION]->type != YAML_SCALAR_NODE)
            return ml_fail(ld, ml_line(v[K_DESCRIPTION]), "'description' must be text, not %s",
                           ml_describe(v[K_DESCRIPTION], buf, sizeof buf));
        pk.description = ml_text(v[K_DESCRIPTION]);
    }

    uint32_t k;
    if (!add_pending_kind(ld, &pk, &k)) return false;
    return parse_role_list(ld, k, ROLE_ACQUIRE, v[K_ACQUIRE]) && parse_role_list(ld, k, ROLE_RELEASE, v[K_RELEASE]) &&
           parse_role_list(ld, k, ROLE_USE, v[K_USE]) && parse_role_list(ld, k, ROLE_TRANSFER, v[K_TRANSFER]);
}

/* ---- threads ---------------------------------------------------------------------------------------------------- */

enum { C_FUNCTION, C_ID, C_ATTR, C_ROUTINE, C_ARG, C_SUCCESS, C_NKEYS };
static const char *const create_keys[C_NKEYS] = {"function", "id", "attr", "routine", "arg", "success"};
enum { J_FUNCTION, J_ID, J_NKEYS };
static const char *const id_keys[J_NKEYS] = {"function", "id"};
enum { D_FUNCTION, D_ATTR, D_STATE, D_DETACHED, D_NKEYS };
static const char *const attr_keys[D_NKEYS] = {"function", "attr", "state", "detached"};

typedef enum thread_list { TL_CREATE, TL_JOIN, TL_DETACH, TL_SELF, TL_ATTR } thread_list;
static const char *const thread_list_names[] = {"create", "join", "detach", "self", "detached-attr"};

/* One entry of a thread kind's create/join/detach/self/detached-attr list. */
static bool parse_thread_entry(loader *ld, uint32_t kind, thread_list which, const yaml_node_t *n) {
    char where[160], buf[80];
    snprintf(where, sizeof where, "'%s' of thread kind '%.*s'", thread_list_names[which], MAX_QUOTED,
             ld->kinds[kind].name);
    model_fn f = blank_fn(ROLE_RELEASE, (int32_t)kind, ml_line(n)); /* role set below */
    switch (which) {
    case TL_CREATE:
        f.role = ROLE_ACQUIRE, f.arg = -1, f.out = 0, f.count = 1;
        break;
    case TL_JOIN:
        f.role = ROLE_RELEASE;
        break;
    case TL_DETACH:
        f.role = ROLE_RELEASE, f.detaches = true;
        break;
    case TL_SELF:
        f.role = ROLE_THREAD_SELF, f.arg = -1;
        break;
    case TL_ATTR:
        f.role = ROLE_THREAD_ATTR, f.state = 1, f.detached_value = 1;
        break;
    }
    if (n->type == YAML_SCALAR_NODE) {
        if (which == TL_CREATE || which == TL_ATTR)
            return ml_fail(ld, ml_line(n), "an entry of %s must be a mapping (%s), not %s", where,
                           which == TL_CREATE ? "function, id, routine, arg..." : "function, attr, state, detached",
                           ml_describe(n, buf, sizeof buf));
        if (!ml_entry_function(ld, n, ml_line(n), where, &f.function)) return false;
    } else if (n->type == YAML_MAPPING_NODE && which == TL_CREATE) {
        yaml_node_t *v[C_NKEYS];
        if (!ml_read_mapping(ld, n, where, create_keys, C_NKEYS, v)) return false;
        if (!ml_entry_function(ld, v[C_FUNCTION], ml_line(n), where, &f.function)) return false;
        if (!v[C_ID])
            return ml_fail(ld, ml_line(n), "an entry of %s has no 'id' (the argument the id is stored through)", where);
        if (!ml_get_index(ld, v[C_ID], "id", false, &f.out)) return false;
        if (v[C_ATTR] && !ml_get_index(ld, v[C_ATTR], "attr", true, &f.attr)) return false;
        if (v[C_ROUTINE] && !ml_get_index(ld, v[C_ROUTINE], "routine", true, &f.routine)) return false;
        if (v[C_ARG] && !ml_get_index(ld, v[C_ARG], "arg", true, &f.thread_arg)) return false;
        if (v[C_SUCCESS] && !parse_success(ld, v[C_SUCCESS], &f.success)) return false;
    } else if (n->type == YAML_MAPPING_NODE && which == TL_ATTR) {
        yaml_node_t *v[D_NKEYS];
        if (!ml_read_mapping(ld, n, where, attr_keys, D_NKEYS, v)) return false;
        if (!ml_entry_function(ld, v[D_FUNCTION], ml_line(n), where, &f.function)) return false;
        if (v[D_ATTR] && !ml_get_index(ld, v[D_ATTR], "attr", false, &f.arg)) return false;
        if (v[D_STATE] && !ml_get_index(ld, v[D_STATE], "state", false, &f.state)) return false;
        if (v[D_DETACHED] && !ml_get_int(ld, v[D_DETACHED], "detached", &f.detached_value)) return false;
    } else if (n->type == YAML_MAPPING_NODE) {
        yaml_node_t *v[J_NKEYS];
        if (!ml_read_mapping(ld, n, where, id_keys, J_NKEYS, v)) return false;
        if (!ml_entry_function(ld, v[J_FUNCTION], ml_line(n), where, &f.function)) return false;
        if (which != TL_SELF && v[J_ID] && !ml_get_index(ld, v[J_ID], "id", false, &f.arg)) return false;
        if (which == TL_SELF && v[J_ID]) ml_warn(ld, ml_line(v[J_ID]), "'id' means nothing in %s (ignored)", where);
    } else {
        return ml_fail(ld, ml_line(n), "an entry of %s must be a function name or a mapping with 'function', not %s",
                       where, ml_describe(n, buf, sizeof buf));
    }
    if (f.function) *add_pending_fn(ld) = f;
    return true;
}

static bool parse_thread_list(loader *ld, uint32_t kind, thread_list which, const yaml_node_t *list) {
    char buf[80];
    if (ml_is_null(list)) return true;
    if (list->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(list), "'%s' must be a list of functions, not %s", thread_list_names[which],
                       ml_describe(list, buf, sizeof buf));
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++)
        if (!parse_thread_entry(ld, kind, which, ml_node(ld, *it))) return false;
    return true;
}

enum { TK_KIND, TK_DESCRIPTION, TK_CREATE, TK_JOIN, TK_DETACH, TK_SELF, TK_ATTR, TK_NKEYS };
static const char *const thread_kind_keys[TK_NKEYS] = {"kind",   "description", "create",       "join",
                                                       "detach", "self",        "detached-attr"};

/* A thread kind: a resource whose acquire is the creation and whose release is a join or a detach. */
static bool parse_thread_kind(loader *ld, const yaml_node_t *n) {
    char buf[80];
    if (n->type != YAML_MAPPING_NODE)
        return ml_fail(ld, ml_line(n), "a thread kind must be a mapping with 'kind', not %s",
                       ml_describe(n, buf, sizeof buf));
    yaml_node_t *v[TK_NKEYS];
    if (!ml_read_mapping(ld, n, "a thread kind", thread_kind_keys, TK_NKEYS, v)) return false;
    if (ml_is_null(v[TK_KIND]))
        return ml_fail(ld, ml_line(v[TK_KIND] ? v[TK_KIND] : n), "a thread kind without 'kind'");
    if (!ml_is_name(v[TK_KIND]))
        return ml_fail(ld, ml_line(v[TK_KIND]), "'kind' must be a name, not %s",
                       ml_describe(v[TK_KIND], buf, sizeof buf));
    pending_kind pk = {.name = ml_text(v[TK_KIND]),
                       .line = ml_line(n),
                       .report = true,
                       .thread = true,
                       .has_invalid = true,
                       .invalid = INVALID_NONE};
    if (!ml_is_null(v[TK_DESCRIPTION])) {
        if (v[TK_DESCRIPTION]->type != YAML_SCALAR_NODE)
            return ml_fail(ld, ml_line(v[TK_DESCRIPTION]), "'description' must be text, not %s",
                           ml_describe(v[TK_DESCRIPTION], buf, sizeof buf));
        pk.description = ml_text(v[TK_DESCRIPTION]);
    }
    uint32_t k;
    if (!add_pending_kind(ld, &pk, &k)) return false;
    return parse_thread_list(ld, k, TL_CREATE, v[TK_CREATE]) && parse_thread_list(ld, k, TL_JOIN, v[TK_JOIN]) &&
           parse_thread_list(ld, k, TL_DETACH, v[TK_DETACH]) && parse_thread_list(ld, k, TL_SELF, v[TK_SELF]) &&
           parse_thread_list(ld, k, TL_ATTR, v[TK_ATTR]);
}

enum { F_FUNCTION, F_RETURNS, F_NKEYS };
static const char *const function_keys[F_NKEYS] = {"function", "returns"};

static bool parse_function(loader *ld, const yaml_node_t *n) {
    char buf[80];
    if (n->type != YAML_MAPPING_NODE)
        return ml_fail(ld, ml_line(n),
                       "an entry of 'functions' must be a mapping with 'function' and 'returns', not %s",
                       ml_describe(n, buf, sizeof buf));
    yaml_node_t *v[F_NKEYS];
    if (!ml_read_mapping(ld, n, "'functions'", function_keys, F_NKEYS, v)) return false;
    model_fn f = blank_fn(ROLE_RETURNS_ARG, -1, ml_line(n));
    if (!ml_entry_function(ld, v[F_FUNCTION], ml_line(n), "'functions'", &f.function)) return false;
    if (!v[F_RETURNS])
        return ml_fail(ld, ml_line(n),
                       "an entry of 'functions' has no 'returns' (the index of the argument it returns)");
    if (!ml_get_index(ld, v[F_RETURNS], "returns", false, &f.arg)) return false;
    if (f.function) *add_pending_fn(ld) = f;
    return true;
}

enum {
    T_VERSION,
    T_RESOURCES,
    T_FUNCTIONS,
    T_THREADS,
    T_PROPERTIES,
    T_BLOCKING,
    T_WAITS,
    T_SESSIONS,
    T_LOCKS,
    T_NKEYS
};
static const char *const top_keys[T_NKEYS] = {"version",  "resources", "functions", "threads", "properties",
                                              "blocking", "waits",     "sessions",  "locks"};

static bool parse_document(loader *ld) {
    char buf[80];
    yaml_node_t *root = yaml_document_get_root_node(ld->doc);
    if (!root || ml_is_null(root)) return ml_fail(ld, ml_line(root), "empty model file (expected 'version: 1')");
    if (root->type != YAML_MAPPING_NODE)
        return ml_fail(ld, ml_line(root), "the top level must be a mapping with 'version: 1', not %s",
                       ml_describe(root, buf, sizeof buf));
    yaml_node_t *v[T_NKEYS];
    if (!ml_read_mapping(ld, root, "the top level", top_keys, T_NKEYS, v)) return false;
    /* The version first: a file of a later format gets "unsupported version", not a pile of unknown-key noise. */
    if (!v[T_VERSION]) return ml_fail(ld, ml_line(root), "missing 'version: 1'");
    int64_t version;
    if (!ml_get_int(ld, v[T_VERSION], "version", &version)) return false;
    if (version != 1)
        return ml_fail(ld, ml_line(v[T_VERSION]), "unsupported model file version %lld (this lifeline reads version 1)",
                       (long long)version);

    const yaml_node_t *res = v[T_RESOURCES], *fns = v[T_FUNCTIONS], *threads = v[T_THREADS];
    if (!ml_is_null(res)) {
        if (res->type != YAML_SEQUENCE_NODE)
            return ml_fail(ld, ml_line(res), "'resources' must be a list of kinds, not %s",
                           ml_describe(res, buf, sizeof buf));
        for (yaml_node_item_t *it = res->data.sequence.items.start; it < res->data.sequence.items.top; it++)
            if (!parse_kind(ld, ml_node(ld, *it))) return false;
    }
    if (!ml_is_null(fns)) {
        if (fns->type != YAML_SEQUENCE_NODE)
            return ml_fail(ld, ml_line(fns), "'functions' must be a list, not %s", ml_describe(fns, buf, sizeof buf));
        for (yaml_node_item_t *it = fns->data.sequence.items.start; it < fns->data.sequence.items.top; it++)
            if (!parse_function(ld, ml_node(ld, *it))) return false;
    }
    if (!ml_is_null(threads)) {
        if (threads->type != YAML_SEQUENCE_NODE)
            return ml_fail(ld, ml_line(threads), "'threads' must be a list of thread kinds, not %s",
                           ml_describe(threads, buf, sizeof buf));
        for (yaml_node_item_t *it = threads->data.sequence.items.start; it < threads->data.sequence.items.top; it++)
            if (!parse_thread_kind(ld, ml_node(ld, *it))) return false;
    }
    for (int k = T_PROPERTIES; k < T_NKEYS; k++)
        if (!facts_parse_section(ld, top_keys[k], v[k])) return false;
    return true;
}

/* libyaml's own account of why the text is not YAML, at the line it names. */
static bool yaml_failure(loader *ld, const yaml_parser_t *p, const char *text, size_t len) {
    if (p->error == YAML_MEMORY_ERROR) return ml_fail(ld, 1, "out of memory while reading YAML");
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark. */
        unsigned line = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++)
            line += text[i] == '\n';
        if (p->problem_value >= 0)
            return ml_fail(ld, line, "not valid YAML: %s (byte 0x%02x)", problem, (unsigned)p->problem_value);
        return ml_fail(ld, line, "not valid YAML: %s", problem);
    }
    unsigned line = (unsigned)p->problem_mark.line + 1;
    if (p->context)
        return ml_fail(ld, line, "not valid YAML: %s (%s that started at line %u)", problem, p->context,
                       (unsigned)p->context_mark.line + 1);
    return ml_fail(ld, line, "not valid YAML: %s", problem);
}

/* ---- commit ---------------------------------------------------------------------------------------------------- */

/* Two entries for the same model slot: one role of one kind on one argument (a function may use two handles of a
 * kind: sendfile(out_fd, in_fd)). */
static bool same_slot(const model_fn *a, const model_fn *b) {
    if (a->role != b->role || a->kind != b->kind) return false;
    if (a->role == ROLE_RETURNS_ARG || a->role == ROLE_THREAD_SELF) return true; /* one result: one model */
    return a->role == ROLE_ACQUIRE ? a->out == b->out : a->arg == b->arg;
}

static bool same_details(const model_fn *a, const model_fn *b) {
    return a->arg == b->arg && a->out == b->out && a->count == b->count && a->success == b->success &&
           a->releases == b->releases && a->adopts == b->adopts && a->attr == b->attr && a->routine == b->routine &&
           a->thread_arg == b->thread_arg && a->detaches == b->detaches && a->state == b->state &&
           a->detached_value == b->detached_value;
}

static void commit(models *m, loader *ld, const char *key) {
    const char *file = arena_strdup(&m->arena, ld->name);
    int32_t *kind_index = arena_alloc(&ld->scratch, (ld->nkinds + 1) * sizeof *kind_index);
    char a[32], b[32];
    for (uint32_t i = 0; i < ld->nkinds; i++) {
        const pending_kind *pk = &ld->kinds[i];
        int32_t k = models_kind_index(m, pk->name);
        if (k < 0) {
            if (m->nkinds == m->cap_kinds) {
                uint32_t cap = m->cap_kinds ? m->cap_kinds * 2 : 16;
                m->kinds = arena_grow(&m->arena, m->kinds, m->nkinds, cap, sizeof *m->kinds);
                m->cap_kinds = cap;
            }
            m->kinds[m->nkinds] = (model_kind){.name = arena_strdup(&m->arena, pk->name),
                                               .description = arena_strdup(&m->arena, pk->description),
                                               .invalid = pk->has_invalid ? pk->invalid : INVALID_NONE,
                                               .invalid_value = pk->has_invalid ? pk->invalid_value : 0,
                                               .report = pk->has_report ? pk->report : true,
                                               .thread = pk->thread,
                                               .file = file,
                                               .line = pk->line};
            k = (int32_t)m->nkinds++;
        } else {
            /* Extending a kind of an earlier file: its first declaration's properties stand. */
            model_kind *mk = &m->kinds[k];
            if (mk->thread != pk->thread) {
                /* its handles would be claimed by both the handle and the thread rules */
                ml_warn(ld, pk->line, "kind '%.*s' is declared at %s:%u as a %s kind; the entries here are ignored",
                        MAX_QUOTED, pk->name, mk->file, mk->line, mk->thread ? "thread" : "resource");
                kind_index[i] = -1;
                continue;
            }
            if (pk->has_invalid && (pk->invalid != mk->invalid || pk->invalid_value != mk->invalid_value))
                ml_warn(
                    ld, pk->line, "kind '%.*s' is declared at %s:%u with 'invalid: %s'; 'invalid: %s' here is ignored",
                    MAX_QUOTED, pk->name, mk->file, mk->line, invalid_text(mk->invalid, mk->invalid_value, a, sizeof a),
                    invalid_text(pk->invalid, pk->invalid_value, b, sizeof b));
            if (pk->has_report && pk->report != mk->report)
                ml_warn(ld, pk->line,
                        "kind '%.*s' is declared at %s:%u with 'report: %s'; 'report: %s' here is ignored", MAX_QUOTED,
                        pk->name, mk->file, mk->line, mk->report ? "true" : "false", pk->report ? "true" : "false");
            if (pk->description && !mk->description) mk->description = arena_strdup(&m->arena, pk->description);
        }
        kind_index[i] = k;
    }

    for (uint32_t i = 0; i < ld->nfns; i++) {
        model_fn f = ld->fns[i];
        if (f.role != ROLE_RETURNS_ARG) f.kind = kind_index[f.kind];
        if (f.role != ROLE_RETURNS_ARG && f.kind < 0) continue; /* of a kind refused above */
        uint32_t first = (uint32_t)(uintptr_t)strmap_get(&m->by_function, f.function), last = 0;
        bool duplicate = false;
        for (uint32_t j = first; j; j = m->next_same[j - 1]) {
            const model_fn *e = &m->fns[j - 1];
            last = j;
            if (!same_slot(e, &f)) continue;
            duplicate = true;
            if (!same_details(e, &f))
                ml_warn(ld, f.line, "'%s' is already modelled differently as %s%s%s at %s:%u; this entry is ignored",
                        f.function, role_text(e->role), e->kind >= 0 ? " of kind " : "",
                        e->kind >= 0 ? m->kinds[e->kind].name : "", e->file, e->line);
            break;
        }
        if (duplicate) continue;
        if (m->nfns == m->cap_fns) {
            uint32_t cap = m->cap_fns ? m->cap_fns * 2 : 256;
            m->fns = arena_grow(&m->arena, m->fns, m->nfns, cap, sizeof *m->fns);
            m->next_same = arena_grow(&m->arena, m->next_same, m->nfns, cap, sizeof *m->next_same);
            m->cap_fns = cap;
        }
        /* One arena copy of each name, shared by its chain: it is also the by_function key. */
        f.function = first ? m->fns[first - 1].function : arena_strdup(&m->arena, f.function);
        f.file = file;
        uint32_t idx = m->nfns++;
        m->fns[idx] = f;
        m->next_same[idx] = 0;
        if (last)
            m->next_same[last - 1] = idx + 1;
        else
            strmap_put(&m->by_function, f.function, (void *)(uintptr_t)(idx + 1));
    }
    facts_commit(m, ld);
    strmap_put(&m->files_loaded, arena_strdup(&m->arena, key), (void *)1);
}

/* ---- loading ------------------------------------------------------------------------------------------------------
 */

/* `key` identifies the file for files_loaded (a real path, or the name given); `name` is what messages say. */
static int load(models *m, const char *key, const char *name, const char *text, size_t len, tool_diag_list *warnings,
                char *err, size_t errlen) {
    if (strmap_has(&m->files_loaded, key)) return 0;
    loader ld = {.name = name, .err = err, .errlen = errlen};
    arena_init(&ld.scratch);
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        set_err(err, errlen, "%s: out of memory", name);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)(text ? text : ""), text ? len : 0);
    yaml_document_t doc, extra;
    bool ok = false;
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_failure(&ld, &parser, text, len);
    } else {
        /* Read to the end of the stream: a syntax error after the first document is still an error, and a second
         * document would be silently ignored otherwise. */
        if (!yaml_parser_load(&parser, &extra)) {
            yaml_failure(&ld, &parser, text, len);
        } else {
            yaml_node_t *second = yaml_document_get_root_node(&extra);
            if (second) ml_fail(&ld, ml_line(second), "a model file holds one YAML document; this is a second one");
            yaml_document_delete(&extra);
            ld.doc = &doc;
            ok = !second && parse_document(&ld);
            if (ok) commit(m, &ld, key);
        }
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    arena_free(&ld.scratch);
    if (ok && warnings) tool_diag_list_take(warnings, &ld.warnings);
    tool_diag_list_free(&ld.warnings);
    return ok ? 0 : -1;
}

int models_load_text(models *m, const char *name, const char *text, size_t len, tool_diag_list *warnings, char *err,
                     size_t errlen) {
    return load(m, name, name, text, len, warnings, err, errlen);
}

int models_load_file(models *m, const char *path, tool_diag_list *warnings, char *err, size_t errlen) {
    /* By real path, so `--models x.yaml --models ./x.yaml` reads it once. */
    char *real = realpath(path, NULL);
    const char *key = real ? real : path;
    if (strmap_has(&m->files_loaded, key)) {
        free(real);
        return 0;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        set_err(err, errlen, "%s: cannot open model file: %s", path, strerror(errno));
        free(real);
        return -1;
    }
    size_t len = 0, cap = 8192;
    char *buf = malloc(cap);
    int rc = 0;
    for (;;) {
        if (!buf) {
            set_err(err, errlen, "%s: out of memory", path);
            rc = -1;
            break;
        }
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (n == 0) {
            if (ferror(fp)) {
                set_err(err, errlen, "%s: cannot read model file: %s", path, strerror(errno));
                rc = -1;
            }
            break;
        }
        if (len == cap) {
            if (cap >= MAX_FILE_BYTES) {
                set_err(err, errlen, "%s: too large for a model file (over %d MiB)", path, MAX_FILE_BYTES >> 20);
                rc = -1;
                break;
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown) free(buf);
            buf = grown;
            cap *= 2;
        }
    }
    fclose(fp);
    if (rc == 0) rc = load(m, key, path, buf, len, warnings, err, errlen);
    free(buf);
    free(real);
    return rc;
}

int models_load_builtin(models *m, char *err, size_t errlen) {
    size_t n;
    const builtin_model *all = models_builtin_all(&n);
    for (size_t i = 0; i < n; i++) {
        char name[256];
        snprintf(name, sizeof name, "builtin:%s", all[i].name);
        tool_diag_list warnings = {0};
        if (models_load_text(m, name, all[i].text, all[i].length, &warnings, err, errlen) != 0) return -1;
        /* A warning in a file we ship is a bug in it; the unit test loads them all, so this only fires on an edit
         * that skipped the tests. Refuse rather than run with a model silently missing. */
        if (warnings.count) {
            set_err(err, errlen, "%s:%u: %s", warnings.items[0].file, warnings.items[0].line,
                    warnings.items[0].message);
            tool_diag_list_free(&warnings);
            return -1;
        }
    }
    return 0;
}

/* ---- queries ---------------------------------------------------------------------------------------------------- */

void models_init(models *m) {
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
    strmap_init(&m->by_function);
    strmap_init(&m->files_loaded);
    strmap_init(&m->facts_by_function);
}

void models_free(models *m) {
    strmap_free(&m->by_function);
    strmap_free(&m->files_loaded);
    strmap_free(&m->facts_by_function);
    arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}

const model_fn *models_first(const models *m, const char *function) {
    if (!m || !function) return NULL;
    uintptr_t i = (uintptr_t)strmap_get(&m->by_function, function);
    return i ? &m->fns[i - 1] : NULL;
}

const model_fn *models_next(const models *m, const model_fn *f) {
    if (!m || !f) return NULL;
    uint32_t next = m->next_same[f - m->fns];
    return next ? &m->fns[next - 1] : NULL;
}

int32_t models_kind_index(const models *m, const char *kind_name) {
    if (!m || !kind_name) return -1;
    for (uint32_t i = 0; i < m->nkinds; i++)
        if (!strcmp(m->kinds[i].name, kind_name)) return (int32_t)i;
    return -1;
}
