/* incremental.c — see incremental.h. */
#include "incremental.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strmap.h"
#include "summary.h"
#include "suppress.h"
#include "xalloc.h"

/* Batches of TUs analysed because something they depend on changed (a change spreading up the call graph, one level
 * of callers per batch) before everything is analysed at once. Everything is analysed at once sooner when the next
 * batch would bring the TUs parsed in this run to the number of TUs: a cycle of TUs whose summaries keep changing
 * each other, or a change that reaches most of the program, costs at most about two cold runs. */
enum { MAX_BATCHES = 8 };

#define TAG_PARSE_ERROR "lifeline-parse-error"
#define TAG_TU_FAILED   "lifeline-tu-failed"
#define TAG_SKIPPED     "lifeline-skipped"
#define TAG_BUDGET      "lifeline-budget"

/* ---- inputs hashes ------------------------------------------------------------------------------------------- */

static void hasher_put(inputs_hasher *h, const void *data, size_t len) {
    if (h->len + len + 1 > h->cap) {
        h->cap = (h->len + len + 1) * 2;
        h->buf = xrealloc(h->buf, h->cap);
    }
    memcpy(h->buf + h->len, data, len);
    h->len += len;
}

/* The file's bytes, malloc'd (NULL when it cannot be read). */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

void inputs_hasher_add(inputs_hasher *h, const char *name, const void *data, size_t len) {
    /* name, NUL, length, NUL, data: no two sequences of entries give the same bytes */
    char head[32];
    hasher_put(h, name, strlen(name) + 1);
    int n = snprintf(head, sizeof head, "%zu", len);
    hasher_put(h, head, (size_t)n + 1);
    hasher_put(h, data, len);
}

void inputs_hasher_add_file(inputs_hasher *h, const char *path) {
    size_t len = 0;
    char *data = read_file(path, &len);
    if (data)
        inputs_hasher_add(h, path, data, len);
    else
        inputs_hasher_add(h, path, "\x01unreadable", 11);
    free(data);
}

void inputs_hasher_init(inputs_hasher *h) {
    memset(h, 0, sizeof *h);
    /* The executable itself: a rebuilt lifeline (new checks, fixed bugs) must not reuse what an older one found, and
     * LIFELINE_VERSION does not change with every build. It is read once per run (a few MB at most). */
    static char build[FINGERPRINT_HEX_LEN + 1];
    if (!build[0]) {
        size_t len = 0;
        char *exe = read_file("/proc/self/exe", &len);
        if (exe)
            content_hash(build, exe, len);
        else
            snprintf(build, sizeof build, "%s", "unknown-build");
        free(exe);
    }
    inputs_hasher_add(h, "lifeline", LIFELINE_VERSION, strlen(LIFELINE_VERSION));
    inputs_hasher_add(h, "build", build, strlen(build));
    char *clang = frontend_clang_version();
    inputs_hasher_add(h, "libclang", clang ? clang : "", clang ? strlen(clang) : 0);
    free(clang);
}

void inputs_hasher_finish(inputs_hasher *h, char out[FINGERPRINT_HEX_LEN + 1]) {
    content_hash(out, h->buf ? h->buf : "", h->len);
    free(h->buf);
    memset(h, 0, sizeof *h);
}

void incremental_tu_inputs_hash(char out[FINGERPRINT_HEX_LEN + 1], const char *models_hash, const char *config_file,
                                const char *cli_rules) {
    inputs_hasher h = {0};
    inputs_hasher_add(&h, "models", models_hash, strlen(models_hash));
    inputs_hasher_add(&h, "rules", cli_rules ? cli_rules : "", cli_rules ? strlen(cli_rules) : 0);
    if (config_file) {
        inputs_hasher_add_file(&h, config_file);
        /* A config may inherit from the ones above it: every .lifeline.yaml/.yml up to the root counts. */
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", config_file);
        for (char *slash = strrchr(dir, '/'); slash && slash != dir; slash = strrchr(dir, '/')) {
            *slash = '\0';
            char *up = strrchr(dir, '/');
            if (!up) break;
            static const char *const names[] = {".lifeline.yaml", ".lifeline.yml"};
            for (size_t i = 0; i < 2; i++) {
                char path[PATH_MAX + 32];
                snprintf(path, sizeof path, "%.*s/%s", (int)(up - dir), dir, names[i]);
                FILE *f = fopen(path, "rb");
                if (!f) continue;
                fclose(f);
                inputs_hasher_add_file(&h, path);
            }
        }
    }
    inputs_hasher_finish(&h, out);
}

void incremental_args_hash(char out[FINGERPRINT_HEX_LEN + 1], const compile_job *job) {
    size_t len = 1;
    for (size_t i = 0; i < job->nargs; i++)
        len += strlen(job->args[i]) + 1;
    char *text = xmalloc(len);
    size_t used = 0;
    for (size_t i = 0; i < job->nargs; i++) {
        size_t n = strlen(job->args[i]);
        memcpy(text + used, job->args[i], n);
        used += n;
        text[used++] = '\n'; /* one argument per line: "-DA B" and "-DA" "B" hash differently */
    }
    content_hash(out, text, used);
    free(text);
}

