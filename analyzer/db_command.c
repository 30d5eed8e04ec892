/* db_command.c — `lifeline db runs|findings|diff|export` and `lifeline baseline save` (db_command.h): reading the
 * findings database back, through the same emitters `lifeline check` prints with. */
#include "db_command.h"

#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_merge.h"
#include "driver.h"
#include "emit.h"
#include "finding.h"
#include "lsp_text.h"
#include "rules.h"
#include "store.h"
#include "strmap.h"
#include "xalloc.h"

#ifndef LIFELINE_VERSION
#define LIFELINE_VERSION "0.0.0-dev"
#endif

static const char db_usage[] =
    "usage: lifeline db runs [--format text|json]\n"
    "       lifeline db findings [--run N] [--rule GLOB] [--file PATH] [--new] [--format text|json|sarif] [-o FILE]\n"
    "       lifeline db diff RUN_A RUN_B [--format text|json] [-o FILE]\n"
    "       lifeline db export [--format sarif|json] [--run N] [--category ID] [-o FILE]\n"
    "       lifeline db merge A.db B.db... -o OUT.db\n"
    "\n"
    "every db command but merge also takes:\n"
    "  --db PATH       the findings database\n"
    "  -p BUILD_DIR    use BUILD_DIR/.lifeline/lifeline.db (default: ./.lifeline/lifeline.db)\n"
    "\n"
    "  --run N         a run id from `lifeline db runs` (default: the latest finished run)\n"
    "  --rule GLOB     only rules matching GLOB, e.g. 'handle-*' (repeatable, or comma-separated)\n"
    "  --file PATH     only findings in PATH: a path suffix, or a file or directory relative to the current one\n"
    "                  (repeatable)\n"
    "  --new           only findings whose fingerprint is not in the previous finished full run\n"
    "\n"
    "db merge writes a new database OUT.db (it must not exist) holding the runs, TUs, files, findings and\n"
    "summaries of every input (a USR in several: the most recent run's summary), plus one run combining the\n"
    "inputs' latest runs (the shards of a CI run), which db findings and db export then show; see README\n"
    "\"Sharding\".\n";

static const char baseline_usage[] = "usage: lifeline baseline save [-o FILE] [--run N] [--db PATH | -p BUILD_DIR]\n"
                                     "\n"
                                     "Writes the SARIF of a run (default: the latest finished full run) for\n"
                                     "`lifeline check --baseline FILE`.\n";

static int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("lifeline: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("lifeline: note: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

char *db_default_path(const char *compdb_dir) {
    char dir[PATH_MAX];
    if (compdb_dir) {
        struct stat st;
        snprintf(dir, sizeof dir, "%s", compdb_dir);
        /* -p may name compile_commands.json itself: the database goes beside it. */
        if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
            char *slash = strrchr(dir, '/');
            if (slash == dir)
                dir[1] = '\0';
            else if (slash)
                *slash = '\0';
            else
                snprintf(dir, sizeof dir, ".");
        }
    } else if (!getcwd(dir, sizeof dir)) {
        snprintf(dir, sizeof dir, ".");
    }
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    char *path = xmalloc(n + 32);
    snprintf(path, n + 32, "%s%s.lifeline/lifeline.db", dir, n && dir[n - 1] == '/' ? "" : "/");
    return path;
}

/* ---- options ------------------------------------------------------------------------------------------------- */

enum {
    OPT_RUN = 1 << 0,
    OPT_RULE = 1 << 1,
    OPT_FILE = 1 << 2,
    OPT_NEW = 1 << 3,
    OPT_FORMAT = 1 << 4,
    OPT_OUTPUT = 1 << 5,
    OPT_CATEGORY = 1 << 6,
};

typedef struct db_opts {
    const char *command; /* "db findings", for messages */
    const char *db_path;
    const char *compdb_dir;
    int64_t run; /* 0: not given */
    const char **rules;
    size_t nrules;
    const char **files;
    size_t nfiles;
    bool only_new;
    const char *format;
    const char *output;
    const char *category;
    const char *pos[4];
    size_t npos;
} db_opts;

static void opts_free(db_opts *o) {
    free(o->rules);
    free(o->files);
}

/* A positive run id, or 0. */
static int64_t parse_run_id(const char *s) {
    if (!s || !*s) return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return 0;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    return errno || v <= 0 ? 0 : (int64_t)v;
}

/* Parses argv[first..] with the options `allowed` admits (--db and -p always); positional words go to o->pos.
 * Returns 0, or EXIT_USAGE after the error line. */
