/* lsp_server.c — see lsp_server.h.
 *
 * Documents are kept in full (textDocumentSync Full), analysed with the editor's text standing in for the file on
 * disk, and their findings published with positions converted from libclang's byte columns to the negotiated
 * position encoding (UTF-16 unless the client offers UTF-8). */
#include "lsp_server.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis.h"
#include "lsp_compdb.h"
#include "lsp_text.h"
#include "report.h"
#include "rules.h"
#include "xalloc.h"

enum { DEFAULT_DEBOUNCE_MS = 300 };

typedef struct lsp_doc {
    char *uri;  /* exactly as the client sent it: publishDiagnostics echoes it */
    char *path; /* NULL for URIs that are not file: */
    char *text; /* NUL-terminated */
    size_t len;
    json_t *version; /* the client's version (integer), NULL when unknown */
    bool analysable; /* a .c file */
    bool pending;
    int64_t due_ms;
    char *last_note;         /* the compile-command note last logged for it */
    char *last_config_error; /* the config error last logged for it */
    char *last_db_error;     /* why the project's database could not be opened, last logged */
} lsp_doc;

struct lsp_server {
    lsp_server_options opt;
    lsp_doc **docs;
    size_t ndocs;
    lsp_compdb_cache *compdb;
    lsp_encoding enc;
    bool initialized, shutdown, exited;
};

/* ---- messages --------------------------------------------------------------------------------------------------- */

static void set_new(json_t *obj, const char *key, json_t *value) {
    if (!value || json_object_set_new(obj, key, value) != 0) xalloc_die();
}

static json_t *new_object(void) {
    json_t *o = json_object();
    if (!o) xalloc_die();
    return o;
}

static json_t *new_array(void) {
    json_t *a = json_array();
    if (!a) xalloc_die();
    return a;
}

static void append_new(json_t *arr, json_t *value) {
    if (!value || json_array_append_new(arr, value) != 0) xalloc_die();
}

static void send_msg(lsp_server *s, json_t *msg) {
    set_new(msg, "jsonrpc", json_string("2.0"));
    s->opt.send(s->opt.send_ctx, msg);
    json_decref(msg);
}

static void send_result(lsp_server *s, json_t *id, json_t *result) {
    json_t *m = new_object();
    set_new(m, "id", json_incref(id));
    set_new(m, "result", result ? result : json_null());
    send_msg(s, m);
}

static void send_error(lsp_server *s, json_t *id, int code, const char *fmt, ...) {
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    json_t *err = new_object();
    set_new(err, "code", json_integer(code));
    set_new(err, "message", lsp_json_str(text));
    json_t *m = new_object();
    set_new(m, "id", id ? json_incref(id) : json_null());
    set_new(m, "error", err);
    send_msg(s, m);
}

static void send_notification(lsp_server *s, const char *method, json_t *params) {
    json_t *m = new_object();
    set_new(m, "method", json_string(method));
    set_new(m, "params", params);
    send_msg(s, m);
}

static void log_message(lsp_server *s, int type, const char *fmt, ...) {
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!s->initialized) { /* nothing may be sent before initialize */
        fprintf(stderr, "lifeline lsp: %s\n", text);
        return;
    }
    json_t *p = new_object();
    set_new(p, "type", json_integer(type));
    set_new(p, "message", lsp_json_str(text));
    send_notification(s, "window/logMessage", p);
}

/* ---- documents -------------------------------------------------------------------------------------------------- */

static lsp_doc *doc_find(lsp_server *s, const char *uri, size_t *index) {
    for (size_t i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0) {
            if (index) *index = i;
            return s->docs[i];
        }
    return NULL;
}

static void doc_free(lsp_doc *d) {
    free(d->uri);
    free(d->path);
    free(d->text);
    json_decref(d->version);
    free(d->last_note);
    free(d->last_config_error);
    free(d->last_db_error);
    free(d);
}

static void doc_set_text(lsp_doc *d, const char *text, size_t len) {
    char *t = xmalloc(len + 1);
    memcpy(t, text, len);
    t[len] = '\0';
    free(d->text);
    d->text = t;
    d->len = len;
}

