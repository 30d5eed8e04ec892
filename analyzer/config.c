/* config.c — `.lifeline.yaml` lookup, parsing (libyaml document API) and merging; the format is in config.h.
 *
 * A file is parsed into a `cfg_file` (what it says), then turned into a `lifeline_config` (what applies: the rules
 * globs evaluated for every rule, the header filter compiled, the parent's settings merged in when it inherits).
 * The set caches one entry per directory it has looked at: the config that applies there, or none, or the error of
 * a broken one. Directories without a config file share their parent's entry, so a lookup walks up only once. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "rules.h"
#include "strmap.h"
#include "xalloc.h"

enum {
    MAX_CONFIG_BYTES = 1 << 20, /* a config is a few lines; refuse to slurp a mistaken path */
    MAX_QUOTED = 60,            /* how much of a user's scalar a message quotes */
};

static const char RULE_PREFIX[] = "lifeline-";
#define RULE_PREFIX_LEN (sizeof RULE_PREFIX - 1)

struct lifeline_config {
    char *path;  /* the config file */
    char *globs; /* effective rules glob list (inherited globs first) */
    bool *enabled;
    signed char *sev; /* per rule_index: a severity, or -1 */
    char **models;
    size_t nmodels;
    bool has_filter;
    regex_t filter;
    char *filter_src;
    char *filter_base; /* directory of the config file that set the filter */
};

typedef struct dir_entry {
    char *dir;
    const lifeline_config *cfg; /* NULL: none applies (or err) */
    char *err;                  /* broken config: the message */
} dir_entry;

struct config_set {
    pthread_mutex_t mu;
    char *explicit_path; /* as given, for messages; NULL: look up */
    char *explicit_abs;  /* normalised when the set was made (the working directory may change later) */
    bool explicit_done;
    dir_entry explicit_entry;
    strmap dirs; /* normalised directory -> dir_entry* (keys are the entries' dir strings) */
    dir_entry **entries;
    size_t nentries, cap_entries;
    lifeline_config **configs; /* every config built, owned here */
    size_t nconfigs, cap_configs;
};

/* ---- glob lists ------------------------------------------------------------------------------------------------ */

bool glob_match(const char *pattern, size_t len, const char *s) {
    size_t p = 0, star = (size_t)-1;
    const char *mark = NULL;
    while (*s) {
        if (p < len && pattern[p] == '*') {
            star = p++;
            mark = s;
        } else if (p < len && pattern[p] == *s) {
            p++;
            s++;
        } else if (star != (size_t)-1) {
            p = star + 1;
            s = ++mark;
        } else {
            return false;
        }
    }
    while (p < len && pattern[p] == '*')
        p++;
    return p == len;
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The next glob of a list: [*start, *start + *len), with its '-' stripped into *neg. Returns the position after it,
 * or NULL at the end. Empty entries are skipped. */
static const char *next_glob(const char *p, const char **start, size_t *len, bool *neg) {
    while (*p) {
        const char *e = p;
        while (*e && *e != ',' && *e != '\n')
            e++;
        const char *b = p;
        while (b < e && is_space(*b))
            b++;
        const char *t = e;
        while (t > b && is_space(t[-1]))
            t--;
        p = *e ? e + 1 : e;
        if (b == t) continue;
        *neg = *b == '-';
        if (*neg) b++;
        *start = b;
        *len = (size_t)(t - b);
        return p;
    }
    return NULL;
}

static bool glob_matches_rule(const char *g, size_t len, const char *rule_id) {
    if (glob_match(g, len, rule_id)) return true;
    char full[128];
    int n = snprintf(full, sizeof full, "%s%s", RULE_PREFIX, rule_id);
    return n > 0 && (size_t)n < sizeof full && glob_match(g, len, full);
}

bool rule_glob_list_enabled(const char *globs, const char *rule_id) {
    if (!globs || !rule_id) return true;
    bool on = false, neg;
    const char *g;
    size_t len;
    for (const char *p = globs; (p = next_glob(p, &g, &len, &neg));)
        if (glob_matches_rule(g, len, rule_id)) on = !neg;
    return on;
}

bool rule_glob_list_check(const char *globs, char *err, size_t errlen) {
    if (!globs) return true;
    bool neg;
    const char *g;
    size_t len;
    for (const char *p = globs; (p = next_glob(p, &g, &len, &neg));) {
        bool any = false;
        for (size_t i = 0; !any && i < rules_count(); i++)
            any = glob_matches_rule(g, len, rule_at(i)->id);
        if (!any) {
            if (err && errlen)
                snprintf(err, errlen, "rules glob '%s%.*s' matches no rule (see `lifeline rules`)", neg ? "-" : "",
                         (int)(len < MAX_QUOTED ? len : MAX_QUOTED), g);
            return false;
        }
    }
    return true;
}

/* ---- paths ------------------------------------------------------------------------------------------------------ */

/* Absolute, with "." and ".." and repeated slashes removed lexically (symlinks are not resolved). */
static char *normalize_path(const char *path) {
    char *buf;
    if (path[0] == '/') {
        buf = xstrdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) cwd = xstrdup("/");
        buf = xmalloc(strlen(cwd) + strlen(path) + 2);
        sprintf(buf, "%s/%s", cwd, path);
        free(cwd);
    }
    char *out = xmalloc(strlen(buf) + 2);
    size_t n = 0;
    for (const char *p = buf; *p;) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        size_t len = (size_t)(e - p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0) n--; /* the slash */
        } else {
            out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
        }
        p = e;
    }
    if (n == 0) out[n++] = '/';
    out[n] = '\0';
    free(buf);
    return out;
}