/* ---- dependencies -------------------------------------------------------------------------------------------- */

typedef struct dep {
    char *kind, *key, *value;
} dep;

typedef struct dep_list {
    dep *items;
    size_t count, cap;
} dep_list;

static void dep_add(dep_list *dl, const char *kind, const char *key, const char *value) {
    if (dl->count == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 32;
        dl->items = xrealloc(dl->items, dl->cap * sizeof *dl->items);
    }
    dl->items[dl->count++] = (dep){xstrdup(kind), xstrdup(key), xstrdup(value ? value : "")};
}

static void dep_list_free(dep_list *dl) {
    for (size_t i = 0; i < dl->count; i++) {
        free(dl->items[i].kind);
        free(dl->items[i].key);
        free(dl->items[i].value);
    }
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}

static int collect_dep(void *ctx, const char *kind, const char *key, const char *value) {
    dep_add(ctx, kind, key, value);
    return 0;
}

/* What the whole run knows of a global, folded as program_link does: a constant when no TU writes it and the TUs that
 * initialise it agree. */
typedef struct global_fact {
    bool written, has_init, conflicting;
    int64_t init;
} global_fact;

static void fact_fold(strmap *facts, arena *a, const char *usr, bool written, bool has_init, int64_t init) {
    global_fact *f = strmap_get(facts, usr);
    if (!f) {
        f = arena_alloc(a, sizeof *f);
        memset(f, 0, sizeof *f);
        strmap_put(facts, arena_strdup(a, usr), f);
    }
    if (written) f->written = true;
    if (has_init) {
        if (f->has_init && f->init != init) f->conflicting = true;
        f->has_init = true;
        f->init = init;
    }
}

/* "=N" for a constant, "" otherwise: the value of a reads-global dependency. */
static void fact_text(const strmap *facts, const char *usr, char out[32]) {
    const global_fact *f = strmap_get(facts, usr);
    if (f && !f->written && f->has_init && !f->conflicting)
        snprintf(out, 32, "=%" PRId64, f->init);
    else
        out[0] = '\0';
}

/* A sets-global value ("w", "=N", "w=N") folded into facts. */
static void fact_fold_text(strmap *facts, arena *a, const char *usr, const char *value) {
    bool written = value[0] == 'w';
    const char *eq = strchr(value, '=');
    fact_fold(facts, a, usr, written, eq != NULL, eq ? strtoll(eq + 1, NULL, 10) : 0);
}

/* ---- per-job state ------------------------------------------------------------------------------------------- */

typedef enum job_phase { JOB_PENDING, JOB_REUSED, JOB_ANALYSED } job_phase;

typedef struct job_state {
    const compile_job *job;
    char args_hash[FINGERPRINT_HEX_LEN + 1];
    const char *inputs_hash;
    job_phase phase;
    int64_t reused_row; /* the earlier run's row that stands for it (JOB_REUSED) */
    int64_t stored_row; /* this run's row, once analysed and stored (replaced when analysed again) */
    bool candidate;     /* its files and inputs are unchanged */
    bool in_batch;
    bool ever_analysed;
    dep_list deps; /* of the reused row, or of this run's analysis */
} job_state;

typedef struct incr {
    const incremental_input *in;
    incremental_result *out;
    job_state *js;
    size_t n;
    arena keys;        /* keys and values of `summaries` */
    strmap summaries;  /* USR -> content_hash of the summary JSON in the store (as this run leaves it) */
    source_cache disk; /* files as they are now, each read once */
    tool_diag_list run_diags;
    char *err;
    size_t errlen;
    bool store_failed; /* a database error: err says which; the store is not used again in this run */
} incr;

/* A database error during the run (disk full, the file locked for too long, damaged, gone read-only). The first one
 * is kept in err and the store is used no more: the analysis goes on without it, so every finding is still reported,
 * while the run stays unfinished in the database (incremental.h). */
static void store_failed(incr *ic) {
    ic->store_failed = true;
    ic->out->store_failed = true;
}

/* Results are written to the store, and (with the cache) read back from it, only while it works. */
static bool storing(const incr *ic) {
    return ic->in->db && !ic->store_failed;
}

static bool caching(const incr *ic) {
    return storing(ic) && ic->in->use_cache;
}

/* The analysis reads the summaries stored by earlier runs, and says so with a "lifeline-store" warning when it cannot:
 * the first such failure becomes the run's store failure, and the warning goes (the failure is reported once). */
static void take_store_warnings(incr *ic, analysis *an) {
    size_t kept = 0;
    for (size_t i = 0; i < an->diags.count; i++) {
        tool_diag *d = &an->diags.items[i];
        if (ic->in->db && strcmp(d->tag, "lifeline-store") == 0) {
            if (!ic->store_failed) {
                snprintf(ic->err, ic->errlen, "%s", d->message ? d->message : "cannot read summaries");
                store_failed(ic);
            }
            free(d->tag);
            free(d->file);
            free(d->message);
            continue;
        }
        an->diags.items[kept++] = *d;
    }
    an->diags.count = kept;
}