static void doc_set_version(lsp_doc *d, json_t *version) {
    json_decref(d->version);
    d->version = json_is_integer(version) ? json_incref(version) : NULL;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void schedule(lsp_doc *d, int64_t due_ms) {
    if (!d->analysable) return;
    d->pending = true;
    d->due_ms = due_ms;
}

/* ---- publishing ------------------------------------------------------------------------------------------------- */

static json_t *position(unsigned line0, unsigned ch) {
    json_t *p = new_object();
    set_new(p, "line", json_integer(line0));
    set_new(p, "character", json_integer(ch));
    return p;
}

static json_t *range_json(unsigned l0, unsigned c0, unsigned l1, unsigned c1) {
    if (l1 < l0 || (l1 == l0 && c1 < c0)) l1 = l0, c1 = c0;
    json_t *r = new_object();
    set_new(r, "start", position(l0, c0));
    set_new(r, "end", position(l1, c1));
    return r;
}

/* Line (1-based) and byte column (1-based) in a text -> LSP line and character. */
static void convert(const lsp_lines *ln, unsigned line1, unsigned col1, lsp_encoding enc, unsigned *l0, unsigned *c0) {
    *l0 = line1 ? line1 - 1 : 0;
    size_t len;
    const char *line = lsp_line_at(ln, *l0, &len);
    *c0 = lsp_char_from_byte_col(line, len, col1, enc);
}

static json_t *range_from(const lsp_lines *ln, lsp_encoding enc, unsigned line, unsigned col, unsigned end_line,
                          unsigned end_col) {
    unsigned l0, c0, l1, c1;
    convert(ln, line, col, enc, &l0, &c0);
    if (end_line)
        convert(ln, end_line, end_col, enc, &l1, &c1);
    else
        l1 = l0, c1 = c0;
    return range_json(l0, c0, l1, c1);
}

/* Is a path libclang reported the document itself? It may name the file as the editor does, as the compile command
 * does, or resolved through symbolic links. */
typedef struct doc_paths {
    const char *path, *job_file;
    char real[PATH_MAX];
    bool has_real;
} doc_paths;

static void doc_paths_init(doc_paths *dp, const char *path, const char *job_file) {
    dp->path = path;
    dp->job_file = job_file;
    dp->has_real = realpath(path, dp->real) != NULL;
}

static bool is_doc(const doc_paths *dp, const char *file) {
    return file && (strcmp(file, dp->path) == 0 || strcmp(file, dp->job_file) == 0 ||
                    (dp->has_real && strcmp(file, dp->real) == 0));
}

static void publish(lsp_server *s, const char *uri, json_t *version, json_t *diagnostics) {
    json_t *p = new_object();
    set_new(p, "uri", lsp_json_str(uri));
    if (version) set_new(p, "version", json_incref(version));
    set_new(p, "diagnostics", diagnostics);
    send_notification(s, "textDocument/publishDiagnostics", p);
}

static int lsp_severity(severity level) {
    return level == SEV_ERROR ? 1 : level == SEV_WARNING ? 2 : 3;
}

/* A step's location: in the document (its text is the editor's), or in another file (read through the analysis's
 * source cache, so columns convert with the same text libclang saw). */
static json_t *step_location(lsp_server *s, analysis *an, const lsp_doc *d, const doc_paths *dp,
                             const lsp_lines *doc_lines, const finding_step *st) {
    json_t *loc = new_object();
    if (is_doc(dp, st->file)) {
        set_new(loc, "uri", lsp_json_str(d->uri));
        set_new(loc, "range", range_from(doc_lines, s->enc, st->line, st->col, 0, 0));
        return loc;
    }
    char *uri = lsp_path_to_uri(st->file);
    if (!uri) {
        json_decref(loc);
        return NULL;
    }
    source_file *sf = source_cache_get(&an->sources, st->file);
    lsp_lines ln;
    lsp_lines_init(&ln, sf->data, sf->data ? sf->len : 0);
    set_new(loc, "uri", lsp_json_str(uri));
    set_new(loc, "range", range_from(&ln, s->enc, st->line, st->col, 0, 0));
    lsp_lines_free(&ln);
    free(uri);
    return loc;
}

static json_t *finding_diagnostic(lsp_server *s, analysis *an, const lsp_doc *d, const doc_paths *dp,
                                  const lsp_lines *ln, const finding *f) {
    json_t *dg = new_object();
    set_new(dg, "range", range_from(ln, s->enc, f->line, f->col, f->end_line, f->end_col));
    set_new(dg, "severity", json_integer(lsp_severity(f->level)));
    set_new(dg, "code", lsp_json_str(f->rule_id));
    char href[2048];
    if (rule_help_uri(f->rule_id, href, sizeof href)) {
        json_t *cd = new_object();
        set_new(cd, "href", lsp_json_str(href));
        set_new(dg, "codeDescription", cd);
    }
    set_new(dg, "source", json_string("lifeline"));
    set_new(dg, "message", lsp_json_str(f->message));
    if (f->nsteps) {
        json_t *related = new_array();
        for (size_t i = 0; i < f->nsteps; i++) {
            json_t *loc = step_location(s, an, d, dp, ln, &f->steps[i]);
            if (!loc) continue;
            json_t *ri = new_object();
            set_new(ri, "location", loc);
            set_new(ri, "message", lsp_json_str(f->steps[i].message));
            append_new(related, ri);
        }
        set_new(dg, "relatedInformation", related);
    }
    return dg;
}

/* A fact about the analysis rather than the code (lifeline-parse-error, -budget, -tu-failed...), as Information. */
static json_t *tool_diagnostic(lsp_server *s, const lsp_lines *ln, const char *tag, unsigned line, unsigned col,
                               const char *message) {
    json_t *dg = new_object();
    set_new(dg, "range", range_from(ln, s->enc, line ? line : 1, col, 0, 0));
    set_new(dg, "severity", json_integer(3));
    set_new(dg, "code", lsp_json_str(tag));
    set_new(dg, "source", json_string("lifeline"));
    set_new(dg, "message", lsp_json_str(message));
    return dg;
}

static json_t *diagnostics_of(lsp_server *s, analysis *an, const lsp_doc *d, const char *job_file, size_t *nfindings) {
    doc_paths dp;
    doc_paths_init(&dp, d->path, job_file);
    lsp_lines ln;
    lsp_lines_init(&ln, d->text, d->len);
    json_t *diags = new_array();
    *nfindings = 0;
    for (size_t t = 0; t < an->ntus; t++) {
        const finding_list *fl = &an->tus[t].findings;
        for (size_t i = 0; i < fl->count; i++) {
            const finding *f = &fl->items[i];
            if (f->suppressed || !is_doc(&dp, f->file)) continue;
            append_new(diags, finding_diagnostic(s, an, d, &dp, &ln, f));
            (*nfindings)++;
        }
    }
    /* clangd shows the parse errors themselves; lifeline says once that it analysed what clang recovered. */
    const tool_diag *first_parse_error = NULL;
    size_t nparse_errors = 0;
    for (size_t i = 0; i < an->diags.count; i++) {
        const tool_diag *td = &an->diags.items[i];
        if (strcmp(td->tag, "lifeline-parse-error") == 0 && !frontend_note_is_unparsed_function(td)) {
            if (!first_parse_error || (!is_doc(&dp, first_parse_error->file) && is_doc(&dp, td->file)))
                first_parse_error = td; /* the first one, preferably in this file */
            nparse_errors++;
        } else if (is_doc(&dp, td->file)) {
            append_new(diags, tool_diagnostic(s, &ln, td->tag, td->line, td->col, td->message));
        } else if (!td->file || !td->file[0]) { /* about the run (the database...): for the log, not the file */
            fprintf(stderr, "lifeline lsp: %s [%s]\n", td->message, td->tag);
        }
    }
    if (first_parse_error) {
        char msg[2048], where[1100] = "";
        bool here = is_doc(&dp, first_parse_error->file);
        if (!here && first_parse_error->file)
            snprintf(where, sizeof where, "%s:%u: ", first_parse_error->file, first_parse_error->line);
        snprintf(msg, sizeof msg,
                 "clang could not parse all of this file (%zu error%s, the first: %s%s); lifeline analysed what clang "
                 "recovered, so findings may be missing",
                 nparse_errors, nparse_errors == 1 ? "" : "s", where, first_parse_error->message);
        append_new(diags, tool_diagnostic(s, &ln, "lifeline-parse-error", here ? first_parse_error->line : 1,
                                          here ? first_parse_error->col : 1, msg));
    }
    lsp_lines_free(&ln);
    return diags;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Says `text` once per document (and again when it changes): the compile-command note, a broken config. */
static void log_once(lsp_server *s, char **last, int type, const char *text) {
    if (!text[0]) {
        free(*last);
        *last = NULL;
        return;
    }
    if (*last && strcmp(*last, text) == 0) return;
    log_message(s, type, "lifeline: %s", text);
    free(*last);
    *last = xstrdup(text);
}

/* Models for a document whose config names model files: built-ins + --models + the config's. false (err set, nothing
 * to free) when one of them cannot be loaded. */
static bool load_config_models(lsp_server *s, const lifeline_config *c, models *out, char *err, size_t errlen) {
    models_init(out);
    tool_diag_list warnings = {0}; /* already reported at start-up for --models; the config's are the user's own */
    int rc = models_load_builtin(out, err, errlen);
    for (size_t i = 0; rc == 0 && i < s->opt.nmodel_files; i++)
        rc = models_load_file(out, s->opt.model_files[i], &warnings, err, errlen);
    for (size_t i = 0; rc == 0 && i < config_model_count(c); i++)
        rc = models_load_file(out, config_model_at(c, i), &warnings, err, errlen);
    tool_diag_list_free(&warnings);
    if (rc != 0) models_free(out);
    return rc == 0;
}

/* The project's findings database (`lifeline check`'s default: .lifeline/lifeline.db beside compile_commands.json),
 * when it exists: its stored summaries stand in for functions defined in other files, as in `lifeline check`. Opened
 * for one analysis at a time and only read (nothing of the editor's text is stored); never created. */
static store *open_project_db(lsp_server *s, lsp_doc *d) {
    if (s->opt.no_db) return NULL;
    char *json = lsp_compdb_locate(d->path);
    if (!json) return NULL;
    *strrchr(json, '/') = '\0';
    size_t n = strlen(json) + 32;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/.lifeline/lifeline.db", json);
    free(json);
    struct stat st;
    store *db = NULL;
    char err[1024] = "";
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) db = store_open(path, err, sizeof err);
    log_once(s, &d->last_db_error, LSP_LOG_WARNING, err);
    free(path);
    return db;
}

static void analyse(lsp_server *s, lsp_doc *d) {
    double t0 = now_seconds();
    compile_jobs jobs;
    char note[4096];
    lsp_command_kind kind = lsp_compdb_command(s->compdb, d->path, &jobs, note, sizeof note);
    log_once(s, &d->last_note, kind == LSP_CMD_BROKEN ? LSP_LOG_WARNING : LSP_LOG_INFO, note);

    /* The project's config, read afresh each time so edits to it apply at once. A broken config is shown on the
     * document and the analysis goes on without it (NOLINT comments still apply). */
    config_set *configs = config_set_new(s->opt.config_path);
    report_options ro = {.configs = configs};
    const lifeline_config *config = NULL;
    char config_err[2048] = "";
    if (report_config_for(&ro, jobs.items[0].file, &config, config_err, sizeof config_err) != 0) {
        ro.configs = NULL;
        config = NULL;
    }
    models config_models;
    const models *api = s->opt.api;
    if (config && config_model_count(config)) {
        if (load_config_models(s, config, &config_models, config_err, sizeof config_err)) api = &config_models;
    }
    log_once(s, &d->last_config_error, LSP_LOG_ERROR, config_err);

    store *db = open_project_db(s, d);
    analysis an;
    analysis_input in = {.jobs = &jobs,
                         .api = api,
                         .db = db,
                         .unsaved_path = jobs.items[0].file,
                         .unsaved_text = d->text,
                         .unsaved_len = d->len};
    analysis_run(&an, &in);
    if (db) store_close(db);
    char err[2048];
    if (report_filter(&an, &ro, err, sizeof err) != 0) {
        snprintf(config_err, sizeof config_err, "%s", err);
        ro.configs = NULL;
        report_filter(&an, &ro, err, sizeof err);
    }
    size_t nfindings;
    json_t *diags = diagnostics_of(s, &an, d, jobs.items[0].file, &nfindings);
    if (config_err[0]) {
        lsp_lines ln;
        lsp_lines_init(&ln, d->text, d->len);
        json_t *dg = tool_diagnostic(s, &ln, "lifeline-config", 1, 1, config_err);
        json_object_set_new(dg, "severity", json_integer(1));
        append_new(diags, dg);
        lsp_lines_free(&ln);
    }
    publish(s, d->uri, d->version, diags);
    if (s->opt.verbose)
        fprintf(stderr, "lifeline lsp: %s: %zu finding%s in %.0f ms\n", d->path, nfindings, nfindings == 1 ? "" : "s",
                (now_seconds() - t0) * 1000.0);
    analysis_free(&an);
    if (api == &config_models) models_free(&config_models);
    config_set_free(configs);
    compile_jobs_free(&jobs);
}

/* ---- code actions ----------------------------------------------------------------------------------------------- */

/* Does context.only (absent: everything) ask for quick fixes? */
static bool wants_quickfix(json_t *only) {
    if (!json_is_array(only)) return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k) {
        const char *kind = json_string_value(k);
        if (kind && (strcmp(kind, "quickfix") == 0 || kind[0] == '\0')) return true;
    }
    return false;
}