/* The directory part of a normalised path ("/a/b" -> "/a", "/a" -> "/"). */
static char *parent_dir(const char *path) {
    const char *slash = strrchr(path, '/');
    size_t len = slash && slash != path ? (size_t)(slash - path) : 1;
    char *d = xmalloc(len + 1);
    memcpy(d, path, len);
    d[len] = '\0';
    return d;
}

static char *join_path(const char *dir, const char *name) {
    size_t dl = strlen(dir);
    char *p = xmalloc(dl + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    return p;
}

static bool is_regular_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- reading one file ----------------------------------------------------------------------------------------- */

typedef struct cfg_file {
    const char *path; /* for messages */
    char *dir;        /* normalised directory of the file */
    yaml_document_t *doc;
    char *err;
    size_t errlen;
    /* what the file says */
    bool has_rules;
    char *rules;
    char **models;
    size_t nmodels, cap_models;
    int filter; /* 0 absent, 1 set, 2 explicitly none (`~`) */
    char *filter_src;
    signed char *sev;
    bool inherit;
} cfg_file;

static void cfg_file_free(cfg_file *f) {
    free(f->dir);
    free(f->rules);
    for (size_t i = 0; i < f->nmodels; i++)
        free(f->models[i]);
    free(f->models);
    free(f->filter_src);
    free(f->sev);
}

static bool fail_at(cfg_file *f, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool fail_at(cfg_file *f, unsigned line, unsigned col, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (f->err && f->errlen) snprintf(f->err, f->errlen, "%s:%u:%u: %s", f->path, line, col, msg);
    return false;
}

static bool fail(cfg_file *f, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(cfg_file *f, const yaml_node_t *n, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned line = n ? (unsigned)n->start_mark.line + 1 : 1, col = n ? (unsigned)n->start_mark.column + 1 : 1;
    return fail_at(f, line, col, "%s", msg);
}

static const char *text(const yaml_node_t *n) {
    return (const char *)n->data.scalar.value; /* libyaml NUL-terminates scalars */
}

static yaml_node_t *node(const cfg_file *f, int index) {
    return yaml_document_get_node(f->doc, index);
}

static bool is_null(const yaml_node_t *n) {
    if (!n) return true;
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *s = text(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* A scalar holding a string without NUL bytes. */
static bool is_string(const yaml_node_t *n) {
    return n && n->type == YAML_SCALAR_NODE && strlen(text(n)) == n->data.scalar.length;
}

static const char *describe(const yaml_node_t *n, char *buf, size_t len) {
    if (is_null(n)) return "nothing";
    if (n->type == YAML_SEQUENCE_NODE) return "a list";
    if (n->type == YAML_MAPPING_NODE) return "a mapping";
    snprintf(buf, len, "'%.*s'", MAX_QUOTED, text(n));
    return buf;
}

static bool parse_globs(cfg_file *f, const yaml_node_t *n) {
    char msg[256];
    if (!rule_glob_list_check(text(n), msg, sizeof msg)) return fail(f, n, "%s", msg);
    size_t old = f->rules ? strlen(f->rules) : 0, add = strlen(text(n));
    f->rules = xrealloc(f->rules, old + add + 2);
    if (old) f->rules[old++] = ',';
    memcpy(f->rules + old, text(n), add + 1);
    return true;
}

static bool parse_rules(cfg_file *f, const yaml_node_t *v) {
    char buf[96];
    if (is_null(v)) return true;
    f->has_rules = true;
    f->rules = xstrdup("");
    if (is_string(v)) return parse_globs(f, v);
    if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            const yaml_node_t *item = node(f, *it);
            if (!is_string(item) || is_null(item))
                return fail(f, item, "an entry of 'rules' must be a string of globs, not %s",
                            describe(item, buf, sizeof buf));
            if (!parse_globs(f, item)) return false;
        }
        return true;
    }
    return fail(f, v, "'rules' must be a string of comma-separated globs or a list of them, not %s",
                describe(v, buf, sizeof buf));
}

static bool add_model(cfg_file *f, const yaml_node_t *n) {
    char buf[96];
    if (!is_string(n) || is_null(n))
        return fail(f, n, "an entry of 'models' must be a file path, not %s", describe(n, buf, sizeof buf));
    char *joined = text(n)[0] == '/' ? xstrdup(text(n)) : join_path(f->dir, text(n));
    char *abs = normalize_path(joined);
    free(joined);
    struct stat st;
    if (stat(abs, &st) != 0 || !S_ISREG(st.st_mode)) {
        bool missing = stat(abs, &st) != 0;
        fail(f, n, "model file '%.*s' %s (%s)", MAX_QUOTED, text(n),
             missing ? "does not exist" : "is not a regular file", abs);
        free(abs);
        return false;
    }
    if (f->nmodels == f->cap_models) {
        f->cap_models = f->cap_models ? f->cap_models * 2 : 4;
        f->models = xrealloc(f->models, f->cap_models * sizeof *f->models);
    }
    f->models[f->nmodels++] = abs;
    return true;
}

static bool parse_models(cfg_file *f, const yaml_node_t *v) {
    char buf[96];
    if (is_null(v)) return true;
    if (is_string(v)) return add_model(f, v);
    if (v->type != YAML_SEQUENCE_NODE)
        return fail(f, v, "'models' must be a list of model file paths, not %s", describe(v, buf, sizeof buf));
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
        if (!add_model(f, node(f, *it))) return false;
    return true;
}

static bool parse_header_filter(cfg_file *f, yaml_node_t *v) {
    char buf[96];
    if (is_null(v)) {
        f->filter = 2;
        return true;
    }
    if (!is_string(v))
        return fail(f, v, "'header-filter' must be a regular expression, not %s", describe(v, buf, sizeof buf));
    regex_t re;
    int rc = regcomp(&re, text(v), REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[160];
        regerror(rc, &re, why, sizeof why);
        regfree(&re);
        return fail(f, v, "'header-filter' is not a valid POSIX extended regular expression: %s", why);
    }
    regfree(&re);
    f->filter = 1;
    f->filter_src = xstrdup(text(v));
    return true;
}

static const rule_info *find_rule(const char *name) {
    const rule_info *r = rule_find(name);
    if (!r && !strncmp(name, RULE_PREFIX, RULE_PREFIX_LEN)) r = rule_find(name + RULE_PREFIX_LEN);
    return r;
}

static bool parse_severity(cfg_file *f, const yaml_node_t *v) {
    static const char *const names[] = {[SEV_NOTE] = "note", [SEV_WARNING] = "warning", [SEV_ERROR] = "error"};
    char buf[96];
    if (is_null(v)) return true;
    if (v->type != YAML_MAPPING_NODE)
        return fail(f, v, "'severity' must be a mapping of rule id to note, warning or error, not %s",
                    describe(v, buf, sizeof buf));
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = node(f, p->key), *val = node(f, p->value);
        if (!is_string(k) || is_null(k))
            return fail(f, k, "a key of 'severity' must be a rule id, not %s", describe(k, buf, sizeof buf));
        const rule_info *r = find_rule(text(k));
        if (!r) return fail(f, k, "unknown rule '%.*s' in 'severity' (see `lifeline rules`)", MAX_QUOTED, text(k));
        int idx = rule_index(r->id);
        if (f->sev[idx] >= 0) return fail(f, k, "rule '%s' is given twice in 'severity'", r->id);
        int level = -1;
        if (is_string(val))
            for (int s = SEV_NOTE; s <= SEV_ERROR; s++)
                if (!strcmp(text(val), names[s])) level = s;
        if (level < 0)
            return fail(f, val, "the severity of '%s' must be note, warning or error, not %s", r->id,
                        describe(val, buf, sizeof buf));
        f->sev[idx] = (signed char)level;
    }
    return true;
}

static bool parse_inherit(cfg_file *f, const yaml_node_t *v) {
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
    char buf[96];
    if (v && v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (!strcmp(text(v), yes[i])) return f->inherit = true, true;
            if (!strcmp(text(v), no[i])) return f->inherit = false, true;
        }
    return fail(f, v, "'inherit' must be true or false, not %s", describe(v, buf, sizeof buf));
}

enum { K_RULES, K_MODELS, K_HEADER_FILTER, K_SEVERITY, K_INHERIT, K_NKEYS };
static const char *const top_keys[K_NKEYS] = {"rules", "models", "header-filter", "severity", "inherit"};

static bool parse_document(cfg_file *f) {
    char buf[96];
    yaml_node_t *root = yaml_document_get_root_node(f->doc);
    if (!root || is_null(root)) return true; /* empty file (or only comments): an empty config */
    if (root->type != YAML_MAPPING_NODE)
        return fail(f, root, "a config file must be a mapping of settings, not %s", describe(root, buf, sizeof buf));
    yaml_node_t *v[K_NKEYS] = {0};
    const yaml_node_t *kn[K_NKEYS] = {0};
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(f, p->key);
        if (!is_string(k)) return fail(f, k, "a setting's name must be a string, not %s", describe(k, buf, sizeof buf));
        size_t i = 0;
        while (i < K_NKEYS && strcmp(top_keys[i], text(k)) != 0)
            i++;
        if (i == K_NKEYS)
            return fail(f, k, "unknown key '%.*s' (expected rules, models, header-filter, severity or inherit)",
                        MAX_QUOTED, text(k));
        if (kn[i])
            return fail(f, k, "'%s' is given twice (first at line %u)", top_keys[i],
                        (unsigned)kn[i]->start_mark.line + 1);
        kn[i] = k;
        v[i] = node(f, p->value);
    }
    if (kn[K_RULES] && !parse_rules(f, v[K_RULES])) return false;
    if (kn[K_MODELS] && !parse_models(f, v[K_MODELS])) return false;
    if (kn[K_HEADER_FILTER] && !parse_header_filter(f, v[K_HEADER_FILTER])) return false;
    if (kn[K_SEVERITY] && !parse_severity(f, v[K_SEVERITY])) return false;
    if (kn[K_INHERIT] && !parse_inherit(f, v[K_INHERIT])) return false;
    return true;
}

static bool yaml_failure(cfg_file *f, const yaml_parser_t *p, const char *src, size_t len) {
    if (p->error == YAML_MEMORY_ERROR) return fail_at(f, 1, 1, "out of memory while reading YAML");
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark. */
        unsigned line = 1, col = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++) {
            col++;
            if (src[i] == '\n') line++, col = 1;
        }
        return fail_at(f, line, col, "not valid YAML: %s", problem);
    }
    unsigned line = (unsigned)p->problem_mark.line + 1, col = (unsigned)p->problem_mark.column + 1;
    /* `rules: *,-x` is the likeliest mistake: '*' starts a YAML alias. */
    const char *hint = p->context && strstr(p->context, "alias") ? "; quote a value that starts with '*'" : "";
    if (p->context)
        return fail_at(f, line, col, "not valid YAML: %s (%s that started at line %u%s)", problem, p->context,
                       (unsigned)p->context_mark.line + 1, hint);
    return fail_at(f, line, col, "not valid YAML: %s", problem);
}

