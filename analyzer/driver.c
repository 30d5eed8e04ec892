/* driver.c — `lifeline check` end to end.
 *
 * 1. compile jobs (compile_commands.json or explicit files);
 * 2. every TU parsed and lowered to IR (the AST is dropped right after), in a thread with a large stack so deeply
 *    nested code cannot overflow it;
 * 3. the program linked: function table by USR, constant globals, summaries stored by earlier runs for functions not
 *    seen in this one;
 * 4. functions analysed bottom-up over the whole program's call graph (recursive cycles iterated to a fixpoint), so a
 *    caller always sees its callees' summaries whatever order the TUs came in;
 * 5. findings fingerprinted, stored one transaction per TU, and printed. */
#include "driver.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_facts.h"
#include "emit.h"
#include "engine.h"
#include "fingerprint.h"
#include "frontend.h"
#include "models.h"
#include "program.h"
#include "registry.h"
#include "store.h"
#include "summary.h"

enum { SCC_MAX_ROUNDS = 5, WORKER_STACK = 512 * 1024 * 1024 };

/* --- files read once: content hashes for the store, statement text for fingerprints ----------------------------- */

typedef struct cached_file {
    char *path;
    char *data; /* NUL-terminated, NULL when unreadable */
    size_t len;
    size_t *line_starts; /* offset of each line, 1-based index */
    size_t nlines;
    char hash[FINGERPRINT_HEX_LEN + 1];
} cached_file;

typedef struct file_cache {
    strmap by_path;
    cached_file **items;
    size_t count;
} file_cache;

static cached_file *file_cache_get(file_cache *fc, const char *path) {
    cached_file *f = strmap_get(&fc->by_path, path);
    if (f) return f;
    f = calloc(1, sizeof *f);
    if (!f) abort();
    f->path = strdup(path);
    FILE *fp = fopen(path, "rb");
    if (fp) {
        size_t cap = 4096, len = 0;
        char *buf = malloc(cap);
        size_t n;
        while (buf && (n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
            len += n;
            if (cap - len - 1 == 0) {
                cap *= 2;
                char *grown = realloc(buf, cap);
                if (!grown) abort();
                buf = grown;
            }
        }
        fclose(fp);
        if (!buf) abort();
        buf[len] = '\0';
        f->data = buf;
        f->len = len;
        size_t nl = 1;
        for (size_t i = 0; i < len; i++)
            if (buf[i] == '\n') nl++;
        f->line_starts = malloc((nl + 2) * sizeof *f->line_starts);
        if (!f->line_starts) abort();
        f->line_starts[1] = 0;
        size_t line = 1;
        for (size_t i = 0; i < len; i++)
            if (buf[i] == '\n') f->line_starts[++line] = i + 1;
        f->nlines = line;
        content_hash(f->hash, buf, len);
    }
    fc->items = realloc(fc->items, (fc->count + 1) * sizeof *fc->items);
    if (!fc->items) abort();
    fc->items[fc->count++] = f;
    strmap_put(&fc->by_path, f->path, f);
    return f;
}

static void file_cache_free(file_cache *fc) {
    for (size_t i = 0; i < fc->count; i++) {
        free(fc->items[i]->path);
        free(fc->items[i]->data);
        free(fc->items[i]->line_starts);
        free(fc->items[i]);
    }
    free(fc->items);
    strmap_free(&fc->by_path);
}

/* fingerprint_text_fn: the source lines a finding's statement spans. */
static const char *statement_text(void *ctx, const char *file, unsigned line, unsigned col, unsigned end_line,
                                  unsigned end_col, size_t *len) {
    (void)col;
    (void)end_col;
    cached_file *f = file_cache_get(ctx, file);
    if (!f->data || line == 0 || line > f->nlines) return NULL;
    if (end_line < line) end_line = line;
    if (end_line > f->nlines) end_line = (unsigned)f->nlines;
    size_t start = f->line_starts[line];
    size_t end = end_line < f->nlines ? f->line_starts[end_line + 1] : f->len;
    *len = end - start;
    return f->data + start;
}

/* --- per-TU bookkeeping ------------------------------------------------------------------------------------------ */

typedef struct tu_info {
    const compile_job *job;
    frontend_result fe;
    finding_list findings;
} tu_info;

typedef struct parse_work {
    tu_info *tus;
    size_t ntus;
    bool parse_only;
} parse_work;

static void *parse_all(void *arg) {
    parse_work *pw = arg;
    frontend_options fo = {.parse_only = pw->parse_only};
    for (size_t i = 0; i < pw->ntus; i++)
        frontend_process(pw->tus[i].job, &fo, &pw->tus[i].fe);
    return NULL;
}

/* Run fn(arg) on a thread with a big stack: lowering and the engine recurse over the syntax tree. */
static void run_with_big_stack(void *(*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, WORKER_STACK) == 0 &&
        pthread_create(&th, &attr, fn, arg) == 0) {
        pthread_join(th, NULL);
        pthread_attr_destroy(&attr);
        return;
    }
    fn(arg);
}

