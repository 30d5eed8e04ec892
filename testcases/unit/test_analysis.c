/* test_analysis.c — the whole pipeline of analysis.c run with several worker counts: parsing in parallel and analysing
 * independent SCCs of the call graph in parallel must give the same findings, diagnostics and summaries, in the same
 * order, as one worker, and so must parsing in worker processes; and the per-function time limit abandons a function
 * that runs too long (its findings dropped, no summary, a lifeline-budget note) while the rest of the run goes on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "models.h"
#include "summary.h"

static models g_api;

static int group_setup(void **state) {
    (void)state;
    char err[512];
    models_init(&g_api);
    if (models_load_builtin(&g_api, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    models_free(&g_api);
    return 0;
}

static const char *testcases_dir(void) {
    const char *d = getenv("LIFELINE_TESTCASES");
    return d ? d : LIFELINE_SOURCE_DIR "/testcases";
}

typedef struct paths {
    char **items;
    size_t count;
} paths;

static void paths_add(paths *p, const char *path) {
    p->items = realloc(p->items, (p->count + 1) * sizeof *p->items);
    assert_non_null(p->items);
    p->items[p->count++] = strdup(path);
}

static void paths_free(paths *p) {
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .c files under dir and its subdirectories (the xtu-* samples: several TUs calling each other), sorted. */
static void collect_sources(const char *dir, paths *out) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            collect_sources(path, out);
        else if (n > 2 && strcmp(e->d_name + n - 2, ".c") == 0)
            paths_add(out, path);
    }
    closedir(d);
    qsort(out->items, out->count, sizeof *out->items, cmp_str);
}

/* Everything a run produced, as text: per TU its status and findings (with steps and fingerprints), the
 * diagnostics in order, and every function's summary. */
static char *describe(const analysis *an) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    fprintf(f, "failed %zu\n", an->failed_tus);
    for (size_t t = 0; t < an->ntus; t++) {
        const analysis_tu *tu = &an->tus[t];
        fprintf(f, "tu %s %s\n", tu->job->file, tu_status_name(tu->fe.status));
        for (size_t i = 0; i < tu->findings.count; i++) {
            const finding *x = &tu->findings.items[i];
            fprintf(f, "  %s:%u:%u %s %s [%s] %s in %s\n", x->file, x->line, x->col, severity_name(x->level),
                    x->message, x->rule_id, x->fingerprint ? x->fingerprint : "-", x->function);
            for (size_t s = 0; s < x->nsteps; s++)
                fprintf(f, "    %s:%u:%u %s\n", x->steps[s].file, x->steps[s].line, x->steps[s].col,
                        x->steps[s].message);
        }
    }
    for (size_t i = 0; i < an->diags.count; i++) {
        const tool_diag *d = &an->diags.items[i];
        fprintf(f, "diag %s %s:%u:%u %s\n", d->tag, d->file ? d->file : "-", d->line, d->col, d->message);
    }
    for (uint32_t i = 0; i < an->prog.nfns; i++) {
        const program_fn *pf = &an->prog.fns[i];
        char *json = pf->summary ? summary_to_json(pf->summary) : NULL;
        fprintf(f, "fn %s %s\n", pf->fn->usr, json ? json : "(none)");
        free(json);
    }
    fclose(f);
    return buf;
}

static size_t count_findings(const analysis *an) {
    size_t n = 0;
    for (size_t t = 0; t < an->ntus; t++)
        n += an->tus[t].findings.count;
    return n;
}

static char *run_described_ex(const compile_jobs *jobs, unsigned workers, bool isolate, size_t *nfindings) {
    analysis an;
    analysis_input in = {.jobs = jobs, .api = &g_api, .workers = workers, .isolate = isolate};
    analysis_run(&an, &in);
    char *text = describe(&an);
    if (nfindings) *nfindings = count_findings(&an);
    analysis_free(&an);
    return text;
}

static char *run_described(const compile_jobs *jobs, unsigned workers, size_t *nfindings) {
    return run_described_ex(jobs, workers, false, nfindings);
}

/* One program of many TUs: samples of several rule families and every multi-TU sample of them, so the call graph
 * has cross-TU edges, recursive cycles, wrappers and same-named functions of different files. */
static void test_workers_give_identical_results(void **state) {
    (void)state;
    static const char *const families[] = {"handle-leak", "thread-not-joined", "shared-session", "thread-stack-arg"};
    paths files = {0};
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", testcases_dir(), families[i]);
        collect_sources(dir, &files);
    }
    assert_true(files.count > 100);
    static const char *const flags[] = {"-std=gnu17"};
    compile_jobs jobs;
    char err[1024];
    assert_int_equal(compdb_from_files((const char *const *)files.items, files.count, flags, 1, &jobs, err, sizeof err),
                     0);
    size_t n1, n4, n3;
    char *one = run_described(&jobs, 1, &n1);
    char *four = run_described(&jobs, 4, &n4);
    char *three = run_described(&jobs, 3, &n3);
    assert_true(n1 > 50);
    assert_int_equal(n1, n4);
    assert_string_equal(one, four);
    assert_string_equal(one, three);
    free(one);
    free(four);
    free(three);
    compile_jobs_free(&jobs);
    paths_free(&files);
}

/* The same program parsed in worker processes (parse_pool.h), its IR sent back over a socket: the same findings,
 * diagnostics and summaries as parsing in this process. */