static int parse_opts(int argc, char **argv, int first, unsigned allowed, size_t max_pos, db_opts *o) {
    o->rules = xcalloc((size_t)argc + 1, sizeof *o->rules);
    o->files = xcalloc((size_t)argc + 1, sizeof *o->files);
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        /* --opt=value and --opt value alike. */
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        size_t name_len = eq ? (size_t)(eq - a) : strlen(a);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(name_len < sizeof name ? name_len : sizeof name - 1), a);
        const char *inline_value = eq ? eq + 1 : NULL;
        if (strncmp(a, "-p", 2) == 0 && a[2]) {
            o->compdb_dir = a + 2;
            continue;
        }
        struct {
            const char *name;
            unsigned flag; /* 0: always allowed */
            bool takes_value;
        } const known[] = {
            {"--db", 0, true},
            {"-p", 0, true},
            {"--build-dir", 0, true},
            {"--run", OPT_RUN, true},
            {"--rule", OPT_RULE, true},
            {"--file", OPT_FILE, true},
            {"--new", OPT_NEW, false},
            {"--format", OPT_FORMAT, true},
            {"-o", OPT_OUTPUT, true},
            {"--output", OPT_OUTPUT, true},
            {"--category", OPT_CATEGORY, true},
        };
        int k = -1;
        for (size_t j = 0; j < sizeof known / sizeof known[0]; j++)
            if (strcmp(name, known[j].name) == 0) k = (int)j;
        if (k < 0 || (known[k].flag && !(allowed & known[k].flag))) {
            if (a[0] == '-' && a[1])
                return error("unknown option '%s' for lifeline %s (see lifeline %s --help)", a, o->command, o->command);
            if (o->npos >= max_pos || o->npos >= sizeof o->pos / sizeof o->pos[0])
                return error("unexpected argument '%s' for lifeline %s (see lifeline %s --help)", a, o->command,
                             o->command);
            o->pos[o->npos++] = a;
            continue;
        }
        const char *value = NULL;
        if (known[k].takes_value) {
            value = inline_value ? inline_value : i + 1 < argc ? argv[++i] : NULL;
            if (!value) return error("%s needs a value", name);
        } else if (inline_value) {
            return error("%s takes no value", name);
        }
        if (strcmp(name, "--db") == 0)
            o->db_path = value;
        else if (strcmp(name, "-p") == 0 || strcmp(name, "--build-dir") == 0)
            o->compdb_dir = value;
        else if (strcmp(name, "--run") == 0) {
            if (!(o->run = parse_run_id(value)))
                return error("--run needs a run id (a positive number, see lifeline db runs), not '%s'", value);
        } else if (strcmp(name, "--rule") == 0)
            o->rules[o->nrules++] = value;
        else if (strcmp(name, "--file") == 0)
            o->files[o->nfiles++] = value;
        else if (strcmp(name, "--new") == 0)
            o->only_new = true;
        else if (strcmp(name, "--format") == 0)
            o->format = value;
        else if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
            o->output = value;
        else if (strcmp(name, "--category") == 0)
            o->category = value;
    }
    return 0;
}

/* 0 when o->format is one of the comma-separated `choices` (or unset: then `dflt`), else EXIT_USAGE. */
static int check_format(db_opts *o, const char *choices, const char *dflt) {
    if (!o->format) {
        o->format = dflt;
        return 0;
    }
    size_t n = strlen(o->format);
    for (const char *c = choices; *c;) {
        const char *end = strchr(c, ',');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        if (len == n && strncmp(c, o->format, n) == 0) return 0;
        c += len + (end ? 1 : 0);
    }
    char expected[64];
    snprintf(expected, sizeof expected, "%s", choices);
    for (char *p = expected; *p; p++)
        if (*p == ',') *p = '|';
    return error("unknown --format '%s' for lifeline %s (expected %s)", o->format, o->command, expected);
}

/* ---- the database and its runs ------------------------------------------------------------------------------- */

