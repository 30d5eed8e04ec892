/* summary.c — function summaries (see summary.h): building, comparing, the JSON form kept in the store, and the
 * --explain-escapes text.
 *
 * The JSON is versioned and meant to be readable in the database:
 *   {"v":1,"line":10,"nparams":2,
 *    "params":[{"escapes":["return","global:g","param:1","heap"],"line":12},{}],
 *    "returns_const":true,"return_value":1,"noreturn":false}
 * A parameter that does not escape is {}; "line" of a parameter is where it escapes (omitted when unknown);
 * return_value appears only with returns_const. Anything else — another version, a count that does not match, an
 * escape kind this build does not know — is rejected as a whole, so a caller never acts on half a summary. */
#include "summary.h"

#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { SUMMARY_JSON_VERSION = 1 };

static const char ESC_GLOBAL_PREFIX[] = "global:";
static const char ESC_PARAM_PREFIX[] = "param:";

fn_summary *summary_new(arena *a, const char *usr, const char *name, const char *file, unsigned line,
                        uint32_t nparams) {
    fn_summary *s = arena_alloc(a, sizeof *s);
    s->usr = arena_strdup(a, usr);
    s->name = arena_strdup(a, name);
    s->file = arena_strdup(a, file);
    s->line = line;
    s->home = a;
    s->acquires_out_param = -1;
    s->thread_routine_param = -1;
    s->thread_arg_param = -1;
    s->nparams = nparams;
    s->params = nparams ? arena_alloc(a, nparams * sizeof *s->params) : NULL;
    for (uint32_t i = 0; i < nparams; i++)
        s->params[i].escape_param = -1;
    return s;
}

fn_summary *summary_copy(arena *a, const fn_summary *s) {
    fn_summary *c = summary_new(a, s->usr, s->name, s->file, s->line, s->nparams);
    for (uint32_t i = 0; i < s->nparams; i++) {
        c->params[i] = s->params[i];
        c->params[i].escape_global = arena_strdup(a, s->params[i].escape_global);
        c->params[i].fields = NULL;
        c->params[i].nfields = 0;
        for (uint32_t k = 0; k < s->params[i].nfields; k++)
            summary_add_field_fact(c, i, s->params[i].fields[k].path, s->params[i].fields[k].bits);
    }
    c->returns_const = s->returns_const;
    c->return_value = s->return_value;
    c->noreturn = s->noreturn;
    c->returns_handle = arena_strdup(a, s->returns_handle);
    c->acquires_out_param = s->acquires_out_param;
    c->acquires_out_kind = arena_strdup(a, s->acquires_out_kind);
    c->acquires_out_success = s->acquires_out_success;
    c->thread_routine_param = s->thread_routine_param;
    c->thread_arg_param = s->thread_arg_param;
    c->detaches_self = s->detaches_self;
    for (uint32_t i = 0; i < s->nclobbers; i++)
        summary_add_clobber(c, s->clobbers[i]);
    summary_sessions_copy(a, c, s);
    return c;
}

void summary_add_field_fact(fn_summary *s, uint32_t param, const char *path, uint32_t bits) {
    if (param >= s->nparams || !path || !bits) return;
    param_facts *p = &s->params[param];
    for (uint32_t i = 0; i < p->nfields; i++)
        if (strcmp(p->fields[i].path, path) == 0) {
            p->fields[i].bits |= bits;
            return;
        }
    if ((p->nfields & (p->nfields - 1)) == 0) {
        uint32_t cap = p->nfields ? p->nfields * 2 : 4;
        p->fields = arena_grow(s->home, p->fields, p->nfields, cap, sizeof *p->fields);
    }
    p->fields[p->nfields++] = (handle_field_fact){arena_strdup(s->home, path), bits};
}

void summary_add_clobber(fn_summary *s, const char *global_usr) {
    arena *a = s->home;
    if (!global_usr) return;
    for (uint32_t i = 0; i < s->nclobbers; i++)
        if (strcmp(s->clobbers[i], global_usr) == 0) return;
    /* Grow by doubling at powers of two: the capacity is implied by the count. */
    if ((s->nclobbers & (s->nclobbers - 1)) == 0) {
        uint32_t cap = s->nclobbers ? s->nclobbers * 2 : 4;
        s->clobbers = arena_grow(a, (void *)s->clobbers, s->nclobbers, cap, sizeof *s->clobbers);
    }
    s->clobbers[s->nclobbers++] = arena_strdup(a, global_usr);
}

