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

#include "analysis.h"
#include "baseline.h"
#include "config.h"
#include "db_command.h"
#include "emit.h"
#include "frontend.h"
#include "incremental.h"
#include "models.h"
#include "report.h"
#include "shard.h"
#include "store.h"
#include "summary.h"

enum { WORKER_STACK = 512 * 1024 * 1024 };

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

/* --- changed-files mode (pre-commit): which TUs a list of files stands for ------------------------------------ */

typedef struct path_list {
    char **items;
    size_t count;
} path_list;

static int collect_path(void *ctx, const char *path) {
    path_list *pl = ctx;
    char **grown = realloc(pl->items, (pl->count + 1) * sizeof *pl->items);
    if (!grown) abort();
    pl->items = grown;
    pl->items[pl->count] = strdup(path);
    if (!pl->items[pl->count]) abort();
    pl->count++;
    return 0;
}

static void path_list_free(path_list *pl) {
    for (size_t i = 0; i < pl->count; i++)
        free(pl->items[i]);
    free(pl->items);
}

/* Keeps the jobs of the given files: a source file's own entries, and for any other file (a header) the TUs that
 * read it in stored runs. A file that maps to nothing is not an error — a commit may touch files outside the build
 * — only a note. The jobs not kept are freed. 0, or -1 with err set when the database cannot say which TUs read a
 * file: going on would leave those TUs out without a word, and a pre-commit check would pass that should not. */
static int select_changed_jobs(const check_options *opt, compile_jobs *jobs, store *db, tool_diag_list *notes,
                               char *err, size_t errlen) {
    bool *keep = calloc(jobs->count + 1, sizeof *keep);
    if (!keep) abort();
    for (size_t f = 0; f < opt->nfiles; f++) {
        char abs[PATH_MAX];
        if (!realpath(opt->files[f], abs)) {
            char msg[PATH_MAX + 64];
            snprintf(msg, sizeof msg, "%s: %s; not analysed", opt->files[f], strerror(errno));
            tool_diag_add(notes, "lifeline-skipped", SEV_NOTE, NULL, 0, 0, msg);
            continue;
        }
        bool found = false;
        for (size_t j = 0; j < jobs->count; j++)
            if (strcmp(jobs->items[j].file, abs) == 0) keep[j] = found = true;
        path_list including = {0};
        if (db && store_tus_including(db, abs, collect_path, &including, err, errlen) != 0) {
            path_list_free(&including);
            free(keep);
            return -1;
        }
        for (size_t i = 0; i < including.count; i++)
            for (size_t j = 0; j < jobs->count; j++)
                if (strcmp(jobs->items[j].file, including.items[i]) == 0) keep[j] = found = true;
        path_list_free(&including);
        if (!found)
            tool_diag_add(notes, "lifeline-skipped", SEV_NOTE, abs, 0, 0,
                          "no translation unit of the compile database is or includes this file; not analysed");
    }
    size_t kept = 0;
    for (size_t j = 0; j < jobs->count; j++) {
        if (keep[j]) {
            jobs->items[kept++] = jobs->items[j];
            continue;
        }
        compile_job_free(&jobs->items[j]);
    }
    jobs->count = kept;
    free(keep);
    return 0;
}

/* --shard K/N: keeps the shard's TUs (hashed by their path relative to compile_commands.json's directory, or to the
 * current directory for explicit files). A shard that holds none is not an error: a matrix may be wider than the
 * project. */
static void select_shard(const check_options *opt, compile_jobs *jobs, tool_diag_list *notes) {
    if (opt->shard_count == 0) return;
    shard_spec spec = {.index = opt->shard_index, .count = opt->shard_count};
    size_t before = shard_select_jobs(jobs, opt->compdb_dir, spec);
    if (jobs->count == 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "shard %u/%u holds none of the %zu translation units; nothing to analyse", spec.index,
                 spec.count, before);
        tool_diag_add(notes, "lifeline-shard", SEV_NOTE, NULL, 0, 0, msg);
    }
}

/* --- one `lifeline check` ------------------------------------------------------------------------------------- */