static bool parse_text(cfg_file *f, const char *src, size_t len) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return fail_at(f, 1, 1, "out of memory while reading YAML");
    yaml_parser_set_input_string(&parser, (const unsigned char *)src, len);
    yaml_document_t doc, extra;
    bool ok = false;
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_failure(f, &parser, src, len);
    } else {
        if (!yaml_parser_load(&parser, &extra)) {
            yaml_failure(f, &parser, src, len);
        } else {
            yaml_node_t *second = yaml_document_get_root_node(&extra);
            if (second) fail(f, second, "a config file holds one YAML document; this is a second one");
            yaml_document_delete(&extra);
            f->doc = &doc;
            ok = !second && parse_document(f);
            f->doc = NULL;
        }
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    return ok;
}

/* Read and parse the file at `path` (display name) whose normalised form is `abs`. */
static bool read_cfg_file(cfg_file *f, const char *path, const char *abs, char *err, size_t errlen) {
    *f = (cfg_file){.path = path, .dir = parent_dir(abs), .err = err, .errlen = errlen};
    size_t n = rules_count();
    f->sev = xmalloc(n ? n : 1);
    memset(f->sev, -1, n ? n : 1);
    FILE *fp = fopen(abs, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open config file: %s", path, strerror(errno));
        return false;
    }
    size_t len = 0, cap = 4096;
    char *buf = xmalloc(cap);
    bool ok = true;
    for (;;) {
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            if (ferror(fp)) {
                snprintf(err, errlen, "%s: cannot read config file: %s", path, strerror(errno));
                ok = false;
            }
            break;
        }
        if (len == cap) {
            if (cap >= MAX_CONFIG_BYTES) {
                snprintf(err, errlen, "%s: config file larger than %d bytes", path, MAX_CONFIG_BYTES);
                ok = false;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    fclose(fp);
    if (ok) ok = parse_text(f, buf, len);
    free(buf);
    return ok;
}

/* ---- effective configs ------------------------------------------------------------------------------------------ */

static void config_free(lifeline_config *c) {
    if (!c) return;
    free(c->path);
    free(c->globs);
    free(c->enabled);
    free(c->sev);
    for (size_t i = 0; i < c->nmodels; i++)
        free(c->models[i]);
    free(c->models);
    if (c->has_filter) regfree(&c->filter);
    free(c->filter_src);
    free(c->filter_base);
    free(c);
}

static void add_config_model(lifeline_config *c, const char *path) {
    for (size_t i = 0; i < c->nmodels; i++)
        if (!strcmp(c->models[i], path)) return;
    c->models = xrealloc(c->models, (c->nmodels + 1) * sizeof *c->models);
    c->models[c->nmodels++] = xstrdup(path);
}

/* The config that applies under f's directory: f itself, after `parent` when f inherits (parent may be NULL). */
static lifeline_config *build_config(config_set *cs, const char *path, const cfg_file *f,
                                     const lifeline_config *parent) {
    lifeline_config *c = xcalloc(1, sizeof *c);
    size_t n = rules_count();
    c->path = xstrdup(path);
    if (parent && f->has_rules) {
        c->globs = xmalloc(strlen(parent->globs) + strlen(f->rules) + 2);
        sprintf(c->globs, "%s,%s", parent->globs, f->rules);
    } else {
        c->globs = xstrdup(f->has_rules ? f->rules : parent ? parent->globs : "*");
    }
    c->enabled = xcalloc(n ? n : 1, sizeof *c->enabled);
    for (size_t i = 0; i < n; i++)
        c->enabled[i] = rule_glob_list_enabled(c->globs, rule_at(i)->id);
    c->sev = xmalloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        c->sev[i] = f->sev[i] >= 0 ? f->sev[i] : parent ? parent->sev[i] : -1;
    if (parent)
        for (size_t i = 0; i < parent->nmodels; i++)
            add_config_model(c, parent->models[i]);
    for (size_t i = 0; i < f->nmodels; i++)
        add_config_model(c, f->models[i]);
    const char *src = NULL, *base = NULL;
    if (f->filter == 1) {
        src = f->filter_src;
        base = f->dir;
    } else if (f->filter == 0 && parent && parent->has_filter) {
        src = parent->filter_src; /* a regex_t cannot be copied: compile the parent's source again */
        base = parent->filter_base;
    }
    if (src && regcomp(&c->filter, src, REG_EXTENDED | REG_NOSUB) == 0) { /* it compiled when parsed */
        c->has_filter = true;
        c->filter_src = xstrdup(src);
        c->filter_base = xstrdup(base);
    }
    if (cs->nconfigs == cs->cap_configs) {
        cs->cap_configs = cs->cap_configs ? cs->cap_configs * 2 : 8;
        cs->configs = xrealloc(cs->configs, cs->cap_configs * sizeof *cs->configs);
    }
    cs->configs[cs->nconfigs++] = c;
    return c;
}

/* ---- the set ---------------------------------------------------------------------------------------------------- */

static const char *const config_names[] = {".lifeline.yaml", ".lifeline.yml"};

config_set *config_set_new(const char *explicit_path) {
    config_set *cs = xcalloc(1, sizeof *cs);
    pthread_mutex_init(&cs->mu, NULL);
    cs->explicit_path = xstrdup(explicit_path);
    cs->explicit_abs = explicit_path ? normalize_path(explicit_path) : NULL;
    strmap_init(&cs->dirs);
    return cs;
}

void config_set_free(config_set *cs) {
    if (!cs) return;
    for (size_t i = 0; i < cs->nentries; i++) {
        free(cs->entries[i]->dir);
        free(cs->entries[i]->err);
        free(cs->entries[i]);
    }
    free(cs->entries);
    for (size_t i = 0; i < cs->nconfigs; i++)
        config_free(cs->configs[i]);
    free(cs->configs);
    free(cs->explicit_entry.err);
    strmap_free(&cs->dirs);
    free(cs->explicit_path);
    free(cs->explicit_abs);
    pthread_mutex_destroy(&cs->mu);
    free(cs);
}

static dir_entry *remember(config_set *cs, const char *dir, const lifeline_config *cfg, const char *err) {
    dir_entry *e = xmalloc(sizeof *e);
    *e = (dir_entry){.dir = xstrdup(dir), .cfg = cfg, .err = xstrdup(err)};
    if (cs->nentries == cs->cap_entries) {
        cs->cap_entries = cs->cap_entries ? cs->cap_entries * 2 : 32;
        cs->entries = xrealloc(cs->entries, cs->cap_entries * sizeof *cs->entries);
    }
    cs->entries[cs->nentries++] = e;
    strmap_put(&cs->dirs, e->dir, e);
    return e;
}

/* Parse the config file `path` (for messages; `abs` normalised) and build what applies under its directory (the parent
 * directory's config first when the file inherits and may_inherit). Returns the config, or NULL with err set. */
static const lifeline_config *load_config(config_set *cs, const char *path, const char *abs, bool may_inherit,
                                          char *err, size_t errlen);

/* What applies in directory `dir` (normalised): looked up once, then cached. */
static const dir_entry *resolve_dir(config_set *cs, const char *dir) {
    const dir_entry *e = strmap_get(&cs->dirs, dir);
    if (e) return e;
    for (size_t i = 0; i < sizeof config_names / sizeof config_names[0]; i++) {
        char *path = join_path(dir, config_names[i]);
        if (!is_regular_file(path)) {
            free(path);
            continue;
        }
        char err[1024] = "";
        const lifeline_config *c = load_config(cs, path, path, true, err, sizeof err);
        free(path);
        return remember(cs, dir, c, c ? NULL : err);
    }
    if (!strcmp(dir, "/")) return remember(cs, dir, NULL, NULL);
    char *up = parent_dir(dir);
    const dir_entry *p = resolve_dir(cs, up);
    free(up);
    return remember(cs, dir, p->cfg, p->err);
}

static const lifeline_config *load_config(config_set *cs, const char *path, const char *abs, bool may_inherit,
                                          char *err, size_t errlen) {
    cfg_file f;
    const lifeline_config *c = NULL;
    if (read_cfg_file(&f, path, abs, err, errlen)) {
        const lifeline_config *parent = NULL;
        bool ok = true;
        if (may_inherit && f.inherit && strcmp(f.dir, "/") != 0) {
            char *up = parent_dir(f.dir);
            const dir_entry *pe = resolve_dir(cs, up);
            free(up);
            if (pe->err) {
                snprintf(err, errlen, "%s", pe->err);
                ok = false;
            }
            parent = pe->cfg;
        }
        if (ok) c = build_config(cs, path, &f, parent);
    }
    cfg_file_free(&f);
    return c;
}

int config_for_file(config_set *cs, const char *path, const lifeline_config **out, char *err, size_t errlen) {
    const lifeline_config *c = NULL;
    const char *msg = NULL;
    pthread_mutex_lock(&cs->mu);
    if (cs->explicit_path) {
        if (!cs->explicit_done) {
            char buf[1024] = "";
            cs->explicit_entry.cfg = load_config(cs, cs->explicit_path, cs->explicit_abs, false, buf, sizeof buf);
            if (!cs->explicit_entry.cfg) cs->explicit_entry.err = xstrdup(buf);
            cs->explicit_done = true;
        }
        c = cs->explicit_entry.cfg;
        msg = cs->explicit_entry.err;
    } else {
        char *abs = normalize_path(path && *path ? path : ".");
        char *dir = parent_dir(abs);
        const dir_entry *e = resolve_dir(cs, dir);
        c = e->cfg;
        msg = e->err;
        free(dir);
        free(abs);
    }
    if (msg && err && errlen) snprintf(err, errlen, "%s", msg);
    pthread_mutex_unlock(&cs->mu);
    *out = msg ? NULL : c;
    return msg ? -1 : 0;
}

/* ---- queries ---------------------------------------------------------------------------------------------------- */

bool config_rule_enabled(const lifeline_config *c, const char *rule_id) {
    if (!c) return true;
    int i = rule_index(rule_id);
    return i >= 0 ? c->enabled[i] : rule_glob_list_enabled(c->globs, rule_id);
}

bool config_reports_file(const lifeline_config *c, const char *path, const char *tu_main_file) {
    if (!c || !c->has_filter || !path) return true;
    if (tu_main_file && !strcmp(path, tu_main_file)) return true;
    char *abs = normalize_path(path);
    bool reported = false;
    char *main_abs = tu_main_file ? normalize_path(tu_main_file) : NULL;
    if (main_abs && !strcmp(abs, main_abs)) {
        reported = true;
    } else {
        const char *subject = abs;
        size_t bl = strlen(c->filter_base);
        if (!strcmp(c->filter_base, "/"))
            subject = abs + 1;
        else if (!strncmp(abs, c->filter_base, bl) && abs[bl] == '/')
            subject = abs + bl + 1;
        reported = regexec(&c->filter, subject, 0, NULL, 0) == 0;
    }
    free(main_abs);
    free(abs);
    return reported;
}

bool config_severity(const lifeline_config *c, const char *rule_id, severity *out) {
    if (!c) return false;
    int i = rule_index(rule_id);
    if (i < 0 || c->sev[i] < 0) return false;
    if (out) *out = (severity)c->sev[i];
    return true;
}

size_t config_model_count(const lifeline_config *c) {
    return c ? c->nmodels : 0;
}

const char *config_model_at(const lifeline_config *c, size_t i) {
    return c && i < c->nmodels ? c->models[i] : NULL;
}

const char *config_path(const lifeline_config *c) {
    return c ? c->path : NULL;
}