/* The line terminator the document uses (its first one), for inserted lines. */
static const char *line_terminator(const lsp_lines *ln) {
    if (ln->count < 2) return "\n";
    size_t e = ln->ends[0];
    if (ln->text[e] == '\r') return e + 1 < ln->len && ln->text[e + 1] == '\n' ? "\r\n" : "\r";
    return "\n";
}

static size_t skip_blank(const char *s, size_t i, size_t len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* If `line` is only a `// NOLINTNEXTLINE(list)` comment: the byte offset of its ')' and the list. */
static bool nolintnextline_comment(const char *line, size_t len, size_t *close, size_t *list, size_t *list_len) {
    static const char marker[] = "NOLINTNEXTLINE(";
    size_t i = skip_blank(line, 0, len);
    if (i + 2 > len || line[i] != '/' || line[i + 1] != '/') return false;
    i = skip_blank(line, i + 2, len);
    if (len - i < sizeof marker - 1 || memcmp(line + i, marker, sizeof marker - 1) != 0) return false;
    i += sizeof marker - 1;
    const char *p = memchr(line + i, ')', len - i);
    if (!p) return false;
    size_t c = (size_t)(p - line);
    if (skip_blank(line, c + 1, len) != len) return false;
    *close = c;
    *list = i;
    *list_len = c - i;
    return true;
}

/* Does the comma-separated list name lifeline-<rule> (or <rule>)? */
static bool list_names(const char *list, size_t len, const char *rule) {
    size_t i = 0;
    while (i < len) {
        i = skip_blank(list, i, len);
        size_t e = i;
        while (e < len && list[e] != ',')
            e++;
        size_t we = e;
        while (we > i && (list[we - 1] == ' ' || list[we - 1] == '\t'))
            we--;
        const char *w = list + i;
        size_t wl = we - i;
        if (wl > 9 && memcmp(w, "lifeline-", 9) == 0) w += 9, wl -= 9;
        if (wl == strlen(rule) && memcmp(w, rule, wl) == 0) return true;
        i = e + 1;
    }
    return false;
}

static json_t *text_edit(unsigned line0, unsigned ch, const char *text) {
    json_t *e = new_object();
    set_new(e, "range", range_json(line0, ch, line0, ch));
    set_new(e, "newText", lsp_json_str(text));
    return e;
}

/* The quick fix for one diagnostic on line0: `// NOLINTNEXTLINE(lifeline-RULE)` on a new line above it with the same
 * indentation, or the rule added to a NOLINTNEXTLINE comment already there (a second comment line would make the
 * first one apply to the comment). NULL when the rule is already listed there. */
static json_t *nolint_action(lsp_server *s, const lsp_doc *d, const lsp_lines *ln, unsigned line0, const char *rule,
                             json_t *diagnostic) {
    json_t *edit = NULL;
    if (line0 > 0) {
        size_t plen, close, list, list_len;
        const char *prev = lsp_line_at(ln, line0 - 1, &plen);
        if (nolintnextline_comment(prev, plen, &close, &list, &list_len)) {
            if (list_names(prev + list, list_len, rule)) return NULL;
            char text[256];
            bool empty = skip_blank(prev, list, close) == close;
            snprintf(text, sizeof text, "%slifeline-%s", empty ? "" : ", ", rule);
            /* Insert right after the last non-blank character of the list, before ')'. */
            size_t at = close;
            while (!empty && at > list && (prev[at - 1] == ' ' || prev[at - 1] == '\t'))
                at--;
            edit = text_edit(line0 - 1, lsp_char_from_byte_col(prev, plen, (unsigned)at + 1, s->enc), text);
        }
    }
    if (!edit) {
        size_t len;
        const char *line = lsp_line_at(ln, line0, &len);
        size_t indent = skip_blank(line, 0, len);
        const char *eol = line_terminator(ln);
        size_t n = indent + strlen(rule) + 64;
        char *text = xmalloc(n);
        snprintf(text, n, "%.*s// NOLINTNEXTLINE(lifeline-%s)%s", (int)indent, line, rule, eol);
        edit = text_edit(line0, 0, text);
        free(text);
    }
    json_t *edits = new_array();
    append_new(edits, edit);
    json_t *changes = new_object();
    if (json_object_set_new(changes, d->uri, edits) != 0) {
        json_decref(changes);
        return NULL;
    }
    json_t *we = new_object();
    set_new(we, "changes", changes);
    char title[256];
    snprintf(title, sizeof title, "Suppress %s on this line (// NOLINTNEXTLINE(lifeline-%s))", rule, rule);
    json_t *action = new_object();
    set_new(action, "title", lsp_json_str(title));
    set_new(action, "kind", json_string("quickfix"));
    json_t *for_diags = new_array();
    append_new(for_diags, json_incref(diagnostic));
    set_new(action, "diagnostics", for_diags);
    set_new(action, "edit", we);
    return action;
}

static void handle_code_action(lsp_server *s, json_t *id, json_t *params) {
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    json_t *context = json_object_get(params, "context");
    json_t *diags = json_object_get(context, "diagnostics");
    if (!uri || !json_is_array(diags)) {
        send_error(s, id, LSP_INVALID_PARAMS, "textDocument/codeAction needs textDocument.uri and context.diagnostics");
        return;
    }
    json_t *actions = new_array();
    lsp_doc *d = doc_find(s, uri, NULL);
    if (!d || !wants_quickfix(json_object_get(context, "only"))) {
        send_result(s, id, actions);
        return;
    }
    lsp_lines ln;
    lsp_lines_init(&ln, d->text, d->len);
    /* One action per (line, rule): two paths to the same finding need one comment. */
    size_t ndone = 0;
    struct {
        json_int_t line;
        const char *rule;
    } done[64];
    size_t i;
    json_t *dg;
    json_array_foreach(diags, i, dg) {
        const char *source = json_string_value(json_object_get(dg, "source"));
        const char *code = json_string_value(json_object_get(dg, "code"));
        json_t *line = json_object_get(json_object_get(json_object_get(dg, "range"), "start"), "line");
        if (!source || strcmp(source, "lifeline") != 0 || !code || !json_is_integer(line)) continue;
        const rule_info *rule = rule_find(code);
        json_int_t line0 = json_integer_value(line);
        if (!rule || line0 < 0 || (size_t)line0 >= ln.count) continue;
        bool seen = false;
        for (size_t k = 0; k < ndone && !seen; k++)
            seen = done[k].line == line0 && strcmp(done[k].rule, rule->id) == 0;
        if (seen || ndone == sizeof done / sizeof done[0]) continue;
        done[ndone].line = line0;
        done[ndone++].rule = rule->id;
        json_t *action = nolint_action(s, d, &ln, (unsigned)line0, rule->id, dg);
        if (action) append_new(actions, action);
    }
    lsp_lines_free(&ln);
    send_result(s, id, actions);
}

/* ---- lifecycle and document notifications ----------------------------------------------------------------------- */

static void handle_initialize(lsp_server *s, json_t *id, json_t *params) {
    /* UTF-8 positions when the client offers them (no conversion on either side), else the default UTF-16. */
    json_t *encs =
        json_object_get(json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    s->enc = LSP_ENC_UTF16;
    size_t i;
    json_t *e;
    json_array_foreach(encs, i, e) {
        if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0) s->enc = LSP_ENC_UTF8;
    }
    json_t *sync = new_object();
    set_new(sync, "openClose", json_true());
    set_new(sync, "change", json_integer(1)); /* Full */
    json_t *save = new_object();
    set_new(save, "includeText", json_false());
    set_new(sync, "save", save);
    json_t *kinds = new_array();
    append_new(kinds, json_string("quickfix"));
    json_t *cap_action = new_object();
    set_new(cap_action, "codeActionKinds", kinds);
    json_t *caps = new_object();
    set_new(caps, "positionEncoding", json_string(s->enc == LSP_ENC_UTF8 ? "utf-8" : "utf-16"));
    set_new(caps, "textDocumentSync", sync);
    set_new(caps, "codeActionProvider", cap_action);
    json_t *info = new_object();
    set_new(info, "name", json_string("lifeline"));
    set_new(info, "version", json_string(LIFELINE_VERSION));
    json_t *result = new_object();
    set_new(result, "capabilities", caps);
    set_new(result, "serverInfo", info);
    s->initialized = true;
    send_result(s, id, result);
}

static void handle_initialized(lsp_server *s) {
    const tool_diag_list *notes = s->opt.startup_notes;
    for (size_t i = 0; notes && i < notes->count; i++) {
        const tool_diag *td = &notes->items[i];
        if (td->file)
            log_message(s, LSP_LOG_WARNING, "lifeline: %s:%u:%u: %s [%s]", td->file, td->line, td->col, td->message,
                        td->tag);
        else
            log_message(s, LSP_LOG_WARNING, "lifeline: %s [%s]", td->message, td->tag);
    }
}

static void did_open(lsp_server *s, json_t *params, int64_t now_ms) {
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text)) {
        log_message(s, LSP_LOG_ERROR, "lifeline: textDocument/didOpen without textDocument.uri and text");
        return;
    }
    lsp_doc *d = doc_find(s, uri, NULL);
    if (!d) {
        d = xcalloc(1, sizeof *d);
        d->uri = xstrdup(uri);
        d->path = lsp_uri_to_path(uri);
        d->analysable = d->path && ends_with(d->path, ".c");
        s->docs = xrealloc(s->docs, (s->ndocs + 1) * sizeof *s->docs);
        s->docs[s->ndocs++] = d;
    }
    doc_set_text(d, json_string_value(text), json_string_length(text));
    doc_set_version(d, json_object_get(td, "version"));
    schedule(d, now_ms);
}