typedef struct check_run {
    const check_options *opt;
    compile_jobs jobs;
    bool have_jobs;
    models api;
    bool have_models;
    config_set *configs;
    store *db;
    int64_t run;
    strmap baseline; /* fingerprints not to report (--baseline, --new) */
    bool have_baseline;
    tool_diag_list notes;                      /* said before the analysis: model warnings, skipped files */
    char models_hash[FINGERPRINT_HEX_LEN + 1]; /* every model file loaded, for the cache's inputs hash */
    char err[1024];
} check_run;

static void prefix_err(char *err, size_t errlen, const char *prefix) {
    size_t plen = strlen(prefix), len = strlen(err);
    if (plen + 1 >= errlen) return;
    if (plen + len + 1 > errlen) len = errlen - plen - 1;
    memmove(err + plen, err, len);
    memcpy(err, prefix, plen);
    err[plen + len] = '\0';
}

static int fail_usage(check_run *cr) {
    fprintf(stderr, "lifeline: error: %s\n", cr->err);
    return EXIT_USAGE;
}

static bool is_partial(const check_options *opt) {
    return opt->compdb_dir && opt->nfiles > 0;
}

/* Models: built-ins, --models files, and the model files of the config of every TU being analysed. A broken model
 * file or config is a configuration error. */
static int load_models(check_run *cr) {
    const check_options *opt = cr->opt;
    models_init(&cr->api);
    cr->have_models = true;
    if (models_load_builtin(&cr->api, cr->err, sizeof cr->err) != 0) {
        prefix_err(cr->err, sizeof cr->err, "built-in models: ");
        return -1;
    }
    inputs_hasher models_hash;
    inputs_hasher_init(&models_hash);
    size_t nbuiltin = 0;
    const builtin_model *builtin = models_builtin_all(&nbuiltin);
    for (size_t i = 0; i < nbuiltin; i++)
        inputs_hasher_add(&models_hash, builtin[i].name, builtin[i].text, builtin[i].length);
    strmap loaded;
    strmap_init(&loaded);
    int rc = 0;
    for (size_t i = 0; i < opt->nmodel_files && rc == 0; i++) {
        strmap_put(&loaded, opt->model_files[i], (void *)opt->model_files[i]);
        inputs_hasher_add_file(&models_hash, opt->model_files[i]);
        rc = models_load_file(&cr->api, opt->model_files[i], &cr->notes, cr->err, sizeof cr->err);
    }
    report_options ro = {.configs = cr->configs};
    for (size_t j = 0; j < cr->jobs.count && rc == 0; j++) {
        const lifeline_config *c;
        rc = report_config_for(&ro, cr->jobs.items[j].file, &c, cr->err, sizeof cr->err);
        for (size_t m = 0; rc == 0 && m < config_model_count(c); m++) {
            const char *path = config_model_at(c, m);
            if (strmap_get(&loaded, path)) continue;
            strmap_put(&loaded, path, (void *)path);
            inputs_hasher_add_file(&models_hash, path);
            rc = models_load_file(&cr->api, path, &cr->notes, cr->err, sizeof cr->err);
        }
    }
    strmap_free(&loaded);
    inputs_hasher_finish(&models_hash, cr->models_hash);
    return rc;
}

static int open_store(check_run *cr) {
    const check_options *opt = cr->opt;
    if (opt->no_db || opt->parse_only) return 0;
    char *path = opt->db_path ? strdup(opt->db_path) : db_default_path(opt->compdb_dir);
    if (!path) abort();
    cr->db = store_open(path, cr->err, sizeof cr->err);
    free(path);
    return cr->db ? 0 : -1;
}

static int add_fingerprint(void *ctx, const char *fingerprint) {
    strmap *fps = ctx;
    if (!strmap_get(fps, fingerprint)) {
        char *copy = strdup(fingerprint);
        if (!copy) abort();
        strmap_put(fps, copy, copy);
    }
    return 0;
}

