/* model_facts.c — the model file sections about time bounds and sessions: `properties`, `blocking`, `waits`,
 * `sessions` and `locks` (README "Models"; models.h has the tables they fill).
 *
 * Like the rest of a model file, the entries are staged while the file is read and only committed when the whole file
 * is valid. They name resource kinds that may be declared in another file (a user's model adding a blocking call to
 * the built-in CURL kind), so kinds are resolved by name at commit; property names are mapped to bits there too. */
#include <stdio.h>
#include <string.h>

#include "model_loader.h"

enum { MAX_STAGED_PROPS = MODEL_MAX_PROPS };

typedef struct staged {
    const char *kind; /* name; NULL when the entry has none */
    unsigned line;
    union {
        model_prop prop;
        model_block block;
        model_wait wait;
        model_lock lock;
        model_session_use use;
    } u;
} staged;

typedef struct staged_session {
    const char *kind;
    uint32_t when, unless;
    unsigned line;
} staged_session;

struct fact_stage {
    const char *prop_names[MAX_STAGED_PROPS]; /* the file's property names; staged masks use these bits */
    uint32_t nprop_names;
    staged *props, *blocks, *waits, *locks, *uses;
    uint32_t nprops, nblocks, nwaits, nlocks, nuses;
    uint32_t cap_props, cap_blocks, cap_waits, cap_locks, cap_uses;
    staged_session *sessions;
    uint32_t nsessions, cap_sessions;
};

static fact_stage *stage_of(loader *ld) {
    if (!ld->facts) {
        ld->facts = arena_alloc(&ld->scratch, sizeof *ld->facts);
        memset(ld->facts, 0, sizeof *ld->facts);
    }
    return ld->facts;
}

static staged *push(loader *ld, staged **arr, uint32_t *n, uint32_t *cap) {
    if (*n == *cap) {
        uint32_t c = *cap ? *cap * 2 : 32;
        *arr = arena_grow(&ld->scratch, *arr, *n, c, sizeof **arr);
        *cap = c;
    }
    staged *s = &(*arr)[(*n)++];
    memset(s, 0, sizeof *s);
    return s;
}

/* ---- property names ---------------------------------------------------------------------------------------------- */