/* Opens an existing database (never creates one), read-only when it cannot be written. NULL after the error line. */
static store *open_existing(const db_opts *o) {
    char *path = o->db_path ? xstrdup(o->db_path) : db_default_path(o->compdb_dir);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            error("no database at %s (run lifeline check first, or give --db)", path);
        else
            error("cannot open database %s: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    char err[1024];
    /* Queries write nothing, so a database they cannot write (a CI artifact, a shared read-only copy) is opened
     * read-only rather than refused. */
    store *s = store_open_for_reading(path, err, sizeof err);
    if (!s) error("%s", err);
    free(path);
    return s;
}

/* Fills *run with run_id, or with the latest finished run when run_id is 0. 0, or EXIT_USAGE after the error line.
 * A run that did not finish is allowed when asked for by id, with a note. */
static int resolve_run(store *s, int64_t run_id, store_run *run) {
    char err[1024];
    memset(run, 0, sizeof *run);
    bool given = run_id > 0;
    if (!given) {
        run_id = store_latest_run(s);
        if (run_id < 0) {
            store_describe_error(s, "cannot find the latest run", err, sizeof err);
            return error("%s", err);
        }
        if (run_id == 0) return error("database %s has no finished run (run lifeline check first)", store_path(s));
    }
    int found = store_get_run(s, run_id, run, err, sizeof err);
    if (found < 0) return error("%s", err);
    if (found == 0) return error("no run %lld in database %s (see lifeline db runs)", (long long)run_id, store_path(s));
    if (!run->finished_at)
        note("run %lld did not finish (killed or still running): its findings may be incomplete", (long long)run_id);
    return 0;
}

/* The directory SARIF's %SRCROOT% stood for in the run: its root_dir, which `lifeline check` records as the absolute
 * source root it used (--srcroot, else its working directory); one that no longer exists falls back to the current
 * directory. malloc'd. */
static char *run_srcroot(const store_run *run) {
    char buf[PATH_MAX];
    if (!run->root_dir || !realpath(run->root_dir, buf)) {
        if (!getcwd(buf, sizeof buf)) snprintf(buf, sizeof buf, "/");
    }
    return xstrdup(buf);
}

/* Loads a run's findings in output order, duplicates (a header's finding stored by two TUs) dropped, as `check`
 * prints them. 0, or EXIT_USAGE after the error line. */
static int load_run_findings(store *s, int64_t run_id, finding_list *fl) {
    char err[1024];
    if (store_load_findings(s, run_id, fl, err, sizeof err) != 0) return error("%s", err);
    finding_list_dedupe(fl);
    return 0;
}

static int collect_fingerprint(void *ctx, const char *fp) {
    char *copy = xstrdup(fp);
    if (strmap_has(ctx, copy))
        free(copy);
    else
        strmap_put(ctx, copy, copy);
    return 0;
}

static void fingerprints_free(strmap *m) {
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) free(m->slots[i].value);
    strmap_free(m);
}

/* Keeps the findings for which keep() holds, freeing the others. */
static void filter_findings(finding_list *fl, bool (*keep)(const finding *, const void *), const void *ctx) {
    finding_list kept = {0}, dropped = {0};
    for (size_t i = 0; i < fl->count; i++) {
        finding *dst = finding_list_add(keep(&fl->items[i], ctx) ? &kept : &dropped);
        *dst = fl->items[i];
    }
    free(fl->items);
    *fl = kept;
    finding_list_free(&dropped);
}

/* ---- output -------------------------------------------------------------------------------------------------- */

/* Opens -o FILE (or stdout). NULL after the error line. */
static FILE *open_output(const char *path) {
    if (!path) return stdout;
    FILE *f = fopen(path, "w");
    if (!f) error("cannot write %s: %s", path, strerror(errno));
    return f;
}

/* Closes what open_output opened; 0, or EXIT_USAGE after the error line when the output could not be written. */
static int close_output(FILE *f, const char *path) {
    bool bad = ferror(f) != 0;
    if (f == stdout) {
        if (fflush(stdout) != 0) bad = true;
    } else if (fclose(f) != 0) {
        bad = true;
    }
    return bad ? error("cannot write %s: %s", path ? path : "standard output", strerror(errno ? errno : EIO)) : 0;
}

/* A stored text as a JSON string. Paths and messages are bytes: a Latin-1 file name is not UTF-8, which
 * json_string refuses (the whole document would fail); lsp_json_str turns such bytes into U+FFFD. */
static json_t *text_or_null(const char *s) {
    return s ? lsp_json_str(s) : json_null();
}

static json_t *run_json(const store_run *r) {
    return json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id, "started_at",
                     text_or_null(r->started_at), "finished_at", text_or_null(r->finished_at), "tool_version",
                     text_or_null(r->tool_version), "command_line", text_or_null(r->command_line), "root_dir",
                     text_or_null(r->root_dir), "scope", text_or_null(r->scope), "exit_code",
                     r->exit_code < 0 ? json_null() : json_integer(r->exit_code), "findings",
                     r->findings < 0 ? json_null() : json_integer(r->findings), "failed_tus",
                     r->failed_tus < 0 ? json_null() : json_integer(r->failed_tus));
}