/* --baseline and --new, read before this run is recorded so it cannot be its own baseline. */
static int load_baseline(check_run *cr) {
    const check_options *opt = cr->opt;
    if (!opt->baseline && !opt->only_new) return 0;
    strmap_init(&cr->baseline);
    cr->have_baseline = true;
    if (opt->baseline && baseline_load(opt->baseline, cr->db, &cr->baseline, cr->err, sizeof cr->err) != 0) return -1;
    if (opt->only_new) {
        if (!cr->db) {
            snprintf(cr->err, sizeof cr->err,
                     "--new compares with the last full run in the database; not with --no-db");
            return -1;
        }
        int64_t full = store_latest_full_run(cr->db);
        if (full < 0) {
            store_describe_error(cr->db, "cannot find the latest full run for --new", cr->err, sizeof cr->err);
            return -1;
        }
        if (full == 0)
            tool_diag_add(&cr->notes, "lifeline-baseline", SEV_NOTE, NULL, 0, 0,
                          "--new: the database has no full run yet, so every finding is new; run `lifeline check -p "
                          "BUILD_DIR` once without files to record one");
        else if (store_run_fingerprints(cr->db, full, add_fingerprint, &cr->baseline, cr->err, sizeof cr->err) != 0)
            return -1;
    }
    return 0;
}

/* What %SRCROOT% and relative paths stand for: --srcroot, else the working directory (a CI job's checkout). */
static const char *source_root(const check_options *opt, char buf[PATH_MAX]) {
    if (opt->srcroot) return realpath(opt->srcroot, buf) ? buf : opt->srcroot;
    return getcwd(buf, PATH_MAX) ? buf : "/";
}

static int begin_run(check_run *cr) {
    const check_options *opt = cr->opt;
    if (!cr->db) return 0;
    char buf[PATH_MAX];
    const char *root = source_root(opt, buf);
    cr->run = store_begin_run(cr->db, LIFELINE_VERSION, opt->command_line ? opt->command_line : "lifeline check", root,
                              cr->err, sizeof cr->err);
    if (cr->run < 0) return -1;
    if ((is_partial(opt) || opt->shard_count > 1) &&
        store_set_run_scope(cr->db, cr->run, "partial", cr->err, sizeof cr->err) != 0)
        return -1;
    return 0;
}

static void check_run_free(check_run *cr) {
    if (cr->db) store_close(cr->db);
    if (cr->have_baseline) baseline_free(&cr->baseline);
    if (cr->configs) config_set_free(cr->configs);
    if (cr->have_models) models_free(&cr->api);
    if (cr->have_jobs) compile_jobs_free(&cr->jobs);
    tool_diag_list_free(&cr->notes);
}

static int write_report(check_run *cr, const program *prog, tool_diag_list *diags, finding_list *all, int exit_code) {
    const check_options *opt = cr->opt;
    FILE *out = stdout;
    if (opt->output) {
        out = fopen(opt->output, "w");
        if (!out) {
            fprintf(stderr, "lifeline: error: cannot write %s: %s\n", opt->output, strerror(errno));
            return EXIT_USAGE;
        }
    }
    char buf[PATH_MAX];
    const char *root = source_root(opt, buf);
    emit_options eo = {.srcroot = root,
                       .relative_paths = opt->format == FORMAT_TEXT && opt->output == NULL ? false : true,
                       .tool_version = LIFELINE_VERSION,
                       .category = opt->category,
                       .command_line = opt->command_line,
                       .exit_code = exit_code};
    if (opt->explain_escapes && prog) explain_escapes(out, prog);
    if (opt->format == FORMAT_SARIF) {
        if (all->count > emit_sarif_result_limit(&eo))
            fprintf(stderr,
                    "lifeline: warning: %zu results exceed GitHub code scanning's limit of %zu per run; the SARIF log "
                    "keeps the first %zu\n",
                    all->count, emit_sarif_result_limit(&eo), emit_sarif_result_limit(&eo));
        if (emit_sarif(out, all, diags, &eo, cr->err, sizeof cr->err) != 0) {
            fprintf(stderr, "lifeline: error: %s\n", cr->err);
            exit_code = EXIT_USAGE;
        }
    } else {
        emit_text_diags(stderr, diags, &eo);
        emit_text_findings(out, all, &eo);
    }
    /* A report cut short (disk full, a closed pipe) must not pass for a complete one. */
    bool bad = ferror(out) != 0;
    if (out != stdout ? fclose(out) != 0 : fflush(stdout) != 0) bad = true;
    if (bad) {
        fprintf(stderr, "lifeline: error: cannot write %s: %s\n", opt->output ? opt->output : "the report",
                strerror(errno ? errno : EIO));
        exit_code = EXIT_USAGE;
    }
    return exit_code;
}