static bool is_prop_name(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

static bool prop_bit(loader *ld, const char *name, size_t len, unsigned line, uint32_t *bit) {
    fact_stage *fs = stage_of(ld);
    char buf[80];
    if (len >= sizeof buf) return ml_fail(ld, line, "property name too long: '%.*s'", MAX_QUOTED, name);
    memcpy(buf, name, len);
    buf[len] = 0;
    if (!is_prop_name(buf)) return ml_fail(ld, line, "'%s' is not a property name (letters, digits, '-' and '_')", buf);
    for (uint32_t i = 0; i < fs->nprop_names; i++)
        if (!strcmp(fs->prop_names[i], buf)) return *bit = 1u << i, true;
    if (fs->nprop_names == MAX_STAGED_PROPS)
        return ml_fail(ld, line, "more than %d property names in one model file", MAX_STAGED_PROPS);
    fs->prop_names[fs->nprop_names] = arena_strdup(&ld->scratch, buf);
    *bit = 1u << fs->nprop_names++;
    return true;
}

/* A property set: `timeout`, `[a, b]`, `all` (only where `all_ok`); a list item may join names with '+'
 * (`low-speed-limit+low-speed-time`) only where `conjunctions` — then each item is one mask in out[]. */
static bool prop_set(loader *ld, const yaml_node_t *n, const char *key, bool all_ok, uint32_t *mask) {
    char buf[80];
    *mask = 0;
    if (n->type == YAML_SCALAR_NODE && all_ok && !strcmp(ml_text(n), "all")) return *mask = UINT32_MAX, true;
    const yaml_node_item_t *it = NULL, *end = NULL;
    if (n->type == YAML_SEQUENCE_NODE) it = n->data.sequence.items.start, end = n->data.sequence.items.top;
    if (n->type != YAML_SCALAR_NODE && n->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(n), "'%s' must be a property name or a list of them, not %s", key,
                       ml_describe(n, buf, sizeof buf));
    for (;;) {
        const yaml_node_t *item = it ? ml_node(ld, *it) : n;
        if (!ml_is_name(item))
            return ml_fail(ld, ml_line(item), "'%s' must list property names, not %s", key,
                           ml_describe(item, buf, sizeof buf));
        uint32_t bit;
        if (!prop_bit(ld, ml_text(item), strlen(ml_text(item)), ml_line(item), &bit)) return false;
        *mask |= bit;
        if (!it || ++it >= end) break;
    }
    return true;
}

static bool bounded_by(loader *ld, const yaml_node_t *n, model_block *b) {
    char buf[80];
    const yaml_node_item_t *it = NULL, *end = NULL;
    if (n->type == YAML_SEQUENCE_NODE)
        it = n->data.sequence.items.start, end = n->data.sequence.items.top;
    else if (n->type != YAML_SCALAR_NODE)
        return ml_fail(ld, ml_line(n), "'bounded-by' must be a list of properties, not %s",
                       ml_describe(n, buf, sizeof buf));
    for (; !it || it < end; it ? it++ : 0) {
        const yaml_node_t *item = it ? ml_node(ld, *it) : n;
        if (!ml_is_name(item))
            return ml_fail(ld, ml_line(item), "'bounded-by' items are property names joined by '+', not %s",
                           ml_describe(item, buf, sizeof buf));
        if (b->nbounded == MODEL_MAX_BOUNDS)
            return ml_fail(ld, ml_line(item), "at most %d alternatives in 'bounded-by'", MODEL_MAX_BOUNDS);
        uint32_t mask = 0;
        for (const char *s = ml_text(item);;) {
            const char *plus = strchr(s, '+');
            size_t len = plus ? (size_t)(plus - s) : strlen(s);
            uint32_t bit;
            if (!prop_bit(ld, s, len, ml_line(item), &bit)) return false;
            mask |= bit;
            if (!plus) break;
            s = plus + 1;
        }
        b->bounded_by[b->nbounded++] = mask;
        if (!it) break;
    }
    return true;
}

/* `is: CURLOPT_TIMEOUT` (a name as written at the call) or `is: 13` (a value). */
static bool option_value(loader *ld, const yaml_node_t *n, const char **name, bool *has_value, int64_t *value) {
    char buf[80];
    if (ml_scalar_int(n, value)) return *has_value = true, true;
    if (ml_is_name(n) && ml_is_c_identifier(ml_text(n))) return *name = ml_text(n), true;
    return ml_fail(ld, ml_line(n), "'is' must be a constant's name or an integer, not %s",
                   ml_describe(n, buf, sizeof buf));
}

static bool kind_name(loader *ld, const yaml_node_t *n, const char *where, bool required, const char **out) {
    char buf[80];
    *out = NULL;
    if (ml_is_null(n)) return required ? ml_fail(ld, ml_line(n), "%s without 'kind'", where) : true;
    if (!ml_is_name(n))
        return ml_fail(ld, ml_line(n), "'kind' in %s must be a name, not %s", where, ml_describe(n, buf, sizeof buf));
    *out = ml_text(n);
    return true;
}

static bool text_value(loader *ld, const yaml_node_t *n, const char *key, const char **out) {
    char buf[80];
    if (n->type != YAML_SCALAR_NODE)
        return ml_fail(ld, ml_line(n), "'%s' must be text, not %s", key, ml_describe(n, buf, sizeof buf));
    *out = ml_text(n);
    return true;
}

/* ---- sections ---------------------------------------------------------------------------------------------------- */

enum { P_KIND, P_FUNCTION, P_HANDLE, P_OPTION, P_IS, P_VALUE, P_FLAGS, P_FLAG, P_SETS, P_CLEARS, P_COPIES, P_NKEYS };
static const char *const prop_keys[P_NKEYS] = {"kind",  "function", "handle", "option", "is",    "value",
                                               "flags", "flag",     "sets",   "clears", "copies"};

static bool parse_prop(loader *ld, const yaml_node_t *n) {
    const char *where = "an entry of 'properties'";
    yaml_node_t *v[P_NKEYS];
    if (!ml_read_mapping(ld, n, where, prop_keys, P_NKEYS, v)) return false;
    fact_stage *fs = stage_of(ld);
    staged *s = push(ld, &fs->props, &fs->nprops, &fs->cap_props);
    model_prop *p = &s->u.prop;
    *p = (model_prop){.handle = -1, .option = -1, .value = -1, .flags = -1, .copies = -1, .line = ml_line(n)};
    s->line = p->line;
    if (!kind_name(ld, v[P_KIND], where, true, &s->kind)) return false;
    if (!ml_entry_function(ld, v[P_FUNCTION], ml_line(n), where, &p->function)) return false;
    if (v[P_HANDLE] && !ml_get_index(ld, v[P_HANDLE], "handle", true, &p->handle)) return false;
    if (v[P_OPTION] && !ml_get_index(ld, v[P_OPTION], "option", false, &p->option)) return false;
    if (v[P_IS] && !option_value(ld, v[P_IS], &p->is_name, &p->has_is_value, &p->is_value)) return false;
    if ((p->option >= 0) != (v[P_IS] != NULL))
        return ml_fail(ld, ml_line(n), "%s: 'option' and 'is' go together", where);
    if (v[P_VALUE] && !ml_get_index(ld, v[P_VALUE], "value", false, &p->value)) return false;
    if (v[P_FLAGS] && !ml_get_index(ld, v[P_FLAGS], "flags", false, &p->flags)) return false;
    if (v[P_FLAG] && !ml_get_int(ld, v[P_FLAG], "flag", &p->flag)) return false;
    if ((p->flags >= 0) != (v[P_FLAG] != NULL))
        return ml_fail(ld, ml_line(n), "%s: 'flags' and 'flag' go together", where);
    if (v[P_SETS] && !prop_set(ld, v[P_SETS], "sets", false, &p->sets)) return false;
    if (v[P_CLEARS] && !prop_set(ld, v[P_CLEARS], "clears", true, &p->clears)) return false;
    if (v[P_COPIES] && !ml_get_index(ld, v[P_COPIES], "copies", false, &p->copies)) return false;
    if (!p->sets && !p->clears && p->copies < 0)
        return ml_fail(ld, ml_line(n), "%s does nothing: give 'sets', 'clears' or 'copies'", where);
    if (!p->function) fs->nprops--; /* warned: not a C name */
    return true;
}

enum {
    B_KIND,
    B_FUNCTION,
    B_HANDLE,
    B_REQUIRES,
    B_BOUNDED,
    B_PARTIAL,
    B_PARTIAL_NOTE,
    B_GUARDED,
    B_CONNINFO,
    B_CONTAINS,
    B_HINT,
    B_DONTWAIT,
    B_DONTWAIT_FLAG,
    B_OK_IN_LOOP,
    B_NKEYS
};
static const char *const block_keys[B_NKEYS] = {"kind",    "function",     "handle",          "requires",  "bounded-by",
                                                "partial", "partial-note", "guarded-by-wait", "conninfo",  "contains",
                                                "hint",    "dontwait",     "dontwait-flag",   "ok-in-loop"};

static bool parse_block(loader *ld, const yaml_node_t *n) {
    const char *where = "an entry of 'blocking'";
    yaml_node_t *v[B_NKEYS];
    if (!ml_read_mapping(ld, n, where, block_keys, B_NKEYS, v)) return false;
    fact_stage *fs = stage_of(ld);
    staged *s = push(ld, &fs->blocks, &fs->nblocks, &fs->cap_blocks);
    model_block *b = &s->u.block;
    *b = (model_block){.kind = -1, .handle = -1, .conninfo = -1, .dontwait = -1, .line = ml_line(n)};
    s->line = b->line;
    if (!ml_entry_function(ld, v[B_FUNCTION], ml_line(n), where, &b->function)) return false;
    if (v[B_CONNINFO]) {
        if (!ml_get_index(ld, v[B_CONNINFO], "conninfo", false, &b->conninfo)) return false;
        if (!v[B_CONTAINS]) return ml_fail(ld, ml_line(n), "%s: 'conninfo' needs 'contains'", where);
        if (!text_value(ld, v[B_CONTAINS], "contains", &b->contains)) return false;
    } else {
        if (!kind_name(ld, v[B_KIND], where, true, &s->kind)) return false;
        if (!v[B_HANDLE]) return ml_fail(ld, ml_line(n), "%s needs 'handle' (or 'conninfo')", where);
        if (!ml_get_index(ld, v[B_HANDLE], "handle", false, &b->handle)) return false;
        if (!v[B_BOUNDED]) return ml_fail(ld, ml_line(n), "%s needs 'bounded-by'", where);
        if (!bounded_by(ld, v[B_BOUNDED], b)) return false;
        if (v[B_REQUIRES] && !prop_set(ld, v[B_REQUIRES], "requires", false, &b->requires)) return false;
        if (v[B_PARTIAL] && !prop_set(ld, v[B_PARTIAL], "partial", false, &b->partial)) return false;
        if (v[B_PARTIAL_NOTE] && !text_value(ld, v[B_PARTIAL_NOTE], "partial-note", &b->partial_note)) return false;
        if (v[B_GUARDED] && !ml_get_bool(ld, v[B_GUARDED], "guarded-by-wait", &b->guarded_by_wait)) return false;
        if (v[B_OK_IN_LOOP] && !ml_get_bool(ld, v[B_OK_IN_LOOP], "ok-in-loop", &b->ok_in_loop)) return false;
        if (v[B_DONTWAIT] && !ml_get_index(ld, v[B_DONTWAIT], "dontwait", false, &b->dontwait)) return false;
        if (v[B_DONTWAIT_FLAG] && !ml_get_int(ld, v[B_DONTWAIT_FLAG], "dontwait-flag", &b->dontwait_flag)) return false;
        if ((b->dontwait >= 0) != (v[B_DONTWAIT_FLAG] != NULL))
            return ml_fail(ld, ml_line(n), "%s: 'dontwait' and 'dontwait-flag' go together", where);
    }
    if (v[B_HINT] && !text_value(ld, v[B_HINT], "hint", &b->hint)) return false;
    if (!b->function) fs->nblocks--;
    return true;
}

enum { W_FUNCTION, W_TIMEOUT, W_INFINITE, W_NKEYS };
static const char *const wait_keys[W_NKEYS] = {"function", "timeout", "infinite"};

static bool parse_wait(loader *ld, const yaml_node_t *n) {
    const char *where = "an entry of 'waits'";
    char buf[80];
    yaml_node_t *v[W_NKEYS];
    if (!ml_read_mapping(ld, n, where, wait_keys, W_NKEYS, v)) return false;
    fact_stage *fs = stage_of(ld);
    staged *s = push(ld, &fs->waits, &fs->nwaits, &fs->cap_waits);
    model_wait *w = &s->u.wait;
    *w = (model_wait){.line = ml_line(n)};
    s->line = w->line;
    if (!ml_entry_function(ld, v[W_FUNCTION], ml_line(n), where, &w->function)) return false;
    if (!v[W_TIMEOUT]) return ml_fail(ld, ml_line(n), "%s needs 'timeout' (the timeout argument)", where);
    if (!ml_get_index(ld, v[W_TIMEOUT], "timeout", false, &w->timeout)) return false;
    if (v[W_INFINITE]) {
        if (v[W_INFINITE]->type == YAML_SCALAR_NODE && !strcmp(ml_text(v[W_INFINITE]), "negative"))
            w->infinite = INFINITE_NEGATIVE;
        else if (v[W_INFINITE]->type == YAML_SCALAR_NODE && !strcmp(ml_text(v[W_INFINITE]), "null"))
            w->infinite = INFINITE_NULL;
        else
            return ml_fail(ld, ml_line(v[W_INFINITE]), "'infinite' must be negative or null, not %s",
                           ml_describe(v[W_INFINITE], buf, sizeof buf));
    }
    if (!w->function) fs->nwaits--;
    return true;
}

enum { U_FUNCTION, U_ARG, U_OPTION, U_IS, U_NKEYS };
static const char *const use_keys[U_NKEYS] = {"function", "arg", "option", "is"};
enum { S_KIND, S_WHEN, S_UNLESS, S_USES, S_NKEYS };
static const char *const session_keys[S_NKEYS] = {"kind", "when", "unless", "uses"};

static bool parse_session(loader *ld, const yaml_node_t *n) {
    const char *where = "an entry of 'sessions'";
    char buf[80];
    yaml_node_t *v[S_NKEYS];
    if (!ml_read_mapping(ld, n, where, session_keys, S_NKEYS, v)) return false;
    fact_stage *fs = stage_of(ld);
    if (fs->nsessions == fs->cap_sessions) {
        uint32_t c = fs->cap_sessions ? fs->cap_sessions * 2 : 16;
        fs->sessions = arena_grow(&ld->scratch, fs->sessions, fs->nsessions, c, sizeof *fs->sessions);
        fs->cap_sessions = c;
    }
    staged_session *ss = &fs->sessions[fs->nsessions++];
    *ss = (staged_session){.line = ml_line(n)};
    if (!kind_name(ld, v[S_KIND], where, true, &ss->kind)) return false;
    if (v[S_WHEN] && !prop_set(ld, v[S_WHEN], "when", false, &ss->when)) return false;
    if (v[S_UNLESS] && !prop_set(ld, v[S_UNLESS], "unless", false, &ss->unless)) return false;
    if (ml_is_null(v[S_USES])) return true;
    if (v[S_USES]->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(v[S_USES]), "'uses' must be a list, not %s",
                       ml_describe(v[S_USES], buf, sizeof buf));
    for (yaml_node_item_t *it = v[S_USES]->data.sequence.items.start; it < v[S_USES]->data.sequence.items.top; it++) {
        const yaml_node_t *u = ml_node(ld, *it);
        if (u->type != YAML_MAPPING_NODE)
            return ml_fail(ld, ml_line(u), "an entry of 'uses' must be a mapping with 'function', not %s",
                           ml_describe(u, buf, sizeof buf));
        yaml_node_t *w[U_NKEYS];
        if (!ml_read_mapping(ld, u, "an entry of 'uses'", use_keys, U_NKEYS, w)) return false;
        staged *s = push(ld, &fs->uses, &fs->nuses, &fs->cap_uses);
        model_session_use *su = &s->u.use;
        *su = (model_session_use){.option = -1, .line = ml_line(u)};
        s->kind = ss->kind;
        s->line = su->line;
        if (!ml_entry_function(ld, w[U_FUNCTION], ml_line(u), "an entry of 'uses'", &su->function)) return false;
        if (!w[U_ARG]) return ml_fail(ld, ml_line(u), "an entry of 'uses' needs 'arg'");
        if (!ml_get_index(ld, w[U_ARG], "arg", false, &su->arg)) return false;
        if (w[U_OPTION] && !ml_get_index(ld, w[U_OPTION], "option", false, &su->option)) return false;
        if (w[U_IS] && !option_value(ld, w[U_IS], &su->is_name, &su->has_is_value, &su->is_value)) return false;
        if ((su->option >= 0) != (w[U_IS] != NULL))
            return ml_fail(ld, ml_line(u), "an entry of 'uses': 'option' and 'is' go together");
        if (!su->function) fs->nuses--;
    }
    return true;
}

static bool parse_lock_list(loader *ld, const yaml_node_t *list, bool unlock) {
    char buf[80];
    const char *key = unlock ? "unlock" : "lock";
    if (ml_is_null(list)) return true;
    if (list->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(list), "'%s' must be a list of functions, not %s", key,
                       ml_describe(list, buf, sizeof buf));
    fact_stage *fs = stage_of(ld);
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
        const yaml_node_t *n = ml_node(ld, *it);
        staged *s = push(ld, &fs->locks, &fs->nlocks, &fs->cap_locks);
        s->u.lock = (model_lock){.unlock = unlock, .line = ml_line(n)};
        s->line = ml_line(n);
        if (!ml_entry_function(ld, n, ml_line(n), unlock ? "'locks: unlock'" : "'locks: lock'", &s->u.lock.function))
            return false;
        if (!s->u.lock.function) fs->nlocks--;
    }
    return true;
}

