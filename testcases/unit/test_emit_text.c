/* test_emit_text.c — the compiler-style text emitter: exact lines for findings, steps and tool diagnostics, paths
 * shown relative to the source root, suppressed findings hidden unless asked for. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"
#include "finding.h"

static finding *add_finding(finding_list *fl, const char *file, unsigned line, unsigned col, const char *message) {
    finding *f = finding_list_add(fl);
    f->rule_id = "stack-address-escape";
    f->level = SEV_WARNING;
    f->message = strdup(message);
    f->file = strdup(file);
    f->line = line;
    f->col = col;
    f->function = strdup("get_name");
    return f;
}

/* Runs one emitter into memory; the returned text is the caller's to free. */
static char *emit_findings(const finding_list *fl, const emit_options *opt, int *rc) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    *rc = emit_text_findings(out, fl, opt);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static char *emit_diags(const tool_diag_list *dl, const emit_options *opt, int *rc) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    *rc = emit_text_diags(out, dl, opt);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static void finding_with_steps_relative(void **state) {
    (void)state;
    finding_list fl = {0};
    finding *f = add_finding(&fl, "/home/u/proj/src/name.c", 12, 12, "address of local 'buf' is returned");
    finding_add_step(f, "/home/u/proj/src/name.c", 9, 5, "'buf' declared here");
    finding_add_step(f, "/home/u/proj/include/name.h", 3, 1, "returned to the caller here");
    emit_options opt = {.srcroot = "/home/u/proj", .relative_paths = true};
    int rc;
    char *text = emit_findings(&fl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "src/name.c:12:12: warning: address of local 'buf' is returned [stack-address-escape]\n"
                              "src/name.c:9:5: note: 'buf' declared here\n"
                              "include/name.h:3:1: note: returned to the caller here\n");
    free(text);
    finding_list_free(&fl);
}

static void absolute_paths(void **state) {
    (void)state;
    finding_list fl = {0};
    finding *f = add_finding(&fl, "/home/u/proj/src/name.c", 12, 12, "m");
    finding_add_step(f, "/usr/include/stdio.h", 40, 0, "outside the root");
    add_finding(&fl, "/home/u/project2/x.c", 1, 2, "a sibling directory that shares a prefix");
    f = add_finding(&fl, "/home/u/proj/y.c", 0, 0, "no line known");
    finding_add_step(f, NULL, 7, 3, "a step without a file is in the finding's file");

    emit_options opt = {.srcroot = "/home/u/proj/", .relative_paths = true};
    int rc;
    char *text = emit_findings(&fl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "src/name.c:12:12: warning: m [stack-address-escape]\n"
                              "/usr/include/stdio.h:40: note: outside the root\n"
                              "/home/u/project2/x.c:1:2: warning: a sibling directory that shares a prefix "
                              "[stack-address-escape]\n"
                              "y.c: warning: no line known [stack-address-escape]\n"
                              "y.c:7:3: note: a step without a file is in the finding's file\n");
    free(text);

    opt.relative_paths = false;
    text = emit_findings(&fl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(text, "/home/u/proj/src/name.c:12:12: warning: m [stack-address-escape]\n"));
    free(text);
    finding_list_free(&fl);
}

static void suppressed_hidden_or_marked(void **state) {
    (void)state;
    finding_list fl = {0};
    add_finding(&fl, "/r/a.c", 1, 1, "kept");
    finding *f = add_finding(&fl, "/r/a.c", 2, 3, "silenced");
    f->suppressed = true;
    f->suppression_note = strdup("// NOLINT(lifeline-stack-address-escape)");
    f->level = SEV_ERROR;
    finding_add_step(f, "/r/a.c", 1, 1, "step of a suppressed finding");

    emit_options opt = {.srcroot = "/r", .relative_paths = true};
    int rc;
    char *text = emit_findings(&fl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "a.c:1:1: warning: kept [stack-address-escape]\n");
    free(text);

    opt.show_suppressed = true;
    text = emit_findings(&fl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "a.c:1:1: warning: kept [stack-address-escape]\n"
                              "a.c:2:3: error: silenced [stack-address-escape, suppressed]\n"
                              "a.c:1:1: note: step of a suppressed finding\n");
    free(text);
    finding_list_free(&fl);
}

static void diagnostics(void **state) {
    (void)state;
    tool_diag_list dl = {0};
    tool_diag_add(&dl, "lifeline-parse-error", SEV_ERROR, "/r/src/bad.c", 4, 9, "expected ';' after expression");
    tool_diag_add(&dl, "lifeline-budget", SEV_WARNING, NULL, 0, 0, "analysis budget exhausted in 'huge'");
    tool_diag_add(&dl, "lifeline-skipped", SEV_NOTE, "/elsewhere/gen.c", 0, 0, "generated file skipped");
    emit_options opt = {.srcroot = "/r", .relative_paths = true};
    int rc;
    char *text = emit_diags(&dl, &opt, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "src/bad.c:4:9: note: expected ';' after expression [lifeline-parse-error]\n"
                              "lifeline: note: analysis budget exhausted in 'huge' [lifeline-budget]\n"
                              "/elsewhere/gen.c: note: generated file skipped [lifeline-skipped]\n");
    free(text);
    tool_diag_list_free(&dl);
}

static void path_below(void **state) {
    (void)state;
    assert_string_equal(emit_path_below("/r", "/r/a.c"), "a.c");
    assert_string_equal(emit_path_below("/r/", "/r/d/a.c"), "d/a.c");
    assert_string_equal(emit_path_below("/r//", "/r/d/a.c"), "d/a.c");
    assert_string_equal(emit_path_below("/", "/usr/a.c"), "usr/a.c");
    assert_null(emit_path_below("/r", "/rx/a.c"));
    assert_null(emit_path_below("/r", "/r"));
    assert_null(emit_path_below("/r", "/r/"));
    assert_null(emit_path_below(NULL, "/r/a.c"));
    assert_null(emit_path_below("", "/r/a.c"));
}

static void write_error_reported(void **state) {
    (void)state;
    finding_list fl = {0};
    add_finding(&fl, "/r/a.c", 1, 1, "m");
    FILE *ro = fopen("/dev/null", "r"); /* writes to a read-only stream fail at once */
    assert_non_null(ro);
    emit_options opt = {0};
    assert_int_equal(emit_text_findings(ro, &fl, &opt), -1);
    fclose(ro);
    finding_list_free(&fl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finding_with_steps_relative),
        cmocka_unit_test(absolute_paths),
        cmocka_unit_test(suppressed_hidden_or_marked),
        cmocka_unit_test(diagnostics),
        cmocka_unit_test(path_below),
        cmocka_unit_test(write_error_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