/* A database error after the analysis started: one error line, and in SARIF an error notification, while the report
 * still carries every finding (README "Robustness"). The exit code is 2, since the run was not recorded. */
static void store_failure(check_run *cr, tool_diag_list *diags) {
    char msg[sizeof cr->err + 128];
    snprintf(msg, sizeof msg, "%s. Every finding is still reported; the run stays unfinished in the database", cr->err);
    fprintf(stderr, "lifeline: error: %s\n", msg);
    if (cr->opt->format == FORMAT_SARIF) tool_diag_add(diags, "lifeline-store", SEV_ERROR, NULL, 0, 0, msg);
}

/* The analysis proper (incremental.h: TUs whose inputs are unchanged are reused from the database), the run's record
 * and the report. Returns the exit code. */
static int check_jobs(check_run *cr, const analysis_input *in) {
    const check_options *opt = cr->opt;
    report_options ro = {.configs = cr->configs, .cli_rules = opt->cli_rules};
    char *hashes = calloc(cr->jobs.count + 1, FINGERPRINT_HEX_LEN + 1);
    const char **hash_ptrs = calloc(cr->jobs.count + 1, sizeof *hash_ptrs);
    if (!hashes || !hash_ptrs) abort();
    for (size_t j = 0; j < cr->jobs.count && cr->db; j++) {
        const lifeline_config *c = NULL;
        if (report_config_for(&ro, cr->jobs.items[j].file, &c, cr->err, sizeof cr->err) != 0) {
            free(hashes);
            free(hash_ptrs);
            return fail_usage(cr);
        }
        hash_ptrs[j] = hashes + j * (FINGERPRINT_HEX_LEN + 1);
        incremental_tu_inputs_hash(hashes + j * (FINGERPRINT_HEX_LEN + 1), cr->models_hash, c ? config_path(c) : NULL,
                                   opt->cli_rules);
    }
    bool use_cache = cr->db && !opt->no_cache && !opt->explain_escapes;
    incremental_input ii = {.jobs = &cr->jobs,
                            .base = *in,
                            .db = cr->db,
                            .run = cr->run,
                            .use_cache = use_cache,
                            .keep_analysis = opt->explain_escapes,
                            .inputs_hashes = cr->db ? hash_ptrs : NULL,
                            .ro = &ro};
    incremental_result res;
    int exit_code = EXIT_CLEAN;
    if (incremental_check(&ii, &res, cr->err, sizeof cr->err) != 0) {
        fprintf(stderr, "lifeline: error: %s\n", cr->err);
        exit_code = EXIT_USAGE;
    } else if (res.store_failed) {
        store_failure(cr, &res.diags);
        exit_code = EXIT_USAGE;
    }
    free(hashes);
    free(hash_ptrs);
    tool_diag_list_take(&res.diags, &cr->notes);
    size_t failed = res.failed_tus;
    if (exit_code == EXIT_CLEAN && failed) exit_code = EXIT_TU_FAILED;

    /* Everything is stored, per TU; what is reported is one list (a header's finding appears once) without the
     * suppressed findings and those in the baseline. */
    finding_list all = {0};
    for (size_t i = 0; i < res.ntus; i++)
        finding_list_take(&all, &res.tus[i].findings);
    finding_list_dedupe(&all);
    size_t nreported = 0, nbaselined = 0, kept = 0;
    for (size_t i = 0; i < all.count; i++) {
        finding *f = &all.items[i];
        if (cr->have_baseline && baseline_has(&cr->baseline, f->fingerprint)) {
            if (!f->suppressed) nbaselined++;
            finding_clear(f);
            continue;
        }
        if (!f->suppressed) nreported++;
        all.items[kept++] = *f;
    }
    all.count = kept;
    if (nbaselined) {
        char msg[128];
        snprintf(msg, sizeof msg, "%zu finding%s already in the baseline not reported", nbaselined,
                 nbaselined == 1 ? "" : "s");
        tool_diag_add(&res.diags, "lifeline-baseline", SEV_NOTE, NULL, 0, 0, msg);
    }
    if (use_cache) {
        char msg[256];
        int n = snprintf(msg, sizeof msg, "%zu of %zu TUs analysed, %zu unchanged (cache)", res.analysed, res.ntus,
                         res.reused);
        if (res.dependents && n > 0 && (size_t)n < sizeof msg)
            snprintf(msg + n, sizeof msg - (size_t)n,
                     "; %zu of them analysed again only because a function or global they use changed", res.dependents);
        tool_diag_add(&res.diags, "lifeline-cache", SEV_NOTE, NULL, 0, 0, msg);
    }
    if (exit_code == EXIT_CLEAN && nreported && !opt->summarize_only) exit_code = EXIT_FINDINGS;
    /* The run is marked finished only when everything is recorded: after an error it stays unfinished, so it is never
     * taken for a baseline, --new's reference or the cache. */
    if (cr->db && exit_code != EXIT_USAGE &&
        store_end_run(cr->db, cr->run, exit_code, nreported, failed, cr->err, sizeof cr->err) != 0) {
        store_failure(cr, &res.diags);
        exit_code = EXIT_USAGE;
    }
    if (opt->summarize_only) { /* no report, no findings: the notes about the run only */
        emit_options eo = {.relative_paths = false};
        emit_text_diags(stderr, &res.diags, &eo);
    } else {
        exit_code = write_report(cr, res.have_last ? &res.last.prog : NULL, &res.diags, &all, exit_code);
    }
    finding_list_free(&all);
    incremental_result_free(&res);
    return exit_code;
}

