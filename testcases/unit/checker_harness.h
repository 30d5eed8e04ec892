/* checker_harness.h — shared by the checker unit tests: runs one checker end to end on in-memory C source, the way
 * the driver does (real front end, program linked with the built-in models, summaries bottom-up with core facts
 * first, recursive cycles iterated), leaving the program in g_prog and the findings in g_findings.
 *
 * A test file includes it after cmocka.h, sets g_checker in main, and uses group_setup/group_teardown/free_world. */
#ifndef LIFELINE_CHECKER_HARNESS_H
#define LIFELINE_CHECKER_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_facts.h"
#include "engine.h"
#include "frontend.h"
#include "models.h"
#include "program.h"
#include "registry.h"
#include "summary.h"

static const checker_ops *g_checker;
static models g_models;

static char g_dir[64];
static char g_path[128];
static program g_prog;
static bool g_have_prog;
static finding_list g_findings;

static int group_setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/lifeline-checker-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_path, sizeof g_path, "%s/sample.c", g_dir);
    models_init(&g_models);
    char err[256];
    return models_load_builtin(&g_models, err, sizeof err);
}

static int group_teardown(void **state) {
    (void)state;
    rmdir(g_dir);
    models_free(&g_models);
    return 0;
}

static int free_world(void **state) {
    (void)state;
    if (g_have_prog) program_free(&g_prog);
    g_have_prog = false;
    finding_list_free(&g_findings);
    return 0;
}

/* One function with core facts then the checker under test; findings to `out`. */
static fn_summary *analyse_function(program_fn *pf, finding_list *out) {
    const ir_function *f = pf->fn;
    fn_summary *s = summary_new(&g_prog.arena, f->usr, f->name, f->loc.file, f->loc.line, f->nparams);
    for (uint32_t i = 0; i < s->nparams; i++)
        s->params[i].escape_param = -1;
    engine_result r = engine_run(&g_prog, pf->module, f, &core_facts_checker, s, NULL, out);
    assert_false(r.budget_exhausted);
    r = engine_run(&g_prog, pf->module, f, g_checker, s, NULL, out);
    assert_false(r.budget_exhausted);
    return s;
}

/* Parses `src`, links it and analyses every function bottom-up (recursive cycles iterated, as driver.c does). */
static void analyse(const char *src) {
    static char std_arg[] = "-std=gnu17";
    char *args[] = {std_arg};
    compile_job job = {.file = g_path, .directory = g_dir, .args = args, .nargs = 1};
    frontend_options opt = {.unsaved_contents = src, .unsaved_length = strlen(src)};
    frontend_result fe;
    frontend_process(&job, &opt, &fe);
    for (size_t i = 0; i < fe.diags.count; i++)
        print_message("unexpected diagnostic: %u: %s\n", fe.diags.items[i].line, fe.diags.items[i].message);
    assert_int_equal(fe.status, TU_OK);
    assert_non_null(fe.module);
    if (g_have_prog) program_free(&g_prog);
    program_init(&g_prog);
    g_prog.models = &g_models;
    g_have_prog = true;
    program_add_module(&g_prog, fe.module);
    fe.module = NULL;
    frontend_result_free(&fe);
    program_link(&g_prog);

    finding_list_free(&g_findings);
    arena scratch;
    arena_init(&scratch);
    uint32_t *scc = NULL;
    uint32_t *order = program_bottom_up(&g_prog, &scratch, &scc);
    for (uint32_t k = 0; k < g_prog.nfns;) {
        uint32_t end = k;
        while (end < g_prog.nfns && scc[end] == scc[k])
            end++;
        finding_list *pending = calloc(end - k, sizeof *pending);
        assert_non_null(pending);
        for (int round = 0; round < 5; round++) {
            bool changed = false;
            for (uint32_t i = k; i < end; i++) {
                program_fn *pf = &g_prog.fns[order[i]];
                finding_list_free(&pending[i - k]);
                fn_summary *s = analyse_function(pf, &pending[i - k]);
                if (!pf->summary || !summary_equal(pf->summary, s)) changed = true;
                pf->summary = s;
            }
            if (!changed) break;
        }
        for (uint32_t i = k; i < end; i++)
            finding_list_take(&g_findings, &pending[i - k]);
        free(pending);
        k = end;
    }
    arena_free(&scratch);
    finding_list_sort(&g_findings);
}

/* --- looking at the results ------------------------------------------------------------------------------------ */

static inline const fn_summary *summary_of(const char *name) {
    for (uint32_t i = 0; i < g_prog.nfns; i++)
        if (strcmp(g_prog.fns[i].fn->name, name) == 0) {
            assert_non_null(g_prog.fns[i].summary);
            return g_prog.fns[i].summary;
        }
    fail_msg("no function %s", name);
    return NULL;
}

static inline size_t findings_of(const char *rule, const char *function) {
    size_t n = 0;
    for (size_t i = 0; i < g_findings.count; i++)
        n += strcmp(g_findings.items[i].rule_id, rule) == 0 && strcmp(g_findings.items[i].function, function) == 0;
    return n;
}

static inline const finding *finding_of(const char *rule, const char *function) {
    for (size_t i = 0; i < g_findings.count; i++)
        if (strcmp(g_findings.items[i].rule_id, rule) == 0 && strcmp(g_findings.items[i].function, function) == 0)
            return &g_findings.items[i];
    fail_msg("no %s finding in %s", rule, function);
    return NULL;
}

static inline unsigned line_of(const char *rule, const char *function) {
    return finding_of(rule, function)->line;
}

/* Every finding, when an assertion is about to fail (cmocka prints nothing of them). */
static inline void dump_findings(void) {
    for (size_t i = 0; i < g_findings.count; i++)
        print_message("  %s:%u [%s] %s\n", g_findings.items[i].function, g_findings.items[i].line,
                      g_findings.items[i].rule_id, g_findings.items[i].message);
}

/* Exactly `want` findings of `rule` in `function`. */
static inline void expect_count(const char *rule, const char *function, size_t want) {
    size_t got = findings_of(rule, function);
    if (got != want) {
        print_message("%s in %s: want %zu, got %zu\n", rule, function, want, got);
        dump_findings();
    }
    assert_int_equal(got, want);
}

#endif