static bool str_eq(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* For the global's name, where JSON cannot tell a missing name from an empty one. */
static bool str_eq0(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Fields that only mean something under a flag (the global's name, the other parameter, the constant) are compared
 * only when the flag is set, so stale leftovers never make two equal summaries differ — which would keep the
 * recursive-cycle fixpoint from converging. */
bool summary_equal(const fn_summary *a, const fn_summary *b) {
    if (a == b) return true;
    if (!a || !b) return false;
    if (!str_eq(a->usr, b->usr) || !str_eq(a->name, b->name) || !str_eq(a->file, b->file)) return false;
    if (a->line != b->line || a->nparams != b->nparams) return false;
    if (a->returns_const != b->returns_const || a->noreturn != b->noreturn) return false;
    if (a->returns_const && a->return_value != b->return_value) return false;
    if (a->nclobbers != b->nclobbers || !str_eq(a->returns_handle, b->returns_handle)) return false;
    if (a->acquires_out_param != b->acquires_out_param || !str_eq(a->acquires_out_kind, b->acquires_out_kind) ||
        a->acquires_out_success != b->acquires_out_success || a->thread_routine_param != b->thread_routine_param ||
        a->thread_arg_param != b->thread_arg_param || a->detaches_self != b->detaches_self)
        return false;
    if (!summary_sessions_equal(a, b)) return false;
    for (uint32_t i = 0; i < a->nclobbers; i++) {
        bool found = false;
        for (uint32_t k = 0; k < b->nclobbers && !found; k++)
            found = strcmp(a->clobbers[i], b->clobbers[k]) == 0;
        if (!found) return false;
    }
    for (uint32_t i = 0; i < a->nparams; i++) {
        const param_facts *p = &a->params[i], *q = &b->params[i];
        if (p->escapes != q->escapes || p->escape_line != q->escape_line) return false;
        if ((p->escapes & ESC_GLOBAL) && !str_eq0(p->escape_global, q->escape_global)) return false;
        if ((p->escapes & ESC_PARAM) && p->escape_param != q->escape_param) return false;
        if (p->handle != q->handle || p->nfields != q->nfields) return false;
        for (uint32_t k = 0; k < p->nfields; k++) {
            bool found = false;
            for (uint32_t j = 0; j < q->nfields && !found; j++)
                found = strcmp(p->fields[k].path, q->fields[j].path) == 0 && p->fields[k].bits == q->fields[j].bits;
            if (!found) return false;
        }
    }
    return true;
}

/* ---- to JSON ------------------------------------------------------------------------------------------------- */

static json_t *param_to_json(const param_facts *p) {
    json_t *obj = json_object();
    if (p->escapes) {
        json_t *esc = json_array();
        if (p->escapes & ESC_RETURN) json_array_append_new(esc, json_string("return"));
        if (p->escapes & ESC_GLOBAL) {
            json_array_append_new(esc,
                                  json_sprintf("%s%s", ESC_GLOBAL_PREFIX, p->escape_global ? p->escape_global : ""));
        }
        if (p->escapes & ESC_PARAM) {
            char item[32];
            snprintf(item, sizeof item, "%s%" PRId32, ESC_PARAM_PREFIX, p->escape_param);
            json_array_append_new(esc, json_string(item));
        }
        if (p->escapes & ESC_HEAP) json_array_append_new(esc, json_string("heap"));
        if (p->escapes & ESC_SOME_PATHS) json_array_append_new(esc, json_string("some-paths"));
        json_object_set_new(obj, "escapes", esc);
    }
    if (p->escape_line) json_object_set_new(obj, "line", json_integer(p->escape_line));
    if (p->handle) json_object_set_new(obj, "handle", json_integer(p->handle));
    if (p->nfields) {
        json_t *fields = json_object();
        for (uint32_t i = 0; i < p->nfields; i++)
            json_object_set_new(fields, p->fields[i].path, json_integer(p->fields[i].bits));
        json_object_set_new(obj, "handle_fields", fields);
    }
    return obj;
}

char *summary_to_json(const fn_summary *s) {
    json_t *root = json_object();
    json_object_set_new(root, "v", json_integer(SUMMARY_JSON_VERSION));
    json_object_set_new(root, "line", json_integer(s->line));
    json_object_set_new(root, "nparams", json_integer(s->nparams));
    json_t *params = json_array();
    json_t **param_objs = s->nparams ? calloc(s->nparams, sizeof *param_objs) : NULL;
    if (s->nparams && !param_objs) abort();
    for (uint32_t i = 0; i < s->nparams; i++) {
        param_objs[i] = param_to_json(&s->params[i]);
        json_array_append_new(params, param_objs[i]);
    }
    json_object_set_new(root, "params", params);
    json_object_set_new(root, "returns_const", json_boolean(s->returns_const));
    if (s->returns_const) json_object_set_new(root, "return_value", json_integer(s->return_value));
    json_object_set_new(root, "noreturn", json_boolean(s->noreturn));
    if (s->returns_handle) json_object_set_new(root, "returns_handle", json_string(s->returns_handle));
    if (s->detaches_self) json_object_set_new(root, "detaches_self", json_true());
    if (s->thread_routine_param >= 0)
        json_object_set_new(root, "thread_routine_param", json_integer(s->thread_routine_param));
    if (s->thread_arg_param >= 0) json_object_set_new(root, "thread_arg_param", json_integer(s->thread_arg_param));
    if (s->acquires_out_param >= 0 && s->acquires_out_kind)
        json_object_set_new(root, "acquires_out",
                            json_pack("{s:i, s:s, s:i}", "param", (json_int_t)s->acquires_out_param, "kind",
                                      s->acquires_out_kind, "success", (json_int_t)s->acquires_out_success));
    summary_sessions_to_json(s, root, param_objs);
    free(param_objs);
    if (s->nclobbers) {
        json_t *cl = json_array();
        for (uint32_t i = 0; i < s->nclobbers; i++)
            json_array_append_new(cl, json_string(s->clobbers[i]));
        json_object_set_new(root, "clobbers", cl);
    }
    /* Keys in insertion order (jansson keeps it), so the text in the database reads in a fixed order. */
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!text) abort(); /* only out of memory: every value above is representable */
    return text;
}

/* ---- from JSON ----------------------------------------------------------------------------------------------- */

/* An optional non-negative integer member that fits an unsigned; false when present and anything else. */
static bool get_uint(json_t *obj, const char *key, unsigned *out) {
    json_t *v = json_object_get(obj, key);
    *out = 0;
    if (!v) return true;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UINT_MAX) return false;
    *out = (unsigned)json_integer_value(v);
    return true;
}

/* An optional boolean member; false when present and not a boolean. */
static bool get_bool(json_t *obj, const char *key, bool *out) {
    json_t *v = json_object_get(obj, key);
    *out = false;
    if (!v) return true;
    if (!json_is_boolean(v)) return false;
    *out = json_is_true(v);
    return true;
}

static bool param_from_json(arena *a, json_t *obj, uint32_t nparams, param_facts *p) {
    if (!json_is_object(obj)) return false;
    if (!get_uint(obj, "line", &p->escape_line)) return false;
    json_t *handle = json_object_get(obj, "handle");
    if (handle) {
        if (!json_is_integer(handle) || json_integer_value(handle) < 0 || json_integer_value(handle) > 63) return false;
        p->handle = (uint32_t)json_integer_value(handle);
    }
    json_t *fields = json_object_get(obj, "handle_fields");
    if (fields) {
        if (!json_is_object(fields)) return false;
        size_t n = json_object_size(fields), cap = 4;
        while (cap < n)
            cap *= 2; /* summary_add_field_fact grows at powers of two */
        p->fields = arena_alloc(a, cap * sizeof *p->fields);
        const char *key;
        json_t *val;
        json_object_foreach(fields, key, val) {
            if (!json_is_integer(val) || json_integer_value(val) < 0 || json_integer_value(val) > 63) return false;
            p->fields[p->nfields++] = (handle_field_fact){arena_strdup(a, key), (uint32_t)json_integer_value(val)};
        }
    }
    json_t *esc = json_object_get(obj, "escapes");
    if (!esc) return true;
    if (!json_is_array(esc)) return false;
    size_t i;
    json_t *item;
    json_array_foreach(esc, i, item) {
        const char *kind = json_string_value(item);
        if (!kind) return false;
        uint32_t bit;
        if (strcmp(kind, "return") == 0) {
            bit = ESC_RETURN;
        } else if (strcmp(kind, "some-paths") == 0) {
            bit = ESC_SOME_PATHS;
        } else if (strcmp(kind, "heap") == 0) {
            bit = ESC_HEAP;
        } else if (strncmp(kind, ESC_GLOBAL_PREFIX, sizeof ESC_GLOBAL_PREFIX - 1) == 0) {
            bit = ESC_GLOBAL;
            p->escape_global = arena_strdup(a, kind + sizeof ESC_GLOBAL_PREFIX - 1);
        } else if (strncmp(kind, ESC_PARAM_PREFIX, sizeof ESC_PARAM_PREFIX - 1) == 0) {
            const char *digits = kind + sizeof ESC_PARAM_PREFIX - 1;
            char *end;
            long idx = strtol(digits, &end, 10);
            if (*digits < '0' || *digits > '9' || *end || idx < 0 || (unsigned long)idx >= nparams) return false;
            bit = ESC_PARAM;
            p->escape_param = (int32_t)idx;
        } else {
            return false;
        }
        if (p->escapes & bit) return false; /* the same kind twice: not something summary_to_json writes */
        p->escapes |= bit;
    }
    return true;
}

/* The body of summary_from_json, on a parsed document; NULL on anything malformed. The arena keeps whatever a
 * failed parse allocated, which is the arena's usual contract. */
static fn_summary *summary_from_root(arena *a, const char *usr, const char *name, const char *file, json_t *root) {
    json_t *v = json_object_get(root, "v");
    if (!json_is_object(root) || !json_is_integer(v) || json_integer_value(v) != SUMMARY_JSON_VERSION) return NULL;
    json_t *nparams = json_object_get(root, "nparams");
    json_t *params = json_object_get(root, "params");
    if (!json_is_integer(nparams) || !json_is_array(params) || json_integer_value(nparams) < 0 ||
        (size_t)json_integer_value(nparams) != json_array_size(params) || json_array_size(params) > UINT32_MAX)
        return NULL;
    unsigned line;
    bool returns_const, noreturn;
    if (!get_uint(root, "line", &line) || !get_bool(root, "returns_const", &returns_const) ||
        !get_bool(root, "noreturn", &noreturn))
        return NULL;

    fn_summary *s = summary_new(a, usr, name, file, line, (uint32_t)json_array_size(params));
    for (uint32_t i = 0; i < s->nparams; i++)
        if (!param_from_json(a, json_array_get(params, i), s->nparams, &s->params[i])) return NULL;
    s->returns_const = returns_const;
    s->noreturn = noreturn;
    if (returns_const) {
        json_t *rv = json_object_get(root, "return_value");
        if (!json_is_integer(rv)) return NULL;
        s->return_value = json_integer_value(rv);
    }
    json_t *ao = json_object_get(root, "acquires_out");
    if (ao) {
        json_t *ap = json_object_get(ao, "param"), *ak = json_object_get(ao, "kind"),
               *as = json_object_get(ao, "success");
        if (!json_is_integer(ap) || !json_is_string(ak) || !json_is_integer(as) || json_integer_value(ap) < 0 ||
            (uint64_t)json_integer_value(ap) >= s->nparams || json_integer_value(as) < 0 || json_integer_value(as) > 4)
            return NULL;
        s->acquires_out_param = (int32_t)json_integer_value(ap);
        s->acquires_out_kind = arena_strdup(a, json_string_value(ak));
        s->acquires_out_success = (uint32_t)json_integer_value(as);
    }
    json_t *ds = json_object_get(root, "detaches_self");
    if (ds) {
        if (!json_is_boolean(ds)) return NULL;
        s->detaches_self = json_is_true(ds);
    }
    const char *const thread_params[] = {"thread_routine_param", "thread_arg_param"};
    int32_t *thread_fields[] = {&s->thread_routine_param, &s->thread_arg_param};
    for (size_t i = 0; i < 2; i++) {
        json_t *tp = json_object_get(root, thread_params[i]);
        if (!tp) continue;
        if (!json_is_integer(tp) || json_integer_value(tp) < 0 || (uint64_t)json_integer_value(tp) >= s->nparams)
            return NULL;
        *thread_fields[i] = (int32_t)json_integer_value(tp);
    }
    json_t *rh = json_object_get(root, "returns_handle");
    if (rh) {
        if (!json_is_string(rh)) return NULL;
        s->returns_handle = arena_strdup(a, json_string_value(rh));
    }
    json_t *cl = json_object_get(root, "clobbers");
    if (cl) {
        if (!json_is_array(cl)) return NULL;
        size_t i;
        json_t *item;
        json_array_foreach(cl, i, item) {
            if (!json_is_string(item)) return NULL;
            summary_add_clobber(s, json_string_value(item));
        }
    }
    if (!summary_sessions_from_json(a, root, s)) return NULL;
    return s;
}

fn_summary *summary_from_json(arena *a, const char *usr, const char *name, const char *file, const char *json) {
    if (!json) return NULL;
    json_error_t error;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &error);
    if (!root) return NULL;
    fn_summary *s = summary_from_root(a, usr, name, file, root);
    json_decref(root);
    return s;
}