enum { L_LOCK, L_UNLOCK, L_NKEYS };
static const char *const lock_keys[L_NKEYS] = {"lock", "unlock"};

bool facts_parse_section(loader *ld, const char *key, const yaml_node_t *section) {
    char buf[80];
    if (ml_is_null(section)) return true;
    if (!strcmp(key, "locks")) {
        if (section->type != YAML_MAPPING_NODE)
            return ml_fail(ld, ml_line(section), "'locks' must be a mapping with 'lock' and 'unlock', not %s",
                           ml_describe(section, buf, sizeof buf));
        yaml_node_t *v[L_NKEYS];
        if (!ml_read_mapping(ld, section, "'locks'", lock_keys, L_NKEYS, v)) return false;
        return parse_lock_list(ld, v[L_LOCK], false) && parse_lock_list(ld, v[L_UNLOCK], true);
    }
    if (section->type != YAML_SEQUENCE_NODE)
        return ml_fail(ld, ml_line(section), "'%s' must be a list, not %s", key, ml_describe(section, buf, sizeof buf));
    for (yaml_node_item_t *it = section->data.sequence.items.start; it < section->data.sequence.items.top; it++) {
        const yaml_node_t *n = ml_node(ld, *it);
        if (n->type != YAML_MAPPING_NODE)
            return ml_fail(ld, ml_line(n), "an entry of '%s' must be a mapping, not %s", key,
                           ml_describe(n, buf, sizeof buf));
        bool ok = !strcmp(key, "properties") ? parse_prop(ld, n)
                  : !strcmp(key, "blocking") ? parse_block(ld, n)
                  : !strcmp(key, "waits")    ? parse_wait(ld, n)
                                             : parse_session(ld, n);
        if (!ok) return false;
    }
    return true;
}