/* What callers can see of a summary, hashed: its JSON without the line of the definition and the lines where
 * parameters escape, which only --explain-escapes prints (and it never reuses TUs). A line inserted above a function
 * then does not send every caller of the function to be analysed again; the lines that do reach callers' messages
 * (where a session is used, where a call blocks) stay in. */
static void summary_dep_hash(const char *json, char out[FINGERPRINT_HEX_LEN + 1]) {
    json_t *root = json ? json_loads(json, 0, NULL) : NULL;
    char *text = NULL;
    if (json_is_object(root)) {
        json_object_del(root, "line");
        size_t i;
        json_t *param;
        json_array_foreach(json_object_get(root, "params"), i, param) {
            if (json_is_object(param)) json_object_del(param, "line");
        }
        text = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
    }
    if (text)
        content_hash(out, text, strlen(text));
    else
        content_hash(out, json ? json : "", json ? strlen(json) : 0);
    free(text);
    json_decref(root);
}

static int collect_summary_hash(void *ctx, const char *usr, const char *name, const char *file, const char *json) {
    (void)name, (void)file;
    incr *ic = ctx;
    char h[FINGERPRINT_HEX_LEN + 1];
    summary_dep_hash(json, h);
    strmap_put(&ic->summaries, arena_strdup(&ic->keys, usr), arena_strdup(&ic->keys, h));
    return 0;
}

static const char *summary_hash(const incr *ic, const char *usr) {
    const char *h = strmap_get(&ic->summaries, usr);
    return h ? h : "";
}

/* Are a TU's dependencies what the store and the run's globals say now? Globals are checked only when `facts` is
 * given (it covers every TU of the run only once nothing is pending). */
static bool deps_hold(const incr *ic, const job_state *js, const strmap *facts) {
    for (size_t i = 0; i < js->deps.count; i++) {
        const dep *d = &js->deps.items[i];
        if (strcmp(d->kind, "calls") == 0) {
            if (strcmp(summary_hash(ic, d->key), d->value) != 0) return false;
        } else if (strcmp(d->kind, "defines") == 0) {
            /* Present, not equal: two TUs defining one USR (a `main` per program, a file built twice) each store
             * their own, the last one wins, and requiring equality would have them invalidate each other forever.
             * The callers see whichever is stored, through their "calls" dependency. */
            if (!strmap_has(&ic->summaries, d->key)) return false;
        } else if (facts && strcmp(d->kind, "reads-global") == 0) {
            char now[32];
            fact_text(facts, d->key, now);
            if (strcmp(now, d->value) != 0) return false;
        }
    }
    return true;
}

/* The run's globals from every TU not in the current batch (their recorded writes and initialisers) and, when an is
 * given, from the batch's modules. */
static void run_facts(const incr *ic, const analysis *an, strmap *facts, arena *a) {
    for (size_t j = 0; j < ic->n; j++) {
        const job_state *js = &ic->js[j];
        if (js->in_batch || js->phase == JOB_PENDING) continue;
        for (size_t i = 0; i < js->deps.count; i++)
            if (strcmp(js->deps.items[i].kind, "sets-global") == 0)
                fact_fold_text(facts, a, js->deps.items[i].key, js->deps.items[i].value);
    }
    if (!an) return;
    for (size_t t = 0; t < an->ntus; t++) {
        const ir_module *m = an->tus[t].fe.module;
        if (!m) continue;
        for (uint32_t g = 0; g < m->nglobals; g++) {
            const ir_global *gl = &m->globals[g];
            if (gl->usr && gl->usr[0])
                fact_fold(facts, a, gl->usr, gl->written && !gl->is_const, gl->has_int_init, gl->init);
        }
    }
}

/* The files of a reused row must read the same now. */
typedef struct files_check {
    incr *ic;
    bool same;
    size_t count;
} files_check;

static int check_file(void *ctx, const char *path, const char *hash) {
    files_check *fc = ctx;
    fc->count++;
    source_file *sf = source_cache_get(&fc->ic->disk, path);
    if (!hash || !hash[0] || !sf->data || strcmp(sf->hash, hash) != 0) {
        fc->same = false;
        return 1;
    }
    return 0;
}

/* ---- one batch ------------------------------------------------------------------------------------------------ */

static bool is_frontend_tag(const char *tag) {
    return strcmp(tag, TAG_PARSE_ERROR) == 0 || strcmp(tag, TAG_TU_FAILED) == 0 || strcmp(tag, TAG_SKIPPED) == 0;
}

static bool tu_read_file(const analysis_tu *tu, const char *path) {
    if (!path) return false;
    if (strcmp(tu->job->file, path) == 0) return true;
    for (size_t i = 0; i < tu->fe.nincluded; i++)
        if (strcmp(tu->fe.included[i], path) == 0) return true;
    return false;
}