/* --- analysis ---------------------------------------------------------------------------------------------------- */

typedef struct analysis {
    program *prog;
    tu_info *tus;
    size_t ntus;
    strmap tu_of_module; /* module main file -> tu index + 1 */
    tool_diag_list diags;
} analysis;

static fn_summary *new_summary(program *p, const program_fn *pf) {
    const ir_function *f = pf->fn;
    fn_summary *s = summary_new(&p->arena, f->usr, f->name, f->loc.file, f->loc.line, f->nparams);
    for (uint32_t i = 0; i < s->nparams; i++)
        s->params[i].escape_param = -1;
    return s;
}

static size_t tu_index_of(analysis *an, const ir_module *m) {
    for (size_t i = 0; i < an->ntus; i++)
        if (an->tus[i].fe.module == m) return i;
    return 0;
}

/* Analyse one function with every checker; findings go to `out`. Returns its new summary. */
static fn_summary *analyse_function(analysis *an, program_fn *pf, finding_list *out) {
    fn_summary *s = new_summary(an->prog, pf);
    engine_limits lim = engine_default_limits();
    engine_result r = engine_run(an->prog, pf->module, pf->fn, &core_facts_checker, s, &lim, out);
    if (r.budget_exhausted) {
        s->noreturn = false;
        s->returns_const = false;
    }
    size_t nck;
    const checker_ops *const *cks = checkers_all(&nck);
    for (size_t i = 0; i < nck; i++) {
        engine_result cr = engine_run(an->prog, pf->module, pf->fn, cks[i], s, &lim, out);
        if (cr.budget_exhausted) r.budget_exhausted = true;
    }
    if (r.budget_exhausted) {
        char msg[512];
        snprintf(msg, sizeof msg, "function '%s' is too large to analyse completely; findings in it may be missing",
                 pf->fn->name);
        tool_diag_add(&an->diags, "lifeline-budget", SEV_NOTE, pf->fn->loc.file, pf->fn->loc.line, pf->fn->loc.col,
                      msg);
    }
    return s;
}

static void *analyse_program(void *arg) {
    analysis *an = arg;
    program *p = an->prog;
    arena scratch;
    arena_init(&scratch);
    uint32_t *scc = NULL;
    uint32_t *order = program_bottom_up(p, &scratch, &scc);
    for (uint32_t k = 0; k < p->nfns;) {
        uint32_t end = k;
        while (end < p->nfns && scc[end] == scc[k])
            end++;
        /* A cycle of mutually recursive functions: iterate until their summaries stop changing. */
        finding_list *pending = calloc(end - k, sizeof *pending);
        if (!pending) abort();
        for (int round = 0; round < SCC_MAX_ROUNDS; round++) {
            bool changed = false;
            for (uint32_t i = k; i < end; i++) {
                program_fn *pf = &p->fns[order[i]];
                finding_list_free(&pending[i - k]);
                fn_summary *s = analyse_function(an, pf, &pending[i - k]);
                if (!pf->summary || !summary_equal(pf->summary, s)) changed = true;
                pf->summary = s;
            }
            if (!changed || end - k == 1) {
                /* a single function is stable after one pass unless it calls itself */
                bool self_recursive = false;
                if (end - k == 1 && changed && round == 0) {
                    const ir_function *f = p->fns[order[k]].fn;
                    for (uint32_t b = 0; b < f->nblocks && !self_recursive; b++)
                        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                            const ir_event *ev = &f->blocks[b].events[e];
                            if (ev->kind == EV_CALL && ev->u.call.callee_usr &&
                                strcmp(ev->u.call.callee_usr, f->usr) == 0)
                                self_recursive = true;
                        }
                }
                if (!self_recursive) break;
            }
        }
        for (uint32_t i = k; i < end; i++) {
            program_fn *pf = &p->fns[order[i]];
            finding_list_take(&an->tus[tu_index_of(an, pf->module)].findings, &pending[i - k]);
        }
        free(pending);
        k = end;
    }
    arena_free(&scratch);
    return NULL;
}