/* ---- commit ------------------------------------------------------------------------------------------------------ */

static uint32_t map_mask(const uint32_t *bit_map, uint32_t mask) {
    if (mask == UINT32_MAX) return UINT32_MAX;
    uint32_t out = 0;
    for (uint32_t i = 0; i < MAX_STAGED_PROPS; i++)
        if (mask & (1u << i)) out |= bit_map[i];
    return out;
}

/* The kind an entry names, or -1 with a warning (the entry is dropped). */
static int32_t resolve_kind(models *m, loader *ld, const staged *s, const char *section) {
    if (!s->kind) return -1;
    int32_t k = models_kind_index(m, s->kind);
    if (k < 0)
        ml_warn(ld, s->line, "'%s' in '%s' names kind '%.*s', which no model file declares; entry ignored",
                s->u.prop.function ? s->u.prop.function : "?", section, MAX_QUOTED, s->kind);
    return k;
}

#define APPEND(m, arr, n, cap, item)                                                                                   \
    do {                                                                                                               \
        if ((m)->n == (m)->cap) {                                                                                      \
            uint32_t c_ = (m)->cap ? (m)->cap * 2 : 64;                                                                \
            (m)->arr = arena_grow(&(m)->arena, (m)->arr, (m)->n, c_, sizeof *(m)->arr);                                \
            (m)->cap = c_;                                                                                             \
        }                                                                                                              \
        (m)->arr[(m)->n++] = (item);                                                                                   \
    } while (0)