/* Could TU t have said d? (by_file: only if it read d's file) */
static bool may_own(const analysis_tu *tu, const tool_diag *d, bool by_file) {
    switch (tu->fe.status) {
    case TU_OK:
        return false;
    case TU_SKIPPED:
        return strcmp(d->tag, TAG_SKIPPED) == 0;
    case TU_FAILED:
        return strcmp(d->tag, TAG_SKIPPED) != 0 &&
               (!by_file || strcmp(d->tag, TAG_PARSE_ERROR) == 0 || (d->file && strcmp(d->file, tu->job->file) == 0));
    case TU_PARSE_ERRORS:
        return strcmp(d->tag, TAG_PARSE_ERROR) == 0 && (!by_file || tu_read_file(tu, d->file));
    }
    return false;
}

static size_t tu_of_module(const analysis *an, const ir_module *m) {
    for (size_t t = 0; t < an->ntus; t++)
        if (an->tus[t].fe.module == m) return t;
    return an->ntus;
}

static int cmp_diag_loc(const void *a, const void *b) {
    const tool_diag *x = a, *y = b;
    int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return strcmp(x->message ? x->message : "", y->message ? y->message : "");
}

/* analysis_run gives one list of diagnostics: every TU's front-end notes in TU order, then the budget notes, then the
 * run's own. Each TU's share is stored with it (to be replayed when it is reused), so it is taken apart here: a
 * front-end note goes to the next TU, in order, that could have said it (a parse error in a file it read), a budget
 * note to the TU of its function. NOLINT notes are dropped: they are made again over all findings at the end. */
static void split_diags(incr *ic, analysis *an, tool_diag_list *per_tu) {
    size_t cur = 0;
    size_t *budget_owner = xcalloc(an->diags.count + 1, sizeof *budget_owner);
    for (size_t i = 0; i < an->diags.count; i++) {
        tool_diag *d = &an->diags.items[i];
        size_t owner = an->ntus;
        budget_owner[i] = an->ntus;
        if (is_frontend_tag(d->tag)) {
            for (size_t k = cur; k < an->ntus && owner == an->ntus; k++)
                if (may_own(&an->tus[k], d, true)) owner = k;
            for (size_t k = cur; k < an->ntus && owner == an->ntus; k++)
                if (may_own(&an->tus[k], d, false)) owner = k;
            if (owner < an->ntus) {
                cur = owner;
                if (strcmp(d->tag, TAG_PARSE_ERROR) != 0) cur++; /* a failure or a skip is a TU's last word */
                tool_diag_add(&per_tu[owner], d->tag, d->level, d->file, d->line, d->col, d->message);
                continue;
            }
        } else if (strcmp(d->tag, TAG_BUDGET) == 0) {
            for (uint32_t f = 0; f < an->prog.nfns && owner == an->ntus; f++) {
                const ir_function *fn = an->prog.fns[f].fn;
                if (fn->loc.file && d->file && strcmp(fn->loc.file, d->file) == 0 && fn->loc.line == d->line &&
                    fn->loc.col == d->col)
                    owner = tu_of_module(an, an->prog.fns[f].module);
            }
            budget_owner[i] = owner;
            if (owner < an->ntus) continue;
        } else if (strcmp(d->tag, NOLINT_TAG) == 0) {
            continue;
        }
        bool seen = false; /* the run's own notes, once even when every batch says them */
        for (size_t k = 0; k < ic->run_diags.count && !seen; k++)
            seen = strcmp(ic->run_diags.items[k].tag, d->tag) == 0 &&
                   strcmp(ic->run_diags.items[k].message ? ic->run_diags.items[k].message : "",
                          d->message ? d->message : "") == 0;
        if (!seen) tool_diag_add(&ic->run_diags, d->tag, d->level, d->file, d->line, d->col, d->message);
    }
    /* Budget notes after the TU's front-end notes, in source order (the analysis order depends on the batch). */
    for (size_t t = 0; t < an->ntus; t++) {
        size_t first = per_tu[t].count;
        for (size_t i = 0; i < an->diags.count; i++)
            if (budget_owner[i] == t) {
                const tool_diag *d = &an->diags.items[i];
                tool_diag_add(&per_tu[t], d->tag, d->level, d->file, d->line, d->col, d->message);
            }
        if (per_tu[t].count > first + 1)
            qsort(per_tu[t].items + first, per_tu[t].count - first, sizeof *per_tu[t].items, cmp_diag_loc);
    }
    free(budget_owner);
}