static json_t *finding_json(const finding *f) {
    json_t *steps = json_array();
    for (size_t i = 0; steps && i < f->nsteps; i++) {
        const finding_step *st = &f->steps[i];
        json_array_append_new(steps, json_pack("{s:o,s:I,s:I,s:o}", "file", text_or_null(st->file), "line",
                                               (json_int_t)st->line, "column", (json_int_t)st->col, "message",
                                               text_or_null(st->message)));
    }
    return json_pack("{s:s,s:s,s:o,s:o,s:I,s:I,s:I,s:I,s:o,s:o,s:b,s:o,s:o}", "rule", f->rule_id ? f->rule_id : "",
                     "severity", severity_name(f->level), "message", text_or_null(f->message), "file",
                     text_or_null(f->file), "line", (json_int_t)f->line, "column", (json_int_t)f->col, "end_line",
                     (json_int_t)f->end_line, "end_column", (json_int_t)f->end_col, "function",
                     text_or_null(f->function), "fingerprint", text_or_null(f->fingerprint), "suppressed",
                     f->suppressed, "suppression_note", text_or_null(f->suppression_note), "steps",
                     steps ? steps : json_null());
}

static json_t *findings_json(const finding_list *fl) {
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < fl->count; i++)
        json_array_append_new(arr, finding_json(&fl->items[i]));
    return arr;
}

/* Writes a JSON document (taking the reference); 0, or EXIT_USAGE after the error line. */
static int write_json(json_t *doc, const char *output) {
    if (!doc) return error("out of memory while building JSON");
    FILE *out = open_output(output);
    if (!out) {
        json_decref(doc);
        return EXIT_USAGE;
    }
    int rc = json_dumpf(doc, out, JSON_INDENT(2)) == 0 && fputc('\n', out) != EOF ? 0 : -1;
    json_decref(doc);
    int crc = close_output(out, output);
    if (rc != 0 && crc == 0) return error("cannot write %s", output ? output : "standard output");
    return crc;
}

static int write_findings_json(const store_run *run, const finding_list *fl, const char *output) {
    return write_json(json_pack("{s:s,s:i,s:o,s:o}", "format", "lifeline-findings", "version", 1, "run", run_json(run),
                                "findings", findings_json(fl)),
                      output);
}

/* The run's SARIF, exactly as `lifeline check --format sarif` wrote it, less the notifications about the run
 * (parse errors, failed TUs), which the database does not keep. */
static int write_sarif(const store_run *run, const finding_list *fl, const char *category, const char *output) {
    char *srcroot = run_srcroot(run);
    emit_options eo = {.srcroot = srcroot,
                       .relative_paths = true,
                       .tool_version = run->tool_version ? run->tool_version : LIFELINE_VERSION,
                       .category = category,
                       .command_line = run->command_line,
                       .exit_code = run->exit_code >= 0 ? run->exit_code : EXIT_USAGE};
    FILE *out = open_output(output);
    if (!out) {
        free(srcroot);
        return EXIT_USAGE;
    }
    char err[512];
    int rc = 0;
    if (emit_sarif(out, fl, NULL, &eo, err, sizeof err) != 0) rc = error("%s", err);
    int crc = close_output(out, output);
    free(srcroot);
    return rc ? rc : crc;
}

static int write_text(const finding_list *fl, const char *output) {
    FILE *out = open_output(output);
    if (!out) return EXIT_USAGE;
    emit_options eo = {.show_suppressed = true, .tool_version = LIFELINE_VERSION};
    emit_text_findings(out, fl, &eo);
    return close_output(out, output);
}

/* ---- db runs ------------------------------------------------------------------------------------------------- */