static int load_stored_summary(void *ctx, const char *usr, const char *name, const char *file, const char *json) {
    program *p = ctx;
    if (program_find_fn(p, usr)) return 0; /* this run has the function's body: its summary is recomputed */
    fn_summary *s = summary_from_json(&p->arena, usr, name, file, json);
    if (s) strmap_put(&p->stored_summaries, s->usr, s);
    return 0;
}

static void explain_escapes(FILE *out, const program *p) {
    for (uint32_t i = 0; i < p->nfns; i++) {
        const program_fn *pf = &p->fns[i];
        if (!pf->summary) continue;
        const char **names = calloc(pf->fn->nparams + 1, sizeof *names);
        if (!names) abort();
        for (uint32_t k = 0; k < pf->fn->nparams; k++)
            names[k] = pf->fn->vars[k].name[0] ? pf->fn->vars[k].name : NULL;
        summary_explain(out, pf->summary, names);
        free(names);
    }
}

static char *default_db_path(const check_options *opt) {
    char dir[PATH_MAX];
    if (opt->compdb_dir) {
        struct stat st;
        snprintf(dir, sizeof dir, "%s", opt->compdb_dir);
        if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
            char *slash = strrchr(dir, '/');
            if (slash)
                *slash = '\0';
            else
                snprintf(dir, sizeof dir, ".");
        }
    } else if (!getcwd(dir, sizeof dir)) {
        snprintf(dir, sizeof dir, ".");
    }
    char *path = malloc(strlen(dir) + 32);
    if (!path) abort();
    sprintf(path, "%s/.lifeline/lifeline.db", dir);
    return path;
}

static int store_results(store *db, int64_t run, analysis *an, file_cache *fc, char *err, size_t errlen) {
    for (size_t t = 0; t < an->ntus; t++) {
        tu_info *ti = &an->tus[t];
        store_file *files = calloc(ti->fe.nincluded + 1, sizeof *files);
        if (!files) abort();
        size_t nfiles = 0;
        for (size_t i = 0; i < ti->fe.nincluded; i++) {
            cached_file *cf = file_cache_get(fc, ti->fe.included[i]);
            files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
        }
        if (!ti->fe.nincluded) {
            cached_file *cf = file_cache_get(fc, ti->job->file);
            files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
        }
        /* Summaries of the functions this TU contributed to the program. */
        size_t nsums = 0;
        store_summary *sums = NULL;
        char **jsons = NULL;
        if (ti->fe.module) {
            for (uint32_t i = 0; i < an->prog->nfns; i++) {
                const program_fn *pf = &an->prog->fns[i];
                if (pf->module != ti->fe.module || !pf->summary) continue;
                sums = realloc(sums, (nsums + 1) * sizeof *sums);
                jsons = realloc(jsons, (nsums + 1) * sizeof *jsons);
                if (!sums || !jsons) abort();
                jsons[nsums] = summary_to_json(pf->summary);
                sums[nsums] = (store_summary){pf->fn->usr, pf->fn->name, pf->fn->loc.file, jsons[nsums]};
                nsums++;
            }
        }
        size_t args_len = 1;
        for (size_t i = 0; i < ti->job->nargs; i++)
            args_len += strlen(ti->job->args[i]) + 1;
        char *args_text = malloc(args_len);
        if (!args_text) abort();
        size_t used = 0;
        for (size_t i = 0; i < ti->job->nargs; i++) {
            size_t n = strlen(ti->job->args[i]);
            memcpy(args_text + used, ti->job->args[i], n);
            used += n;
            args_text[used++] = '\n'; /* one argument per line: "-DA B" and "-DA" "B" hash differently */
        }
        char args_hash[FINGERPRINT_HEX_LEN + 1];
        content_hash(args_hash, args_text, used);
        free(args_text);
        const char *message = NULL;
        for (size_t i = 0; i < ti->fe.diags.count; i++)
            if (strcmp(ti->fe.diags.items[i].tag, "lifeline-parse-error") != 0) message = ti->fe.diags.items[i].message;
        store_tu rec = {.main_file = ti->job->file,
                        .directory = ti->job->directory,
                        .args_hash = args_hash,
                        .status = tu_status_name(ti->fe.status),
                        .message = message,
                        .files = files,
                        .nfiles = nfiles,
                        .findings = &ti->findings,
                        .summaries = sums,
                        .nsummaries = nsums};
        int rc = store_record_tu(db, run, &rec, err, errlen);
        for (size_t i = 0; i < nsums; i++)
            free(jsons[i]);
        free(jsons);
        free(sums);
        free(files);
        if (rc != 0) return -1;
    }
    return 0;
}