static void add_call_deps(const ir_function *f, const strmap *defined, strmap *calls, arena *a) {
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const ir_block *blk = &f->blocks[b];
        for (uint32_t e = 0; e < blk->nevents; e++) {
            const ir_event *ev = &blk->events[e];
            const char *usr = NULL;
            if (ev->kind == EV_ASSIGN && ev->u.assign.src.kind == OPND_FUNC) usr = ev->u.assign.src.usr;
            if (usr && usr[0] && !strmap_has(defined, usr) && !strmap_has(calls, usr))
                strmap_put(calls, arena_strdup(a, usr), NULL);
            if (ev->kind != EV_CALL) continue;
            const ir_call *call = &ev->u.call;
            for (uint32_t i = 0; i <= call->nargs; i++) {
                usr = i == call->nargs ? call->callee_usr : call->args[i].kind == OPND_FUNC ? call->args[i].usr : NULL;
                if (usr && usr[0] && !strmap_has(defined, usr) && !strmap_has(calls, usr))
                    strmap_put(calls, arena_strdup(a, usr), NULL);
            }
        }
    }
}

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of a strmap, sorted (so what is stored does not depend on hash order). */
static const char **sorted_keys(const strmap *m, size_t *n) {
    const char **keys = xmalloc((m->count + 1) * sizeof *keys);
    *n = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) keys[(*n)++] = m->slots[i].key;
    qsort(keys, *n, sizeof *keys, cmp_cstr);
    return keys;
}

/* A batch TU's dependencies with the values of this moment: summaries as the store will hold them once the batch is
 * stored, globals as the whole run knows them. */
static void tu_deps(const incr *ic, const analysis_tu *tu, const strmap *facts, dep_list *out) {
    dep_list_free(out);
    const ir_module *m = tu->fe.module;
    if (!m) return;
    arena a;
    arena_init(&a);
    strmap defined, calls;
    strmap_init(&defined);
    strmap_init(&calls);
    for (uint32_t i = 0; i < m->nfunctions; i++)
        if (m->functions[i]->usr && m->functions[i]->usr[0]) strmap_put(&defined, m->functions[i]->usr, NULL);
    for (uint32_t i = 0; i < m->nfunctions; i++)
        add_call_deps(m->functions[i], &defined, &calls, &a);
    size_t n;
    const char **keys = sorted_keys(&calls, &n);
    for (size_t i = 0; i < n; i++)
        dep_add(out, "calls", keys[i], summary_hash(ic, keys[i]));
    free(keys);
    keys = sorted_keys(&defined, &n);
    for (size_t i = 0; i < n; i++)
        dep_add(out, "defines", keys[i], summary_hash(ic, keys[i]));
    free(keys);
    strmap reads, sets;
    strmap_init(&reads);
    strmap_init(&sets);
    for (uint32_t g = 0; g < m->nglobals; g++) {
        const ir_global *gl = &m->globals[g];
        if (!gl->usr || !gl->usr[0]) continue;
        strmap_put(&reads, gl->usr, NULL);
        bool written = gl->written && !gl->is_const;
        if (!written && !gl->has_int_init) continue;
        /* two entries for one USR in a module (cannot happen; be safe): fold them */
        global_fact *f = strmap_get(&sets, gl->usr);
        if (!f) {
            f = arena_alloc(&a, sizeof *f);
            memset(f, 0, sizeof *f);
            strmap_put(&sets, gl->usr, f);
        }
        f->written |= written;
        if (gl->has_int_init) f->has_init = true, f->init = gl->init;
    }
    keys = sorted_keys(&reads, &n);
    for (size_t i = 0; i < n; i++) {
        char v[32];
        fact_text(facts, keys[i], v);
        dep_add(out, "reads-global", keys[i], v);
    }
    free(keys);
    keys = sorted_keys(&sets, &n);
    for (size_t i = 0; i < n; i++) {
        const global_fact *f = strmap_get(&sets, keys[i]);
        char v[40];
        snprintf(v, sizeof v, "%s", f->written ? "w" : "");
        if (f->has_init) snprintf(v + strlen(v), sizeof v - strlen(v), "=%" PRId64, f->init);
        dep_add(out, "sets-global", keys[i], v);
    }
    free(keys);
    strmap_free(&reads);
    strmap_free(&sets);
    strmap_free(&defined);
    strmap_free(&calls);
    arena_free(&a);
}

/* After a partial program's analysis: did every global its TUs name have the value the whole run gives it? A global
 * initialised in a reused TU and never written is a constant in a cold run but unknown here; one written only in a
 * reused TU looks constant here. Then the TUs that write or initialise it join the batch (returns true: analyse
 * again). */
static bool pull_in_global_contributors(incr *ic, const analysis *an) {
    arena a;
    arena_init(&a);
    strmap facts;
    strmap_init(&facts);
    run_facts(ic, an, &facts, &a);
    bool grew = false;
    for (size_t t = 0; t < an->ntus; t++) {
        const ir_module *m = an->tus[t].fe.module;
        if (!m) continue;
        for (uint32_t g = 0; g < m->nglobals; g++) {
            const ir_global *gl = &m->globals[g];
            if (!gl->usr || !gl->usr[0]) continue;
            char whole[32], seen[32] = "";
            fact_text(&facts, gl->usr, whole);
            const int64_t *box = strmap_get(&an->prog.global_consts, gl->usr);
            if (box) snprintf(seen, sizeof seen, "=%" PRId64, *box);
            if (strcmp(whole, seen) == 0) continue;
            for (size_t j = 0; j < ic->n; j++) {
                job_state *js = &ic->js[j];
                if (js->in_batch) continue;
                for (size_t i = 0; i < js->deps.count; i++)
                    if (strcmp(js->deps.items[i].kind, "sets-global") == 0 &&
                        strcmp(js->deps.items[i].key, gl->usr) == 0) {
                        js->in_batch = true;
                        grew = true;
                        break;
                    }
            }
        }
    }
    strmap_free(&facts);
    arena_free(&a);
    return grew;
}