static const char *keep(models *m, const char *s) {
    return s ? arena_strdup(&m->arena, s) : NULL;
}

void facts_commit(models *m, loader *ld) {
    fact_stage *fs = ld->facts;
    if (!fs) return;
    const char *file = arena_strdup(&m->arena, ld->name);
    uint32_t bit_map[MAX_STAGED_PROPS] = {0};
    for (uint32_t i = 0; i < fs->nprop_names; i++) {
        uint32_t b = models_prop_bit(m, fs->prop_names[i]);
        if (!b && m->nprops < MODEL_MAX_PROPS) {
            m->prop_names[m->nprops] = arena_strdup(&m->arena, fs->prop_names[i]);
            b = 1u << m->nprops++;
        }
        if (!b)
            ml_warn(ld, 1, "more than %d property names in all model files: '%s' is ignored", MODEL_MAX_PROPS,
                    fs->prop_names[i]);
        bit_map[i] = b;
    }
    for (uint32_t i = 0; i < fs->nprops; i++) {
        model_prop p = fs->props[i].u.prop;
        if ((p.kind = resolve_kind(m, ld, &fs->props[i], "properties")) < 0) continue;
        p.function = keep(m, p.function);
        p.is_name = keep(m, p.is_name);
        p.sets = map_mask(bit_map, p.sets);
        p.clears = map_mask(bit_map, p.clears);
        p.file = file;
        APPEND(m, props, nprops_fns, cap_props, p);
        strmap_put(&m->facts_by_function, p.function, (void *)1);
    }
    for (uint32_t i = 0; i < fs->nblocks; i++) {
        model_block b = fs->blocks[i].u.block;
        if (fs->blocks[i].kind && (b.kind = resolve_kind(m, ld, &fs->blocks[i], "blocking")) < 0) continue;
        b.function = keep(m, b.function);
        b.contains = keep(m, b.contains);
        b.hint = keep(m, b.hint);
        b.partial_note = keep(m, b.partial_note);
        b.requires = map_mask(bit_map, b.requires);
        b.partial = map_mask(bit_map, b.partial);
        for (uint32_t k = 0; k < b.nbounded; k++)
            b.bounded_by[k] = map_mask(bit_map, b.bounded_by[k]);
        b.file = file;
        APPEND(m, blocks, nblocks, cap_blocks, b);
        strmap_put(&m->facts_by_function, b.function, (void *)1);
    }
    for (uint32_t i = 0; i < fs->nwaits; i++) {
        model_wait w = fs->waits[i].u.wait;
        w.function = keep(m, w.function);
        w.file = file;
        APPEND(m, waits, nwaits, cap_waits, w);
        strmap_put(&m->facts_by_function, w.function, (void *)1);
    }
    for (uint32_t i = 0; i < fs->nlocks; i++) {
        model_lock l = fs->locks[i].u.lock;
        l.function = keep(m, l.function);
        l.file = file;
        APPEND(m, locks, nlocks, cap_locks, l);
        strmap_put(&m->facts_by_function, l.function, (void *)1);
    }
    for (uint32_t i = 0; i < fs->nsessions; i++) {
        const staged_session *ss = &fs->sessions[i];
        int32_t k = models_kind_index(m, ss->kind);
        if (k < 0) {
            ml_warn(ld, ss->line, "'sessions' names kind '%.*s', which no model file declares; entry ignored",
                    MAX_QUOTED, ss->kind);
            continue;
        }
        m->kinds[k].session = true;
        m->kinds[k].session_when |= map_mask(bit_map, ss->when);
        m->kinds[k].session_unless |= map_mask(bit_map, ss->unless);
    }
    for (uint32_t i = 0; i < fs->nuses; i++) {
        model_session_use u = fs->uses[i].u.use;
        if ((u.kind = models_kind_index(m, fs->uses[i].kind)) < 0) continue; /* warned with its session */
        u.function = keep(m, u.function);
        u.is_name = keep(m, u.is_name);
        u.file = file;
        APPEND(m, session_uses, nsession_uses, cap_session_uses, u);
        strmap_put(&m->facts_by_function, u.function, (void *)1);
    }
}