static void test_worker_processes_give_identical_results(void **state) {
    (void)state;
    static const char *const families[] = {"handle-leak", "stack-address-escape", "missing-timeout"};
    paths files = {0};
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", testcases_dir(), families[i]);
        collect_sources(dir, &files);
    }
    assert_true(files.count > 100);
    static const char *const flags[] = {"-std=gnu17"};
    compile_jobs jobs;
    char err[1024];
    assert_int_equal(compdb_from_files((const char *const *)files.items, files.count, flags, 1, &jobs, err, sizeof err),
                     0);
    size_t n_in, n_out;
    char *in_process = run_described_ex(&jobs, 2, false, &n_in);
    char *workers = run_described_ex(&jobs, 2, true, &n_out);
    assert_true(n_in > 50);
    assert_int_equal(n_in, n_out);
    assert_string_equal(in_process, workers);
    free(in_process);
    free(workers);
    compile_jobs_free(&jobs);
    paths_free(&files);
}

/* Several small TUs, one worker per TU and more workers than TUs or SCCs. */
static void test_more_workers_than_work(void **state) {
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/handle-leak/xtu-acquire-wrapper-leak", testcases_dir());
    paths files = {0};
    collect_sources(dir, &files);
    assert_int_equal(files.count, 2);
    compile_jobs jobs;
    char err[1024];
    assert_int_equal(compdb_from_files((const char *const *)files.items, files.count, NULL, 0, &jobs, err, sizeof err),
                     0);
    size_t n1, n64;
    char *one = run_described(&jobs, 1, &n1);
    char *many = run_described(&jobs, 64, &n64);
    assert_true(n1 >= 1);
    assert_string_equal(one, many);
    free(one);
    free(many);
    compile_jobs_free(&jobs);
    paths_free(&files);
}

/* big() runs a loop of independent branches: thousands of block visits for each checker. small() leaks in a few. */
static const char timed_source[] = "#include <stdio.h>\n"
                                   "int more(void);\n"
                                   "void g(int);\n"
                                   "void small(void) {\n"
                                   "    FILE *f = fopen(\"a\", \"r\");\n"
                                   "    (void)f;\n"
                                   "}\n"
                                   "void big(int a, int b, int c, int d, int e, int h) {\n"
                                   "    FILE *f = fopen(\"b\", \"r\");\n"
                                   "    while (more()) {\n"
                                   "        if (a) g(1); if (b) g(2); if (c) g(3);\n"
                                   "        if (d) g(4); if (e) g(5); if (h) g(6);\n"
                                   "        if (a) a = more(); if (b) b = more(); if (c) c = more();\n"
                                   "        if (d) d = more(); if (e) e = more(); if (h) h = more();\n"
                                   "    }\n"
                                   "}\n"
                                   "void caller(void) { big(1, 2, 3, 4, 5, 6); }\n";

static const tool_diag *find_diag(const analysis *an, const char *tag, const char *needle) {
    for (size_t i = 0; i < an->diags.count; i++)
        if (strcmp(an->diags.items[i].tag, tag) == 0 && strstr(an->diags.items[i].message, needle))
            return &an->diags.items[i];
    return NULL;
}

static bool has_finding_in(const analysis *an, const char *function) {
    for (size_t t = 0; t < an->ntus; t++)
        for (size_t i = 0; i < an->tus[t].findings.count; i++)
            if (strcmp(an->tus[t].findings.items[i].function, function) == 0) return true;
    return false;
}

static const fn_summary *summary_of(const analysis *an, const char *name) {
    for (uint32_t i = 0; i < an->prog.nfns; i++)
        if (strcmp(an->prog.fns[i].fn->name, name) == 0) return an->prog.fns[i].summary;
    return NULL;
}

static void test_function_time_limit(void **state) {
    (void)state;
    char dir[] = "/tmp/lifeline-analysis-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/timed.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(timed_source, f);
    fclose(f);
    const char *files[] = {path};
    compile_jobs jobs;
    char err[1024];
    assert_int_equal(compdb_from_files(files, 1, NULL, 0, &jobs, err, sizeof err), 0);

    /* Without a tight limit: both leaks are found, big() has a summary. */
    analysis an;
    analysis_input in = {.jobs = &jobs, .api = &g_api, .workers = 2};
    analysis_run(&an, &in);
    assert_true(has_finding_in(&an, "small"));
    assert_true(has_finding_in(&an, "big"));
    assert_non_null(summary_of(&an, "big"));
    assert_null(find_diag(&an, "lifeline-budget", "big"));
    analysis_free(&an);

    /* A limit no function with ENGINE_CLOCK_EVERY visits can meet: big() is abandoned, small() (too few visits to
     * look at the clock) is not, and the run finishes. */
    in.function_seconds = 1e-9;
    analysis_run(&an, &in);
    assert_true(has_finding_in(&an, "small"));
    assert_false(has_finding_in(&an, "big"));
    assert_null(summary_of(&an, "big"));
    assert_non_null(summary_of(&an, "small"));
    assert_non_null(summary_of(&an, "caller"));
    const tool_diag *d = find_diag(&an, "lifeline-budget", "'big'");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "abandoned"));
    assert_int_equal(d->line, 8);
    assert_null(find_diag(&an, "lifeline-budget", "'small'"));
    analysis_free(&an);

    compile_jobs_free(&jobs);
    unlink(path);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workers_give_identical_results),
        cmocka_unit_test(test_worker_processes_give_identical_results),
        cmocka_unit_test(test_more_workers_than_work),
        cmocka_unit_test(test_function_time_limit),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