static void result_clear(incremental_tu *r) {
    finding_list_free(&r->findings);
    tool_diag_list_free(&r->notes);
}

/* Records one analysed TU in its own transaction. */
static int store_batch_tu(incr *ic, analysis *an, size_t t, job_state *js, char **jsons, const tool_diag_list *notes) {
    const analysis_tu *ti = &an->tus[t];
    store_file *files = xcalloc(ti->fe.nincluded + 1, sizeof *files);
    size_t nfiles = 0;
    for (size_t i = 0; i < ti->fe.nincluded; i++) {
        source_file *cf = source_cache_get(&an->sources, ti->fe.included[i]);
        files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
    }
    if (!ti->fe.nincluded) {
        source_file *cf = source_cache_get(&an->sources, ti->job->file);
        files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
    }
    store_summary *sums = xcalloc(an->prog.nfns + 1, sizeof *sums);
    size_t nsums = 0;
    if (ti->fe.module)
        for (uint32_t i = 0; i < an->prog.nfns; i++) {
            const program_fn *pf = &an->prog.fns[i];
            if (pf->module != ti->fe.module || !jsons[i]) continue;
            sums[nsums++] = (store_summary){pf->fn->usr, pf->fn->name, pf->fn->loc.file, jsons[i]};
        }
    store_dep *deps = xcalloc(js->deps.count + 1, sizeof *deps);
    for (size_t i = 0; i < js->deps.count; i++)
        deps[i] = (store_dep){js->deps.items[i].kind, js->deps.items[i].key, js->deps.items[i].value};
    const char *message = NULL;
    for (size_t i = 0; i < notes->count; i++)
        if (strcmp(notes->items[i].tag, TAG_PARSE_ERROR) != 0 && strcmp(notes->items[i].tag, TAG_BUDGET) != 0)
            message = notes->items[i].message;
    store_tu rec = {.main_file = ti->job->file,
                    .directory = ti->job->directory,
                    .args_hash = js->args_hash,
                    .status = tu_status_name(ti->fe.status),
                    .message = message,
                    .files = files,
                    .nfiles = nfiles,
                    .findings = &ti->findings,
                    .summaries = sums,
                    .nsummaries = nsums,
                    .inputs_hash = js->inputs_hash,
                    .deps = deps,
                    .ndeps = js->deps.count,
                    .notes = notes,
                    .replaces = js->stored_row};
    int64_t id = store_insert_tu(ic->in->db, ic->in->run, &rec, ic->err, ic->errlen);
    free(deps);
    free(sums);
    free(files);
    if (id < 0) return -1;
    js->stored_row = id;
    return 0;
}