/* Replaces the byte range [from, to) of the document's text. */
static void doc_splice(lsp_doc *d, size_t from, size_t to, const char *text, size_t len) {
    if (to < from) {
        size_t t = from;
        from = to;
        to = t;
    }
    size_t n = d->len - (to - from) + len;
    char *out = xmalloc(n + 1);
    memcpy(out, d->text, from);
    memcpy(out + from, text, len);
    memcpy(out + from + len, d->text + to, d->len - to);
    out[n] = '\0';
    free(d->text);
    d->text = out;
    d->len = n;
}

static unsigned uint_of(json_t *v) {
    json_int_t i = json_integer_value(v);
    return i < 0 ? 0 : i > UINT_MAX ? UINT_MAX : (unsigned)i;
}

static void did_change(lsp_server *s, json_t *params, int64_t now_ms) {
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *changes = json_object_get(params, "contentChanges");
    lsp_doc *d = uri ? doc_find(s, uri, NULL) : NULL;
    if (!d || !json_is_array(changes)) {
        log_message(s, LSP_LOG_ERROR, "lifeline: textDocument/didChange for a document that is not open (%s)",
                    uri ? uri : "no uri");
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        json_t *text = json_object_get(ch, "text");
        if (!json_is_string(text)) continue;
        json_t *range = json_object_get(ch, "range");
        if (!json_is_object(range)) {
            doc_set_text(d, json_string_value(text), json_string_length(text));
            continue;
        }
        /* An incremental change, though the server asked for full text: apply it anyway. */
        json_t *start = json_object_get(range, "start"), *end = json_object_get(range, "end");
        lsp_lines ln;
        lsp_lines_init(&ln, d->text, d->len);
        size_t from = lsp_offset_of(&ln, uint_of(json_object_get(start, "line")),
                                    uint_of(json_object_get(start, "character")), s->enc);
        size_t to = lsp_offset_of(&ln, uint_of(json_object_get(end, "line")),
                                  uint_of(json_object_get(end, "character")), s->enc);
        lsp_lines_free(&ln);
        doc_splice(d, from, to, json_string_value(text), json_string_length(text));
    }
    doc_set_version(d, json_object_get(td, "version"));
    schedule(d, now_ms + s->opt.debounce_ms);
}