static int cmd_runs(int argc, char **argv) {
    db_opts o = {.command = "db runs"};
    int rc = parse_opts(argc, argv, 2, OPT_FORMAT, 0, &o);
    if (!rc) rc = check_format(&o, "text,json", "text");
    store *s = rc ? NULL : open_existing(&o);
    if (!rc && !s) rc = EXIT_USAGE;
    store_run_list runs = {0};
    char err[1024];
    if (!rc && store_list_runs(s, &runs, err, sizeof err) != 0) rc = error("%s", err);
    if (!rc && strcmp(o.format, "json") == 0) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < runs.count; i++)
            json_array_append_new(arr, run_json(&runs.items[i]));
        rc = write_json(json_pack("{s:s,s:i,s:o}", "format", "lifeline-runs", "version", 1, "runs", arr), NULL);
    } else if (!rc && runs.count == 0) {
        printf("database %s has no runs\n", store_path(s));
    } else if (!rc) {
        printf("%5s  %-19s  %-7s  %4s  %8s  %10s  %s\n", "ID", "STARTED (UTC)", "SCOPE", "EXIT", "FINDINGS",
               "FAILED TUS", "COMMAND");
        for (size_t i = 0; i < runs.count; i++) {
            const store_run *r = &runs.items[i];
            /* 2024-05-01T12:34:56.789Z -> 2024-05-01 12:34:56 */
            char started[20];
            snprintf(started, sizeof started, "%s", r->started_at ? r->started_at : "");
            if (strlen(started) > 10 && started[10] == 'T') started[10] = ' ';
            char exit_code[16], nfind[24], nfailed[24];
            if (r->finished_at) {
                snprintf(exit_code, sizeof exit_code, "%d", r->exit_code);
                snprintf(nfind, sizeof nfind, "%lld", (long long)r->findings);
                snprintf(nfailed, sizeof nfailed, "%lld", (long long)r->failed_tus);
            } else {
                /* Killed, or still running. */
                snprintf(exit_code, sizeof exit_code, "-");
                snprintf(nfind, sizeof nfind, "-");
                snprintf(nfailed, sizeof nfailed, "-");
            }
            printf("%5lld  %-19s  %-7s  %4s  %8s  %10s  %s%s\n", (long long)r->id, started, r->scope ? r->scope : "",
                   exit_code, nfind, nfailed, r->command_line ? r->command_line : "",
                   r->finished_at ? "" : "  (did not finish)");
        }
        rc = close_output(stdout, NULL);
    }
    store_run_list_free(&runs);
    store_close(s);
    opts_free(&o);
    return rc;
}

/* ---- db findings --------------------------------------------------------------------------------------------- */

typedef struct findings_filter {
    const char *const *rules;
    size_t nrules;
    char **files; /* absolute forms of the --file arguments, lexically normalised */
    const char *const *suffixes;
    size_t nfiles;
    const strmap *exclude; /* --new: the previous full run's fingerprints */
} findings_filter;

/* cwd + "/" + path with "." and ".." resolved lexically (the file may no longer exist); path itself when absolute.
 * malloc'd, no trailing '/'. */
static char *absolute_normalised(const char *path) {
    char cwd[PATH_MAX];
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, "/");
    size_t n = strlen(path) + (path[0] == '/' ? 0 : strlen(cwd)) + 2;
    char *joined = xmalloc(n);
    if (path[0] == '/')
        snprintf(joined, n, "%s", path);
    else
        snprintf(joined, n, "%s/%s", cwd, path);
    char *out = xmalloc(n + 1);
    size_t len = 0;
    for (const char *p = joined; *p;) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t seg = end ? (size_t)(end - p) : strlen(p);
        if (seg == 0) break;
        if (seg == 1 && p[0] == '.') {
        } else if (seg == 2 && p[0] == '.' && p[1] == '.') {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0) len--; /* the '/' before the dropped component */
        } else {
            out[len++] = '/';
            memcpy(out + len, p, seg);
            len += seg;
        }
        p += seg;
    }
    if (len == 0) out[len++] = '/';
    out[len] = '\0';
    free(joined);
    return out;
}

/* --file F: the finding's file is F (a file or a directory above it) relative to the current directory, or ends
 * with "/F". */
static bool file_matches(const char *file, const char *abs, const char *suffix) {
    if (!file) return false;
    size_t n = strlen(abs);
    if (strncmp(file, abs, n) == 0 && (file[n] == '\0' || file[n] == '/' || (n == 1 && abs[0] == '/'))) return true;
    while (strncmp(suffix, "./", 2) == 0)
        suffix += 2;
    size_t fl = strlen(file), sl = strlen(suffix);
    return sl > 0 && sl < fl && strcmp(file + fl - sl, suffix) == 0 && file[fl - sl - 1] == '/';
}

static bool keep_finding(const finding *f, const void *ctx) {
    const findings_filter *flt = ctx;
    if (flt->nrules) {
        bool any = false;
        for (size_t i = 0; i < flt->nrules && !any; i++)
            any = f->rule_id && fnmatch(flt->rules[i], f->rule_id, 0) == 0;
        if (!any) return false;
    }
    if (flt->nfiles) {
        bool any = false;
        for (size_t i = 0; i < flt->nfiles && !any; i++)
            any = file_matches(f->file, flt->files[i], flt->suffixes[i]);
        if (!any) return false;
    }
    if (flt->exclude && f->fingerprint && *f->fingerprint && strmap_has(flt->exclude, f->fingerprint)) return false;
    return true;
}