int driver_check(const check_options *opt) {
    char err[1024];
    compile_jobs jobs;
    int rc = opt->compdb_dir
                 ? compdb_load(opt->compdb_dir, &jobs, err, sizeof err)
                 : compdb_from_files(opt->files, opt->nfiles, opt->flags, opt->nflags, &jobs, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "lifeline: error: %s\n", err);
        return EXIT_USAGE;
    }

    /* Models before anything else: a broken model file is a configuration error. */
    models api;
    models_init(&api);
    tool_diag_list model_warnings = {0};
    if (models_load_builtin(&api, err, sizeof err) != 0) {
        fprintf(stderr, "lifeline: error: built-in models: %s\n", err);
        models_free(&api);
        compile_jobs_free(&jobs);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < opt->nmodel_files; i++) {
        if (models_load_file(&api, opt->model_files[i], &model_warnings, err, sizeof err) != 0) {
            fprintf(stderr, "lifeline: error: %s\n", err);
            tool_diag_list_free(&model_warnings);
            models_free(&api);
            compile_jobs_free(&jobs);
            return EXIT_USAGE;
        }
    }

    store *db = NULL;
    int64_t run = 0;
    if (!opt->no_db && !opt->parse_only) {
        char *path = opt->db_path ? strdup(opt->db_path) : default_db_path(opt);
        db = store_open(path, err, sizeof err);
        free(path);
        if (!db) {
            fprintf(stderr, "lifeline: error: %s\n", err);
            tool_diag_list_free(&model_warnings);
            models_free(&api);
            compile_jobs_free(&jobs);
            return EXIT_USAGE;
        }
        char cwd[PATH_MAX];
        const char *root = opt->compdb_dir ? opt->compdb_dir : (getcwd(cwd, sizeof cwd) ? cwd : ".");
        run = store_begin_run(db, LIFELINE_VERSION, opt->command_line ? opt->command_line : "lifeline check", root, err,
                              sizeof err);
        if (run < 0) {
            fprintf(stderr, "lifeline: error: %s\n", err);
            store_close(db);
            tool_diag_list_free(&model_warnings);
            models_free(&api);
            compile_jobs_free(&jobs);
            return EXIT_USAGE;
        }
    }

    analysis an = {0};
    tool_diag_list_take(&an.diags, &model_warnings);
    an.ntus = jobs.count;
    an.tus = calloc(jobs.count + 1, sizeof *an.tus);
    if (!an.tus) abort();
    for (size_t i = 0; i < jobs.count; i++)
        an.tus[i].job = &jobs.items[i];
    parse_work pw = {.tus = an.tus, .ntus = an.ntus, .parse_only = opt->parse_only};
    run_with_big_stack(parse_all, &pw);

    size_t failed = 0;
    for (size_t i = 0; i < an.ntus; i++) {
        if (an.tus[i].fe.status == TU_FAILED) failed++;
        tool_diag_list_take(&an.diags, &an.tus[i].fe.diags);
    }
    if (opt->parse_only) {
        for (size_t i = 0; i < an.ntus; i++)
            frontend_result_free(&an.tus[i].fe);
        free(an.tus);
        emit_options eo = {.relative_paths = false};
        emit_text_diags(stderr, &an.diags, &eo);
        tool_diag_list_free(&an.diags);
        models_free(&api);
        compile_jobs_free(&jobs);
        return failed ? EXIT_TU_FAILED : EXIT_CLEAN;
    }

    program prog;
    program_init(&prog);
    prog.models = &api;
    an.prog = &prog;
    for (size_t i = 0; i < an.ntus; i++)
        if (an.tus[i].fe.module) program_add_module(&prog, an.tus[i].fe.module);
    if (db && store_each_summary(db, load_stored_summary, &prog, err, sizeof err) != 0)
        fprintf(stderr, "lifeline: warning: stored summaries not used: %s\n", err);
    program_link(&prog);
    run_with_big_stack(analyse_program, &an);

    file_cache fc = {0};
    strmap_init(&fc.by_path);
    finding_list all = {0};
    for (size_t i = 0; i < an.ntus; i++) {
        finding_list_dedupe(&an.tus[i].findings);
        fingerprint_assign(&an.tus[i].findings, statement_text, &fc);
    }
    int exit_code = failed ? EXIT_TU_FAILED : EXIT_CLEAN;
    size_t nreported = 0;
    for (size_t i = 0; i < an.ntus; i++)
        for (size_t k = 0; k < an.tus[i].findings.count; k++)
            if (!an.tus[i].findings.items[k].suppressed) nreported++;
    if (!failed && nreported) exit_code = EXIT_FINDINGS;

    if (db) {
        if (store_results(db, run, &an, &fc, err, sizeof err) != 0 ||
            store_end_run(db, run, exit_code, nreported, failed, err, sizeof err) != 0) {
            fprintf(stderr, "lifeline: error: %s\n", err);
            exit_code = EXIT_USAGE;
        }
        store_close(db);
    }

    /* Output: findings of all TUs in one list (a header's finding appears once). */
    for (size_t i = 0; i < an.ntus; i++)
        finding_list_take(&all, &an.tus[i].findings);
    finding_list_dedupe(&all);

    FILE *out = stdout;
    if (opt->output) {
        out = fopen(opt->output, "w");
        if (!out) {
            fprintf(stderr, "lifeline: error: cannot write %s: %s\n", opt->output, strerror(errno));
            out = NULL;
            exit_code = EXIT_USAGE;
        }
    }
    if (out) {
        char cwd[PATH_MAX];
        const char *root = getcwd(cwd, sizeof cwd) ? cwd : "/";
        char rootbuf[PATH_MAX];
        if (opt->compdb_dir && realpath(opt->compdb_dir, rootbuf)) {
            /* %SRCROOT% is the source tree: the directory above a build/ directory, else the database's own. */
            char *slash = strrchr(rootbuf, '/');
            struct stat st;
            char probe[PATH_MAX + 32];
            snprintf(probe, sizeof probe, "%s/CMakeLists.txt", rootbuf);
            if (slash && slash != rootbuf && stat(probe, &st) != 0) *slash = '\0';
            root = rootbuf;
        }
        emit_options eo = {.srcroot = root,
                           .relative_paths = opt->format == FORMAT_TEXT && opt->output == NULL ? false : true,
                           .tool_version = LIFELINE_VERSION,
                           .category = opt->category,
                           .command_line = opt->command_line,
                           .exit_code = exit_code};
        if (opt->explain_escapes) explain_escapes(out, &prog);
        if (opt->format == FORMAT_SARIF) {
            if (emit_sarif(out, &all, &an.diags, &eo, err, sizeof err) != 0) {
                fprintf(stderr, "lifeline: error: %s\n", err);
                exit_code = EXIT_USAGE;
            }
        } else {
            emit_text_diags(stderr, &an.diags, &eo);
            emit_text_findings(out, &all, &eo);
        }
        if (out != stdout)
            fclose(out);
        else
            fflush(stdout);
    }

    finding_list_free(&all);
    file_cache_free(&fc);
    for (size_t i = 0; i < an.ntus; i++) {
        an.tus[i].fe.module = NULL; /* owned by the program now */
        frontend_result_free(&an.tus[i].fe);
        finding_list_free(&an.tus[i].findings);
    }
    program_free(&prog);
    models_free(&api);
    tool_diag_list_free(&an.diags);
    free(an.tus);
    compile_jobs_free(&jobs);
    return exit_code;
}