int driver_check(const check_options *opt) {
    check_run cr = {.opt = opt};
    int rc = opt->compdb_dir
                 ? compdb_load(opt->compdb_dir, &cr.jobs, cr.err, sizeof cr.err)
                 : compdb_from_files(opt->files, opt->nfiles, opt->flags, opt->nflags, &cr.jobs, cr.err, sizeof cr.err);
    if (rc != 0) return fail_usage(&cr);
    cr.have_jobs = true;
    if (opt->cli_rules && !rule_glob_list_check(opt->cli_rules, cr.err, sizeof cr.err)) {
        prefix_err(cr.err, sizeof cr.err, "--rules: ");
        check_run_free(&cr);
        return fail_usage(&cr);
    }
    cr.configs = config_set_new(opt->config_path);
    if (open_store(&cr) != 0 ||
        (is_partial(opt) && select_changed_jobs(opt, &cr.jobs, cr.db, &cr.notes, cr.err, sizeof cr.err) != 0) ||
        (select_shard(opt, &cr.jobs, &cr.notes), 0) || load_models(&cr) != 0 || load_baseline(&cr) != 0 ||
        begin_run(&cr) != 0) {
        rc = fail_usage(&cr);
        check_run_free(&cr);
        return rc;
    }

    analysis an;
    analysis_input in = {.jobs = &cr.jobs,
                         .api = &cr.api,
                         .db = cr.db,
                         .parse_only = opt->parse_only,
                         .workers = opt->jobs,
                         .isolate = !opt->in_process,
                         .tu_seconds = opt->in_process ? 0 : opt->tu_timeout};
    if (!opt->parse_only) {
        rc = check_jobs(&cr, &in);
        check_run_free(&cr);
        return rc;
    }
    analysis_run(&an, &in);
    tool_diag_list_take(&an.diags, &cr.notes);
    emit_options eo = {.relative_paths = false};
    emit_text_diags(stderr, &an.diags, &eo);
    size_t failed = an.failed_tus;
    analysis_free(&an);
    check_run_free(&cr);
    return failed ? EXIT_TU_FAILED : EXIT_CLEAN;
}

/* Run fn(arg) on a thread with a big stack: lowering recurses over the syntax tree. */
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