static void did_save(lsp_server *s, json_t *params, int64_t now_ms) {
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? doc_find(s, uri, NULL) : NULL;
    if (!d) return;
    json_t *text = json_object_get(params, "text");
    if (json_is_string(text)) doc_set_text(d, json_string_value(text), json_string_length(text));
    schedule(d, now_ms); /* headers it includes may have changed on disk too */
}

static void did_close(lsp_server *s, json_t *params) {
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    if (!uri) return;
    size_t index;
    lsp_doc *d = doc_find(s, uri, &index);
    if (d) {
        doc_free(d);
        memmove(s->docs + index, s->docs + index + 1, (s->ndocs - index - 1) * sizeof *s->docs);
        s->ndocs--;
    }
    publish(s, uri, NULL, new_array());
}

/* ---- dispatch --------------------------------------------------------------------------------------------------- */

lsp_server *lsp_server_new(const lsp_server_options *opt) {
    lsp_server *s = xcalloc(1, sizeof *s);
    s->opt = *opt;
    if (s->opt.debounce_ms < 0) s->opt.debounce_ms = DEFAULT_DEBOUNCE_MS;
    s->compdb = lsp_compdb_cache_new();
    s->enc = LSP_ENC_UTF16;
    return s;
}

void lsp_server_free(lsp_server *s) {
    if (!s) return;
    for (size_t i = 0; i < s->ndocs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    lsp_compdb_cache_free(s->compdb);
    free(s);
}

void lsp_server_bad_frame(lsp_server *s, const char *why) {
    if (s->exited) return;
    fprintf(stderr, "lifeline lsp: unreadable message: %s\n", why);
    send_error(s, NULL, LSP_PARSE_ERROR, "unreadable message: %s", why);
}

static void handle_request(lsp_server *s, const char *method, json_t *id, json_t *params) {
    if (strcmp(method, "initialize") == 0) {
        if (s->initialized)
            send_error(s, id, LSP_INVALID_REQUEST, "initialize may only be sent once");
        else
            handle_initialize(s, id, params);
        return;
    }
    if (!s->initialized) {
        send_error(s, id, LSP_SERVER_NOT_INITIALIZED, "%s before initialize", method);
        return;
    }
    if (s->shutdown) {
        send_error(s, id, LSP_INVALID_REQUEST, "%s after shutdown", method);
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        s->shutdown = true;
        for (size_t i = 0; i < s->ndocs; i++)
            s->docs[i]->pending = false;
        send_result(s, id, NULL);
    } else if (strcmp(method, "textDocument/codeAction") == 0) {
        handle_code_action(s, id, params);
    } else {
        send_error(s, id, LSP_METHOD_NOT_FOUND, "method not found: %s", method);
    }
}

static void handle_notification(lsp_server *s, const char *method, json_t *params, int64_t now_ms) {
    if (strcmp(method, "exit") == 0) {
        s->exited = true;
        return;
    }
    if (!s->initialized || s->shutdown) return; /* dropped, as the protocol says */
    if (strcmp(method, "initialized") == 0)
        handle_initialized(s);
    else if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(s, params, now_ms);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(s, params, now_ms);
    else if (strcmp(method, "textDocument/didSave") == 0)
        did_save(s, params, now_ms);
    else if (strcmp(method, "textDocument/didClose") == 0)
        did_close(s, params);
    /* anything else ($/cancelRequest, $/setTrace, workspace/didChangeConfiguration...) is ignored */
}

void lsp_server_handle(lsp_server *s, const char *body, size_t len, int64_t now_ms) {
    if (s->exited) return;
    json_error_t jerr;
    json_t *msg = json_loadb(body, len, JSON_DECODE_ANY, &jerr);
    if (!msg) {
        send_error(s, NULL, LSP_PARSE_ERROR, "not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
                   jerr.column);
        return;
    }
    json_t *id = json_is_object(msg) ? json_object_get(msg, "id") : NULL;
    json_t *method = json_is_object(msg) ? json_object_get(msg, "method") : NULL;
    if (json_is_object(msg) && !method && id && (json_object_get(msg, "result") || json_object_get(msg, "error"))) {
        json_decref(msg); /* a response: this server sends no requests */
        return;
    }
    if (!json_is_object(msg) || !json_is_string(method) || (id && !json_is_integer(id) && !json_is_string(id))) {
        send_error(s, id && (json_is_integer(id) || json_is_string(id)) ? id : NULL, LSP_INVALID_REQUEST,
                   "not a JSON-RPC request or notification");
        json_decref(msg);
        return;
    }
    json_t *params = json_object_get(msg, "params");
    if (id)
        handle_request(s, json_string_value(method), id, params);
    else
        handle_notification(s, json_string_value(method), params, now_ms);
    json_decref(msg);
}

int64_t lsp_server_next_deadline(const lsp_server *s) {
    int64_t best = -1;
    if (s->exited) return -1;
    for (size_t i = 0; i < s->ndocs; i++)
        if (s->docs[i]->pending && (best < 0 || s->docs[i]->due_ms < best)) best = s->docs[i]->due_ms;
    return best;
}

bool lsp_server_run_due(lsp_server *s, int64_t now_ms) {
    if (s->exited || s->shutdown) return false;
    lsp_doc *next = NULL;
    for (size_t i = 0; i < s->ndocs; i++) {
        lsp_doc *d = s->docs[i];
        if (d->pending && d->due_ms <= now_ms && (!next || d->due_ms < next->due_ms)) next = d;
    }
    if (!next) return false;
    next->pending = false;
    analyse(s, next);
    return true;
}

bool lsp_server_exited(const lsp_server *s, int *exit_code) {
    if (s->exited && exit_code) *exit_code = s->shutdown ? 0 : 1;
    return s->exited;
}

int lsp_server_eof_exit_code(const lsp_server *s) {
    return s->shutdown ? 0 : 1;
}