/* Analyses the jobs marked in_batch as one program, stores them, and moves their results into out. */
static int run_batch(incr *ic) {
    const incremental_input *in = ic->in;
    compile_jobs batch = {0};
    size_t *index = NULL;
    analysis an;
    bool have_an = false;
    for (;;) {
        free(batch.items);
        free(index);
        batch = (compile_jobs){0};
        batch.items = xcalloc(ic->n + 1, sizeof *batch.items);
        index = xcalloc(ic->n + 1, sizeof *index);
        for (size_t j = 0; j < ic->n; j++)
            if (ic->js[j].in_batch) {
                index[batch.count] = j;
                batch.items[batch.count++] = *ic->js[j].job; /* shallow: the strings stay the caller's */
            }
        batch.cap = batch.count;
        analysis_input ai = in->base;
        ai.jobs = &batch;
        ai.db = in->db;
        analysis_run(&an, &ai);
        have_an = true;
        ic->out->batches++;
        take_store_warnings(ic, &an);
        if (!caching(ic) || !pull_in_global_contributors(ic, &an)) break;
        analysis_free(&an);
        have_an = false;
    }

    int rc = 0;
    if (report_filter(&an, in->ro, ic->err, ic->errlen) != 0) rc = -1;

    /* Summaries as the store will hold them once the batch is in: the last TU to write a USR wins, as in SQL. */
    char **jsons = xcalloc(an.prog.nfns + 1, sizeof *jsons);
    for (size_t t = 0; t < an.ntus && rc == 0 && storing(ic); t++)
        for (uint32_t i = 0; i < an.prog.nfns; i++) {
            const program_fn *pf = &an.prog.fns[i];
            if (pf->module != an.tus[t].fe.module || !an.tus[t].fe.module || !pf->summary) continue;
            jsons[i] = summary_to_json(pf->summary);
            char h[FINGERPRINT_HEX_LEN + 1];
            summary_dep_hash(jsons[i], h);
            strmap_put(&ic->summaries, arena_strdup(&ic->keys, pf->fn->usr), arena_strdup(&ic->keys, h));
        }

    arena fa;
    arena_init(&fa);
    strmap facts;
    strmap_init(&facts);
    run_facts(ic, &an, &facts, &fa);
    tool_diag_list *per_tu = xcalloc(an.ntus + 1, sizeof *per_tu);
    split_diags(ic, &an, per_tu);
    for (size_t t = 0; t < an.ntus && rc == 0; t++) {
        job_state *js = &ic->js[index[t]];
        incremental_tu *r = &ic->out->tus[index[t]];
        if (storing(ic)) {
            tu_deps(ic, &an.tus[t], &facts, &js->deps);
            if (store_batch_tu(ic, &an, t, js, jsons, &per_tu[t]) != 0) store_failed(ic);
        }
        if (!js->ever_analysed) ic->out->analysed++;
        if (!js->ever_analysed && js->candidate) ic->out->dependents++;
        js->ever_analysed = true;
        js->phase = JOB_ANALYSED;
        js->in_batch = false;
        result_clear(r);
        r->status = an.tus[t].fe.status;
        r->reused = false;
        finding_list_take(&r->findings, &an.tus[t].findings);
        tool_diag_list_take(&r->notes, &per_tu[t]);
    }
    for (size_t t = 0; t < an.ntus + 1; t++)
        tool_diag_list_free(&per_tu[t]);
    free(per_tu);
    strmap_free(&facts);
    arena_free(&fa);
    for (uint32_t i = 0; i < an.prog.nfns; i++)
        free(jsons[i]);
    free(jsons);
    if (in->keep_analysis && rc == 0) {
        ic->out->last = an;
        ic->out->have_last = true;
    } else if (have_an) {
        analysis_free(&an);
    }
    free(batch.items);
    free(index);
    return rc;
}

/* ---- the run ------------------------------------------------------------------------------------------------- */

/* Which jobs can reuse a row: same arguments and inputs, every file as it was, the summaries it used and made still
 * stored. */
static int find_candidates(incr *ic) {
    const incremental_input *in = ic->in;
    for (size_t j = 0; j < ic->n; j++) {
        job_state *js = &ic->js[j];
        if (!in->use_cache || !js->inputs_hash) continue;
        int64_t row = store_cache_candidate(in->db, js->job->file, js->args_hash, js->inputs_hash, ic->err, ic->errlen);
        if (row < 0) return -1;
        if (row == 0) continue;
        files_check fc = {.ic = ic, .same = true};
        if (store_each_tu_file(in->db, row, check_file, &fc, ic->err, ic->errlen) != 0) return -1;
        if (!fc.same || fc.count == 0) continue;
        if (store_each_tu_dep(in->db, row, collect_dep, &js->deps, ic->err, ic->errlen) != 0) return -1;
        js->candidate = true;
        js->reused_row = row;
    }
    return 0;
}

/* Copies the reused rows into the run and loads what they found. */
static int copy_reused(incr *ic) {
    const incremental_input *in = ic->in;
    for (size_t j = 0; j < ic->n; j++) {
        job_state *js = &ic->js[j];
        if (js->phase != JOB_REUSED) continue;
        incremental_tu *r = &ic->out->tus[j];
        result_clear(r);
        if (store_load_tu_findings(in->db, js->reused_row, &r->findings, ic->err, ic->errlen) != 0 ||
            store_load_tu_notes(in->db, js->reused_row, &r->notes, ic->err, ic->errlen) != 0)
            return -1;
        /* The row's status is ok or parse-errors (only those are candidates); its notes tell which. */
        r->status = TU_OK;
        for (size_t i = 0; i < r->notes.count; i++)
            if (strcmp(r->notes.items[i].tag, TAG_PARSE_ERROR) == 0) r->status = TU_PARSE_ERRORS;
        r->reused = true;
        if (store_copy_tu(in->db, js->reused_row, in->run, ic->err, ic->errlen) < 0) return -1;
        ic->out->reused++;
    }
    return 0;
}

/* Every TU's notes in job order (front end first, then budget notes), the run's own, then the NOLINT problems of the
 * files with findings, scanned in the order a single analysis meets them. */