/* Splits the --rule arguments at commas and checks that each glob names some rule. NULL after the error line. */
static const char **split_rules(const db_opts *o, size_t *count, char **storage) {
    size_t total = 0;
    for (size_t i = 0; i < o->nrules; i++)
        total += strlen(o->rules[i]) + 1;
    *storage = xmalloc(total + 1);
    const char **out = xcalloc(total + 1, sizeof *out);
    size_t n = 0;
    char *w = *storage;
    for (size_t i = 0; i < o->nrules; i++) {
        strcpy(w, o->rules[i]);
        for (char *tok = strtok(w, ","); tok; tok = strtok(NULL, ","))
            out[n++] = tok;
        w += strlen(o->rules[i]) + 1;
    }
    for (size_t i = 0; i < n; i++) {
        bool any = false;
        for (size_t r = 0; r < rules_count() && !any; r++)
            any = fnmatch(out[i], rule_at(r)->id, 0) == 0;
        if (!any) {
            error("--rule '%s' matches no rule (see lifeline rules)", out[i]);
            free(out);
            free(*storage);
            *storage = NULL;
            return NULL;
        }
    }
    *count = n;
    return out;
}

static int cmd_findings(int argc, char **argv) {
    db_opts o = {.command = "db findings"};
    int rc = parse_opts(argc, argv, 2, OPT_RUN | OPT_RULE | OPT_FILE | OPT_NEW | OPT_FORMAT | OPT_OUTPUT, 0, &o);
    if (!rc) rc = check_format(&o, "text,json,sarif", "text");
    findings_filter flt = {0};
    char *rule_storage = NULL;
    if (!rc && o.nrules && !(flt.rules = split_rules(&o, &flt.nrules, &rule_storage))) rc = EXIT_USAGE;
    store *s = rc ? NULL : open_existing(&o);
    if (!rc && !s) rc = EXIT_USAGE;
    store_run run = {0};
    if (!rc) rc = resolve_run(s, o.run, &run);
    finding_list fl = {0};
    if (!rc) rc = load_run_findings(s, run.id, &fl);

    strmap previous;
    strmap_init(&previous);
    if (!rc && o.only_new) {
        int64_t prev = store_full_run_before(s, run.id);
        char err[1024];
        if (prev < 0) {
            store_describe_error(s, "cannot find the previous full run", err, sizeof err);
            rc = error("%s", err);
        } else if (prev == 0)
            note("no finished full run before run %lld: every finding is new", (long long)run.id);
        else if (store_run_fingerprints(s, prev, collect_fingerprint, &previous, err, sizeof err) != 0)
            rc = error("%s", err);
        flt.exclude = &previous;
    }
    if (!rc) {
        flt.nfiles = o.nfiles;
        flt.suffixes = o.files;
        flt.files = xcalloc(o.nfiles + 1, sizeof *flt.files);
        for (size_t i = 0; i < o.nfiles; i++)
            flt.files[i] = absolute_normalised(o.files[i]);
        filter_findings(&fl, keep_finding, &flt);
        if (strcmp(o.format, "json") == 0)
            rc = write_findings_json(&run, &fl, o.output);
        else if (strcmp(o.format, "sarif") == 0)
            rc = write_sarif(&run, &fl, NULL, o.output);
        else
            rc = write_text(&fl, o.output);
    }
    for (size_t i = 0; i < flt.nfiles; i++)
        free(flt.files[i]);
    free(flt.files);
    free((void *)flt.rules);
    free(rule_storage);
    fingerprints_free(&previous);
    finding_list_free(&fl);
    store_run_free(&run);
    store_close(s);
    opts_free(&o);
    return rc;
}

/* ---- db diff ------------------------------------------------------------------------------------------------- */

static bool not_in(const finding *f, const void *ctx) {
    return !f->fingerprint || !*f->fingerprint || !strmap_has(ctx, f->fingerprint);
}