/* ---- queries ----------------------------------------------------------------------------------------------------- */

static bool has_facts(const models *m, const char *function) {
    return m && function && strmap_has(&m->facts_by_function, function);
}

#define NEXT_OF(m, arr, n, function, prev)                                                                             \
    do {                                                                                                               \
        if (!has_facts(m, function)) return NULL;                                                                      \
        for (uint32_t i_ = prev ? (uint32_t)(prev - (m)->arr) + 1 : 0; i_ < (m)->n; i_++)                              \
            if (!strcmp((m)->arr[i_].function, function)) return &(m)->arr[i_];                                        \
        return NULL;                                                                                                   \
    } while (0)

const model_prop *models_prop_next(const models *m, const char *function, const model_prop *prev) {
    NEXT_OF(m, props, nprops_fns, function, prev);
}
const model_block *models_block_next(const models *m, const char *function, const model_block *prev) {
    NEXT_OF(m, blocks, nblocks, function, prev);
}
const model_session_use *models_session_use_next(const models *m, const char *function, const model_session_use *prev) {
    NEXT_OF(m, session_uses, nsession_uses, function, prev);
}
const model_wait *models_wait(const models *m, const char *function) {
    NEXT_OF(m, waits, nwaits, function, (const model_wait *)NULL);
}
const model_lock *models_lock(const models *m, const char *function) {
    NEXT_OF(m, locks, nlocks, function, (const model_lock *)NULL);
}

uint32_t models_prop_bit(const models *m, const char *name) {
    for (uint32_t i = 0; m && name && i < m->nprops; i++)
        if (!strcmp(m->prop_names[i], name)) return 1u << i;
    return 0;
}

const char *models_prop_list(arena *a, const models *m, uint32_t mask) {
    char buf[512];
    size_t len = 0;
    buf[0] = 0;
    for (uint32_t i = 0; m && i < m->nprops && len < sizeof buf; i++)
        if (mask & (1u << i))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", m->prop_names[i]);
    return arena_strdup(a, buf);
}

uint32_t models_prop_mask(const models *m, const char *list) {
    uint32_t mask = 0;
    for (const char *s = list; s && *s;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        for (uint32_t i = 0; m && i < m->nprops; i++)
            if (strlen(m->prop_names[i]) == len && !strncmp(m->prop_names[i], s, len)) mask |= 1u << i;
        if (!comma) break;
        s = comma + 1;
    }
    return mask;
}