static void assemble_diags(incr *ic) {
    incremental_result *out = ic->out;
    for (int pass = 0; pass < 2; pass++)
        for (size_t j = 0; j < out->ntus; j++)
            for (size_t i = 0; i < out->tus[j].notes.count; i++) {
                const tool_diag *d = &out->tus[j].notes.items[i];
                if ((strcmp(d->tag, TAG_BUDGET) == 0) == (pass == 1))
                    tool_diag_add(&out->diags, d->tag, d->level, d->file, d->line, d->col, d->message);
            }
    tool_diag_list_take(&out->diags, &ic->run_diags);
    strmap scanned;
    strmap_init(&scanned);
    arena a;
    arena_init(&a);
    for (size_t j = 0; j < out->ntus; j++)
        for (size_t k = 0; k < out->tus[j].findings.count; k++) {
            const char *path = out->tus[j].findings.items[k].file;
            if (!path || strmap_has(&scanned, path)) continue;
            strmap_put(&scanned, arena_strdup(&a, path), NULL);
            source_file *sf = source_cache_get(&ic->disk, path);
            nolint_free(nolint_scan(path, sf->data ? sf->data : "", sf->data ? sf->len : 0, &out->diags));
        }
    strmap_free(&scanned);
    arena_free(&a);
}

int incremental_check(const incremental_input *in, incremental_result *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    incr ic = {.in = in, .out = out, .n = in->jobs->count, .err = err, .errlen = errlen};
    incremental_input adjusted;
    if (!in->db || in->keep_analysis) {
        adjusted = *in;
        adjusted.use_cache = false;
        ic.in = in = &adjusted;
    }
    out->ntus = ic.n;
    out->tus = xcalloc(ic.n + 1, sizeof *out->tus);
    ic.js = xcalloc(ic.n + 1, sizeof *ic.js);
    arena_init(&ic.keys);
    strmap_init(&ic.summaries);
    source_cache_init(&ic.disk);
    for (size_t j = 0; j < ic.n; j++) {
        ic.js[j].job = &in->jobs->items[j];
        out->tus[j].job = &in->jobs->items[j];
        incremental_args_hash(ic.js[j].args_hash, ic.js[j].job);
        ic.js[j].inputs_hash = in->inputs_hashes ? in->inputs_hashes[j] : NULL;
    }

    int rc = 0;
    if (in->use_cache &&
        (store_each_summary(in->db, collect_summary_hash, &ic, err, errlen) != 0 || find_candidates(&ic) != 0)) {
        store_failed(&ic);
        for (size_t j = 0; j < ic.n; j++)
            ic.js[j].candidate = false;
    }
    /* First batch: every job without a usable row, and those whose functions' or callees' summaries changed. */
    for (size_t j = 0; j < ic.n && rc == 0; j++) {
        job_state *js = &ic.js[j];
        if (js->candidate && deps_hold(&ic, js, NULL))
            js->phase = JOB_REUSED;
        else
            js->in_batch = true;
    }
    size_t batches = 0, parsed = 0, last_size = 0;
    bool everything = false;
    while (rc == 0) {
        size_t size = 0;
        for (size_t j = 0; j < ic.n; j++)
            size += ic.js[j].in_batch;
        if (size) {
            rc = run_batch(&ic);
            batches++;
            parsed += size;
            last_size = size;
            if (rc != 0 || !caching(&ic) || everything) break;
        }
        /* Everything is reused or analysed now: check each TU against the summaries stored and the run's globals. */
        arena a;
        arena_init(&a);
        strmap facts;
        strmap_init(&facts);
        run_facts(&ic, NULL, &facts, &a);
        size_t next = 0;
        for (size_t j = 0; j < ic.n; j++)
            if (!deps_hold(&ic, &ic.js[j], &facts)) {
                ic.js[j].in_batch = true;
                next++;
            }
        strmap_free(&facts);
        arena_free(&a);
        if (!next) break;
        if (batches >= MAX_BATCHES || parsed + next >= ic.n) {
            everything = true;
            for (size_t j = 0; j < ic.n; j++)
                ic.js[j].in_batch = true;
        }
    }
    if (rc == 0 && caching(&ic) && copy_reused(&ic) != 0) store_failed(&ic);
    /* After a store failure, the results are complete only if the last batch analysed every TU: before it, the cache
     * was read from a database that then failed, and rows and summaries of the TUs of earlier batches may be missing
     * from it. Everything is analysed again, as with --no-cache, and nothing stored. */
    if (rc == 0 && ic.store_failed && last_size < ic.n) {
        for (size_t j = 0; j < ic.n; j++)
            ic.js[j].in_batch = true;
        rc = run_batch(&ic);
        out->reused = 0;
    }
    for (size_t j = 0; j < ic.n; j++)
        if (out->tus[j].status == TU_FAILED && !out->tus[j].reused && ic.js[j].phase == JOB_ANALYSED) out->failed_tus++;
    assemble_diags(&ic);

    for (size_t j = 0; j < ic.n; j++)
        dep_list_free(&ic.js[j].deps);
    free(ic.js);
    strmap_free(&ic.summaries);
    arena_free(&ic.keys);
    source_cache_free(&ic.disk);
    tool_diag_list_free(&ic.run_diags);
    return rc;
}

void incremental_result_free(incremental_result *r) {
    for (size_t j = 0; j < r->ntus; j++)
        result_clear(&r->tus[j]);
    free(r->tus);
    tool_diag_list_free(&r->diags);
    if (r->have_last) analysis_free(&r->last);
    memset(r, 0, sizeof *r);
}