/* ---- --explain-escapes ---------------------------------------------------------------------------------------- */

static void print_param_name(FILE *out, const char *const *names, uint32_t i) {
    if (names && names[i])
        fputs(names[i], out);
    else
        fprintf(out, "#%" PRIu32, i);
}

/* " at line N" when the summary knows where, so the reader can go and look. */
static void print_where(FILE *out, const param_facts *p) {
    if (p->escape_line) fprintf(out, " at line %u", p->escape_line);
    fputc('\n', out);
}

void summary_explain(FILE *out, const fn_summary *s, const char *const *param_names) {
    const char *fn = s->name && *s->name ? s->name : s->usr ? s->usr : "?";
    for (uint32_t i = 0; i < s->nparams; i++) {
        const param_facts *p = &s->params[i];
        if (!p->escapes) {
            fprintf(out, "%s: param ", fn);
            print_param_name(out, param_names, i);
            fputs(" does not escape\n", out);
            continue;
        }
        /* One line per way out, like Go's -m output, so each can be read (and grepped) on its own. */
        if (p->escapes & ESC_RETURN) {
            fprintf(out, "%s: param ", fn);
            print_param_name(out, param_names, i);
            fputs(" escapes via return value", out);
            print_where(out, p);
        }
        if (p->escapes & ESC_GLOBAL) {
            fprintf(out, "%s: param ", fn);
            print_param_name(out, param_names, i);
            fprintf(out, " leaks to global %s", p->escape_global ? p->escape_global : "?");
            print_where(out, p);
        }
        if (p->escapes & ESC_PARAM) {
            fprintf(out, "%s: param ", fn);
            print_param_name(out, param_names, i);
            fputs(" leaks through param ", out);
            if (p->escape_param >= 0 && (uint32_t)p->escape_param < s->nparams)
                print_param_name(out, param_names, (uint32_t)p->escape_param);
            else
                fprintf(out, "#%" PRId32, p->escape_param);
            print_where(out, p);
        }
        if (p->escapes & ESC_HEAP) {
            fprintf(out, "%s: param ", fn);
            print_param_name(out, param_names, i);
            fputs(" leaks to heap", out);
            print_where(out, p);
        }
    }
    if (s->returns_const) fprintf(out, "%s: always returns %" PRId64 "\n", fn, s->return_value);
    if (s->noreturn) fprintf(out, "%s: never returns\n", fn);
    if (s->detaches_self) fprintf(out, "%s: detaches the thread that runs it\n", fn);
}