static int cmd_diff(int argc, char **argv) {
    db_opts o = {.command = "db diff"};
    int rc = parse_opts(argc, argv, 2, OPT_FORMAT | OPT_OUTPUT, 2, &o);
    if (!rc) rc = check_format(&o, "text,json", "text");
    int64_t ids[2] = {0, 0};
    if (!rc && o.npos != 2)
        rc = error("db diff needs two run ids: lifeline db diff RUN_A RUN_B (see lifeline db runs)");
    for (size_t i = 0; !rc && i < 2; i++)
        if (!(ids[i] = parse_run_id(o.pos[i])))
            rc = error("db diff: '%s' is not a run id (see lifeline db runs)", o.pos[i]);
    store *s = rc ? NULL : open_existing(&o);
    if (!rc && !s) rc = EXIT_USAGE;
    store_run runs[2] = {{0}, {0}};
    finding_list fls[2] = {{0}, {0}};
    for (size_t i = 0; i < 2; i++) {
        if (!rc) rc = resolve_run(s, ids[i], &runs[i]);
        if (!rc) rc = load_run_findings(s, ids[i], &fls[i]);
    }
    strmap fps[2];
    strmap_init(&fps[0]);
    strmap_init(&fps[1]);
    for (size_t i = 0; !rc && i < 2; i++)
        for (size_t k = 0; k < fls[i].count; k++)
            if (fls[i].items[k].fingerprint && *fls[i].items[k].fingerprint)
                collect_fingerprint(&fps[i], fls[i].items[k].fingerprint);
    if (!rc) {
        /* new: in B, not in A; fixed: in A, not in B; the rest of B is unchanged. */
        size_t total_b = fls[1].count;
        filter_findings(&fls[1], not_in, &fps[0]);
        filter_findings(&fls[0], not_in, &fps[1]);
        const finding_list *added = &fls[1], *fixed = &fls[0];
        size_t unchanged = total_b - added->count;
        if (strcmp(o.format, "json") == 0) {
            rc =
                write_json(json_pack("{s:s,s:i,s:o,s:o,s:{s:I,s:I,s:I},s:o,s:o}", "format", "lifeline-diff", "version",
                                     1, "from", run_json(&runs[0]), "to", run_json(&runs[1]), "counts", "new",
                                     (json_int_t)added->count, "fixed", (json_int_t)fixed->count, "unchanged",
                                     (json_int_t)unchanged, "new", findings_json(added), "fixed", findings_json(fixed)),
                           o.output);
        } else {
            FILE *out = open_output(o.output);
            if (!out) {
                rc = EXIT_USAGE;
            } else {
                emit_options eo = {.show_suppressed = true, .tool_version = LIFELINE_VERSION};
                fprintf(out, "run %lld -> run %lld: %zu new, %zu fixed, %zu unchanged\n", (long long)ids[0],
                        (long long)ids[1], added->count, fixed->count, unchanged);
                if (added->count) {
                    fprintf(out, "\nnew in run %lld:\n", (long long)ids[1]);
                    emit_text_findings(out, added, &eo);
                }
                if (fixed->count) {
                    fprintf(out, "\nfixed since run %lld:\n", (long long)ids[0]);
                    emit_text_findings(out, fixed, &eo);
                }
                rc = close_output(out, o.output);
            }
        }
    }
    for (size_t i = 0; i < 2; i++) {
        fingerprints_free(&fps[i]);
        finding_list_free(&fls[i]);
        store_run_free(&runs[i]);
    }
    store_close(s);
    opts_free(&o);
    return rc;
}

/* ---- db export, baseline save -------------------------------------------------------------------------------- */

static int cmd_export(int argc, char **argv) {
    db_opts o = {.command = "db export"};
    int rc = parse_opts(argc, argv, 2, OPT_RUN | OPT_FORMAT | OPT_OUTPUT | OPT_CATEGORY, 0, &o);
    if (!rc) rc = check_format(&o, "sarif,json", "sarif");
    store *s = rc ? NULL : open_existing(&o);
    if (!rc && !s) rc = EXIT_USAGE;
    store_run run = {0};
    if (!rc) rc = resolve_run(s, o.run, &run);
    finding_list fl = {0};
    if (!rc) rc = load_run_findings(s, run.id, &fl);
    if (!rc)
        rc = strcmp(o.format, "json") == 0 ? write_findings_json(&run, &fl, o.output)
                                           : write_sarif(&run, &fl, o.category, o.output);
    finding_list_free(&fl);
    store_run_free(&run);
    store_close(s);
    opts_free(&o);
    return rc;
}