typedef struct dump_work {
    const compile_job *job;
    const char *function;
    int rc;
} dump_work;

static void *dump_one(void *arg) {
    dump_work *dw = arg;
    frontend_result fe;
    frontend_process(dw->job, NULL, &fe);
    emit_options eo = {0};
    emit_text_diags(stderr, &fe.diags, &eo);
    if (!fe.module) {
        dw->rc = EXIT_TU_FAILED;
    } else {
        bool any = false;
        for (uint32_t i = 0; i < fe.module->nfunctions; i++) {
            const ir_function *f = fe.module->functions[i];
            if (dw->function && strcmp(f->name, dw->function) != 0) continue;
            ir_dump_function(stdout, fe.module, f);
            any = true;
        }
        if (dw->function && !any) {
            fprintf(stderr, "lifeline: error: no function '%s' defined in %s\n", dw->function, dw->job->file);
            dw->rc = EXIT_USAGE;
        }
    }
    frontend_result_free(&fe);
    return NULL;
}

int driver_dump_cfg(const char *file, const char *function, const char *const *flags, size_t nflags) {
    char err[1024];
    compile_jobs jobs;
    if (compdb_from_files(&file, 1, flags, nflags, &jobs, err, sizeof err) != 0) {
        fprintf(stderr, "lifeline: error: %s\n", err);
        return EXIT_USAGE;
    }
    dump_work dw = {.job = &jobs.items[0], .function = function, .rc = 0};
    run_with_big_stack(dump_one, &dw);
    compile_jobs_free(&jobs);
    return dw.rc;
}
