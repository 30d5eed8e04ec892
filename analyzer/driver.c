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
#include "emit.h"
#include "frontend.h"
#include "models.h"
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

    analysis an;
    analysis_input in = {.jobs = &jobs, .api = &api, .db = db, .parse_only = opt->parse_only};
    analysis_run(&an, &in);
    tool_diag_list_take(&an.diags, &model_warnings);
    size_t failed = an.failed_tus;
    if (opt->parse_only) {
        emit_options eo = {.relative_paths = false};
        emit_text_diags(stderr, &an.diags, &eo);
        analysis_free(&an);
        models_free(&api);
        compile_jobs_free(&jobs);
        return failed ? EXIT_TU_FAILED : EXIT_CLEAN;
    }

    finding_list all = {0};
    int exit_code = failed ? EXIT_TU_FAILED : EXIT_CLEAN;
    size_t nreported = 0;
    for (size_t i = 0; i < an.ntus; i++)
        for (size_t k = 0; k < an.tus[i].findings.count; k++)
            if (!an.tus[i].findings.items[k].suppressed) nreported++;
    if (!failed && nreported) exit_code = EXIT_FINDINGS;

    if (db) {
        if (analysis_store(&an, db, run, err, sizeof err) != 0 ||
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
        if (opt->explain_escapes) explain_escapes(out, &an.prog);
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
    analysis_free(&an);
    models_free(&api);
    compile_jobs_free(&jobs);
    return exit_code;
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