static int cmd_baseline_save(int argc, char **argv) {
    db_opts o = {.command = "baseline save"};
    int rc = parse_opts(argc, argv, 2, OPT_RUN | OPT_OUTPUT | OPT_CATEGORY, 0, &o);
    store *s = rc ? NULL : open_existing(&o);
    if (!rc && !s) rc = EXIT_USAGE;
    int64_t id = o.run;
    if (!rc && id == 0) {
        id = store_latest_full_run(s);
        char err[1024];
        if (id < 0) {
            store_describe_error(s, "cannot find the latest full run", err, sizeof err);
            rc = error("%s", err);
        }
        if (id == 0)
            rc = error("database %s has no finished full run to save as a baseline (run lifeline check first)",
                       store_path(s));
    }
    store_run run = {0};
    if (!rc) rc = resolve_run(s, id, &run);
    /* `check --baseline RUN_ID` refuses a run that did not finish; a file made from one would be as partial. */
    if (!rc && !run.finished_at)
        rc = error("run %lld did not finish (killed or still running); pick a finished run (see lifeline db runs)",
                   (long long)id);
    if (!rc && run.scope && strcmp(run.scope, "full") != 0)
        note("run %lld is a partial run: findings in the files it did not analyse are not in the baseline",
             (long long)id);
    finding_list fl = {0};
    if (!rc) rc = load_run_findings(s, id, &fl);
    if (!rc) rc = write_sarif(&run, &fl, o.category, o.output);
    if (!rc && o.output) note("baseline of run %lld (%zu findings) written to %s", (long long)id, fl.count, o.output);
    finding_list_free(&fl);
    store_run_free(&run);
    store_close(s);
    opts_free(&o);
    return rc;
}

/* ---- db merge ------------------------------------------------------------------------------------------------ */

static int cmd_merge(int argc, char **argv) {
    const char **inputs = xcalloc((size_t)argc + 1, sizeof *inputs);
    size_t ninputs = 0;
    const char *output = NULL;
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                rc = error("%s needs a file", a);
            else
                output = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            output = a + 9;
        } else if (a[0] == '-' && a[1]) {
            rc = error("unknown option '%s' for lifeline db merge (see lifeline db --help)", a);
        } else {
            inputs[ninputs++] = a;
        }
    }
    if (!rc && ninputs == 0)
        rc = error("db merge needs the databases to merge: lifeline db merge A.db B.db... -o OUT.db");
    if (!rc && !output) rc = error("db merge needs -o OUT.db, the new database to write");
    if (!rc) {
        size_t n = 16;
        for (int i = 0; i < argc; i++)
            n += strlen(argv[i]) + 1;
        char *command_line = xmalloc(n);
        snprintf(command_line, n, "lifeline");
        for (int i = 0; i < argc; i++) {
            strcat(command_line, " ");
            strcat(command_line, argv[i]);
        }
        char err[2048];
        db_merge_stats st;
        if (db_merge(inputs, ninputs, output, command_line, LIFELINE_VERSION, &st, err, sizeof err) != 0) {
            rc = error("%s", err);
        } else {
            note("merged %zu database%s into %s: %zu runs (%zu already there from another input), %zu TUs, "
                 "%zu findings, %zu summaries (%zu USRs with differing summaries: the most recent run's kept)",
                 ninputs, ninputs == 1 ? "" : "s", output, st.runs, st.shared_runs, st.tus, st.findings, st.summaries,
                 st.summary_conflicts);
            if (st.combined_run)
                note("run %lld combines the inputs' %zu latest runs (%s scope, %zu findings); db findings and db "
                     "export show it by default",
                     (long long)st.combined_run, st.combined_runs, st.combined_full ? "full" : "partial",
                     st.combined_findings);
        }
        free(command_line);
    }
    free(inputs);
    return rc;
}

/* ---- dispatch ------------------------------------------------------------------------------------------------ */

static bool is_help(const char *a) {
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0;
}

static bool wants_help(int argc, char **argv) {
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return true;
    return false;
}

int db_command(int argc, char **argv) {
    if (argc < 2) {
        fputs(db_usage, stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (is_help(sub) || wants_help(argc, argv)) {
        fputs(db_usage, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(sub, "runs") == 0) return cmd_runs(argc, argv);
    if (strcmp(sub, "findings") == 0) return cmd_findings(argc, argv);
    if (strcmp(sub, "diff") == 0) return cmd_diff(argc, argv);
    if (strcmp(sub, "export") == 0) return cmd_export(argc, argv);
    if (strcmp(sub, "merge") == 0) return cmd_merge(argc, argv);
    if (sub[0] == '-')
        return error("lifeline db needs a command before its options: runs, findings, diff, export or merge (see "
                     "lifeline db --help)");
    return error("unknown db command '%s' (expected runs, findings, diff, export or merge; see lifeline db --help)",
                 sub);
}

int baseline_command(int argc, char **argv) {
    if (argc < 2) {
        fputs(baseline_usage, stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (is_help(sub) || wants_help(argc, argv)) {
        fputs(baseline_usage, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(sub, "save") == 0) return cmd_baseline_save(argc, argv);
    if (sub[0] == '-')
        return error("lifeline baseline needs a command before its options: save (see lifeline baseline --help)");
    return error("unknown baseline command '%s' (expected save; see lifeline baseline --help)", sub);
}
