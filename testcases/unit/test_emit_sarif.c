/* test_emit_sarif.c — the SARIF emitter, read back with jansson: the rule table, results with their locations,
 * code flows, fingerprints and suppressions, URI encoding, and tool notifications.
 *
 * With LIFELINE_SARIF_OUT=<file> set, the full log is also written there so tools/validate-sarif.sh can check it
 * against Microsoft's validator (which the unit test itself cannot run: it is an optional download). */
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
#include <jansson.h>

#include "emit.h"
#include "finding.h"
#include "rules.h"

#define FP0 "0123456789abcdef0123456789abcdef"

typedef struct fixture {
    finding_list fl;
    tool_diag_list dl;
    emit_options opt;
    json_t *log; /* the emitted log, parsed back */
} fixture;

static finding *add_finding(finding_list *fl, const char *file, unsigned line, unsigned col, const char *message) {
    finding *f = finding_list_add(fl);
    f->rule_id = "stack-address-escape";
    f->level = SEV_WARNING;
    f->message = strdup(message);
    f->file = strdup(file);
    f->line = line;
    f->col = col;
    f->function = strdup("");
    return f;
}

/* A JSON Pointer (RFC 6901) lookup: "/runs/0/results/1/ruleId"; "~1" stands for '/' inside a key. */
static json_t *at(json_t *j, const char *pointer) {
    char key[256];
    const char *p = pointer;
    while (j && *p == '/') {
        p++;
        size_t n = 0;
        while (*p && *p != '/' && n + 1 < sizeof key) {
            if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) {
                key[n++] = p[1] == '0' ? '~' : '/';
                p += 2;
            } else {
                key[n++] = *p++;
            }
        }
        key[n] = '\0';
        if (json_is_array(j)) {
            char *end;
            unsigned long i = strtoul(key, &end, 10);
            j = *end ? NULL : json_array_get(j, i);
        } else {
            j = json_object_get(j, key);
        }
    }
    return j;
}

static const char *str_at(json_t *j, const char *pointer) {
    json_t *v = at(j, pointer);
    if (!json_is_string(v)) fail_msg("%s: not a string", pointer);
    return json_string_value(v);
}

static long long int_at(json_t *j, const char *pointer) {
    json_t *v = at(j, pointer);
    if (!json_is_integer(v)) fail_msg("%s: not an integer", pointer);
    return json_integer_value(v);
}

static void emit_and_parse(fixture *fx) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    char err[256] = "";
    int rc = emit_sarif(out, &fx->fl, &fx->dl, &fx->opt, err, sizeof err);
    assert_int_equal(fclose(out), 0);
    if (rc != 0) fail_msg("emit_sarif: %s", err);

    const char *save = getenv("LIFELINE_SARIF_OUT");
    if (save && *save) {
        FILE *f = fopen(save, "w");
        assert_non_null(f);
        assert_int_equal(fwrite(buf, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
    }

    json_error_t jerr;
    fx->log = json_loadb(buf, len, 0, &jerr);
    if (!fx->log) fail_msg("emitted SARIF does not parse: %s (line %d)", jerr.text, jerr.line);
    free(buf);
}

static int setup(void **state) {
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    fx->opt = (emit_options){.srcroot = "/home/u/my proj",
                             .tool_version = "0.1.0",
                             .category = "lifeline/",
                             .command_line = "lifeline check --sarif out.sarif",
                             .exit_code = 1};

    /* 0: in the tree, with a function, a fingerprint, an end and two steps (one in a system header). */
    finding *f = add_finding(&fx->fl, "/home/u/my proj/src/name.c", 12, 12, "address of local 'buf' is returned");
    f->end_line = 12;
    f->end_col = 15;
    free(f->function);
    f->function = strdup("get_name");
    f->fingerprint = strdup(FP0);
    finding_add_step(f, "/home/u/my proj/src/name.c", 9, 5, "'buf' declared here");
    finding_add_step(f, "/usr/include/string.h", 44, 14, "copied by strcpy");

    /* 1: suppressed, in a directory with a space and a non-ASCII file name; no fingerprint, no function. */
    f = add_finding(&fx->fl, "/home/u/my proj/dir with space/\xC3\xBC.c", 3, 1, "address of 'x' stored in 'g'");
    f->suppressed = true;
    f->suppression_note = strdup("// NOLINT(lifeline-stack-address-escape): cleared by the callback");

    /* 2: outside the source root, no column. */
    add_finding(&fx->fl, "/opt/other lib/x#1.c", 7, 0, "address of 'y' escapes through 'out'");

    tool_diag_add(&fx->dl, "lifeline-parse-error", SEV_ERROR, "/home/u/my proj/src/bad.c", 4, 9,
                  "expected ';' after expression");
    tool_diag_add(&fx->dl, "lifeline-budget", SEV_WARNING, NULL, 0, 0, "analysis budget exhausted in 'huge'");

    emit_and_parse(fx);
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    fixture *fx = *state;
    json_decref(fx->log);
    finding_list_free(&fx->fl);
    tool_diag_list_free(&fx->dl);
    free(fx);
    return 0;
}

static void log_header(void **state) {
    json_t *log = ((fixture *)*state)->log;
    assert_string_equal(str_at(log, "/version"), "2.1.0");
    assert_string_equal(str_at(log, "/$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    assert_int_equal(json_array_size(at(log, "/runs")), 1);
    assert_string_equal(str_at(log, "/runs/0/tool/driver/name"), "lifeline");
    assert_string_equal(str_at(log, "/runs/0/tool/driver/version"), "0.1.0");
    assert_string_equal(str_at(log, "/runs/0/tool/driver/semanticVersion"), "0.1.0");
    assert_non_null(strstr(str_at(log, "/runs/0/tool/driver/informationUri"), "https://"));
    assert_string_equal(str_at(log, "/runs/0/automationDetails/id"), "lifeline/");
    assert_string_equal(str_at(log, "/runs/0/columnKind"), "utf16CodeUnits");
    /* The base URI is absolute, percent-encoded and ends with '/'. */
    assert_string_equal(str_at(log, "/runs/0/originalUriBaseIds/%SRCROOT%/uri"), "file:///home/u/my%20proj/");
}

static void rule_table(void **state) {
    json_t *log = ((fixture *)*state)->log;
    json_t *rules = at(log, "/runs/0/tool/driver/rules");
    assert_true(json_is_array(rules));
    assert_int_equal(json_array_size(rules), rules_count());
    int idx = rule_index("stack-address-escape");
    assert_true(idx >= 0);
    json_t *r = json_array_get(rules, (size_t)idx);
    assert_string_equal(str_at(r, "/id"), "stack-address-escape");
    assert_string_equal(str_at(r, "/name"), rule_find("stack-address-escape")->name);
    assert_true(strlen(str_at(r, "/shortDescription/text")) > 0);
    assert_true(strlen(str_at(r, "/fullDescription/text")) > 0);
    const char *help_uri = str_at(r, "/helpUri");
    const char *tail = "checkers/rules/stack-address-escape.md";
    assert_true(strlen(help_uri) > strlen(tail));
    assert_string_equal(help_uri + strlen(help_uri) - strlen(tail), tail);
    assert_string_equal(str_at(r, "/help/markdown"), rule_doc_markdown("stack-address-escape"));
    assert_non_null(strstr(str_at(r, "/help/markdown"), "NOLINT(lifeline-stack-address-escape)"));
    assert_true(strlen(str_at(r, "/help/text")) > 0);
    assert_string_equal(str_at(r, "/defaultConfiguration/level"), "warning");
    assert_true(json_array_size(at(r, "/properties/tags")) > 0);
    assert_non_null(at(r, "/properties/precision"));
    assert_string_equal(str_at(r, "/properties/problem.severity"), "warning");
}

static void result_in_tree(void **state) {
    json_t *res = at(((fixture *)*state)->log, "/runs/0/results/0");
    assert_string_equal(str_at(res, "/ruleId"), "stack-address-escape");
    assert_int_equal(int_at(res, "/ruleIndex"), rule_index("stack-address-escape"));
    assert_string_equal(str_at(res, "/level"), "warning");
    assert_string_equal(str_at(res, "/message/text"), "address of local 'buf' is returned");
    json_t *pl = at(res, "/locations/0/physicalLocation");
    assert_string_equal(str_at(pl, "/artifactLocation/uri"), "src/name.c");
    assert_string_equal(str_at(pl, "/artifactLocation/uriBaseId"), "%SRCROOT%");
    assert_int_equal(int_at(pl, "/region/startLine"), 12);
    assert_int_equal(int_at(pl, "/region/startColumn"), 12);
    assert_int_equal(int_at(pl, "/region/endLine"), 12);
    assert_int_equal(int_at(pl, "/region/endColumn"), 15);
    assert_string_equal(str_at(res, "/locations/0/logicalLocations/0/name"), "get_name");
    assert_string_equal(str_at(res, "/partialFingerprints/lifeline~1v1"), FP0);
    assert_null(at(res, "/suppressions"));

    json_t *steps = at(res, "/codeFlows/0/threadFlows/0/locations");
    assert_int_equal(json_array_size(steps), 2);
    assert_string_equal(str_at(steps, "/0/location/message/text"), "'buf' declared here");
    assert_string_equal(str_at(steps, "/0/location/physicalLocation/artifactLocation/uri"), "src/name.c");
    assert_int_equal(int_at(steps, "/0/location/physicalLocation/region/startLine"), 9);
    assert_int_equal(int_at(steps, "/0/location/physicalLocation/region/startColumn"), 5);
    /* A step outside the root: absolute file URI, no base. */
    assert_string_equal(str_at(steps, "/1/location/physicalLocation/artifactLocation/uri"),
                        "file:///usr/include/string.h");
    assert_null(at(steps, "/1/location/physicalLocation/artifactLocation/uriBaseId"));
}

static void result_suppressed_and_encoded(void **state) {
    json_t *res = at(((fixture *)*state)->log, "/runs/0/results/1");
    json_t *al = at(res, "/locations/0/physicalLocation/artifactLocation");
    assert_string_equal(str_at(al, "/uri"), "dir%20with%20space/%C3%BC.c");
    assert_string_equal(str_at(al, "/uriBaseId"), "%SRCROOT%");
    assert_int_equal(json_array_size(at(res, "/suppressions")), 1);
    assert_string_equal(str_at(res, "/suppressions/0/kind"), "inSource");
    assert_string_equal(str_at(res, "/suppressions/0/justification"),
                        "// NOLINT(lifeline-stack-address-escape): cleared by the callback");
    /* No fingerprint, function or steps known: left out rather than emitted empty. */
    assert_null(at(res, "/partialFingerprints"));
    assert_null(at(res, "/locations/0/logicalLocations"));
    assert_null(at(res, "/codeFlows"));
    assert_null(at(res, "/locations/0/physicalLocation/region/endLine"));
}

static void result_outside_root(void **state) {
    json_t *res = at(((fixture *)*state)->log, "/runs/0/results/2");
    json_t *pl = at(res, "/locations/0/physicalLocation");
    assert_string_equal(str_at(pl, "/artifactLocation/uri"), "file:///opt/other%20lib/x%231.c");
    assert_null(at(pl, "/artifactLocation/uriBaseId"));
    assert_int_equal(int_at(pl, "/region/startLine"), 7);
    assert_null(at(pl, "/region/startColumn"));
}

static void invocation_and_notifications(void **state) {
    json_t *inv = at(((fixture *)*state)->log, "/runs/0/invocations/0");
    assert_true(json_is_true(at(inv, "/executionSuccessful")));
    assert_int_equal(int_at(inv, "/exitCode"), 1);
    assert_string_equal(str_at(inv, "/commandLine"), "lifeline check --sarif out.sarif");
    json_t *notes = at(inv, "/toolExecutionNotifications");
    assert_int_equal(json_array_size(notes), 2);
    assert_string_equal(str_at(notes, "/0/level"), "error");
    assert_string_equal(str_at(notes, "/0/descriptor/id"), "lifeline-parse-error");
    assert_string_equal(str_at(notes, "/0/message/text"), "expected ';' after expression");
    assert_string_equal(str_at(notes, "/0/locations/0/physicalLocation/artifactLocation/uri"), "src/bad.c");
    assert_int_equal(int_at(notes, "/0/locations/0/physicalLocation/region/startLine"), 4);
    assert_string_equal(str_at(notes, "/1/level"), "warning");
    assert_string_equal(str_at(notes, "/1/descriptor/id"), "lifeline-budget");
    assert_null(at(notes, "/1/locations"));
}

/* Bytes that are not UTF-8 must not cost the whole log: they become U+FFFD. No srcroot: every URI is absolute. */
static void invalid_utf8_and_no_root(void **state) {
    (void)state;
    finding_list fl = {0};
    add_finding(&fl, "/src/caf\xE9.c", 1, 1, "quoted \xFF byte");
    emit_options opt = {.exit_code = 2};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    char err[256] = "";
    assert_int_equal(emit_sarif(out, &fl, NULL, &opt, err, sizeof err), 0);
    assert_int_equal(fclose(out), 0);
    json_t *log = json_loadb(buf, len, 0, NULL);
    assert_non_null(log);
    assert_string_equal(str_at(log, "/runs/0/results/0/message/text"), "quoted \xEF\xBF\xBD byte");
    assert_string_equal(str_at(log, "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri"),
                        "file:///src/caf%E9.c");
    assert_null(at(log, "/runs/0/originalUriBaseIds"));
    assert_null(at(log, "/runs/0/automationDetails"));
    assert_true(json_is_false(at(log, "/runs/0/invocations/0/executionSuccessful")));
    assert_null(at(log, "/runs/0/invocations/0/toolExecutionNotifications"));
    json_decref(log);
    free(buf);
    finding_list_free(&fl);
}

/* Allocation-failure injection through jansson's allocator hook. The hook takes no context pointer, so the countdown
 * has to live at file scope; it is test-only and reset around every use. */
static long alloc_countdown = -1; /* allocations left before failing; -1 = never fail */

static void *failing_malloc(size_t n) {
    if (alloc_countdown == 0) return NULL;
    if (alloc_countdown > 0) alloc_countdown--;
    return malloc(n);
}

/* Fail the n-th jansson allocation and every one after it, for every n until the log builds: each failure must come
 * back as -1 with a sentence, never a crash or (under ASan) a leak. */
static void allocation_failures(void **state) {
    fixture *fx = *state;
    long n;
    for (n = 0; n < 100000; n++) {
        FILE *out = fopen("/dev/null", "w");
        assert_non_null(out);
        char err[256] = "";
        alloc_countdown = n;
        json_set_alloc_funcs(failing_malloc, free);
        int rc = emit_sarif(out, &fx->fl, &fx->dl, &fx->opt, err, sizeof err);
        json_set_alloc_funcs(malloc, free);
        alloc_countdown = -1;
        fclose(out);
        if (rc == 0) break;
        assert_int_equal(rc, -1);
        assert_true(strlen(err) > 0);
    }
    assert_true(n > 50); /* the fixture needs many allocations: the loop really did fail each of them */
    assert_true(n < 100000);
}

static void relative_srcroot_rejected(void **state) {
    (void)state;
    finding_list fl = {0};
    emit_options opt = {.srcroot = "relative/dir"};
    char err[256] = "";
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    assert_int_equal(emit_sarif(out, &fl, NULL, &opt, err, sizeof err), -1);
    assert_non_null(strstr(err, "absolute"));
    fclose(out);
}

/* Over the result limit (GitHub accepts 25,000 per run; 3 here), unsuppressed results are kept first, in order, and a
 * run-level notification says how many there were. At the limit exactly, nothing is dropped or announced. */
static void results_capped_at_limit(void **state) {
    (void)state;
    finding_list fl = {0};
    add_finding(&fl, "/r/a.c", 1, 1, "suppressed one")->suppressed = true;
    add_finding(&fl, "/r/a.c", 2, 1, "first");
    add_finding(&fl, "/r/a.c", 3, 1, "second");
    add_finding(&fl, "/r/a.c", 4, 1, "third");
    add_finding(&fl, "/r/a.c", 5, 1, "fourth");
    for (size_t limit = 3; limit <= 5; limit += 2) {
        emit_options opt = {.srcroot = "/r", .exit_code = 1, .max_results = limit};
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        assert_non_null(out);
        char err[256] = "";
        assert_int_equal(emit_sarif(out, &fl, NULL, &opt, err, sizeof err), 0);
        assert_int_equal(fclose(out), 0);
        json_t *log = json_loadb(buf, len, 0, NULL);
        assert_non_null(log);
        json_t *results = at(log, "/runs/0/results");
        json_t *notes = at(log, "/runs/0/invocations/0/toolExecutionNotifications");
        if (limit == 3) {
            assert_int_equal(json_array_size(results), 3);
            assert_string_equal(str_at(results, "/0/message/text"), "first");
            assert_string_equal(str_at(results, "/2/message/text"), "third");
            assert_int_equal(json_array_size(notes), 1);
            assert_string_equal(str_at(notes, "/0/descriptor/id"), "lifeline-results-truncated");
            assert_string_equal(str_at(notes, "/0/level"), "warning");
            assert_non_null(strstr(str_at(notes, "/0/message/text"), "5 results exceed the 3"));
        } else {
            assert_int_equal(json_array_size(results), 5);
            assert_string_equal(str_at(results, "/0/message/text"), "suppressed one");
            assert_null(notes);
        }
        json_decref(log);
        free(buf);
    }
    emit_options none = {0};
    assert_int_equal(emit_sarif_result_limit(&none), 25000);
    finding_list_free(&fl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(log_header, setup, teardown),
        cmocka_unit_test_setup_teardown(rule_table, setup, teardown),
        cmocka_unit_test_setup_teardown(result_in_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(result_suppressed_and_encoded, setup, teardown),
        cmocka_unit_test_setup_teardown(result_outside_root, setup, teardown),
        cmocka_unit_test_setup_teardown(invocation_and_notifications, setup, teardown),
        cmocka_unit_test_setup_teardown(allocation_failures, setup, teardown),
        cmocka_unit_test(invalid_utf8_and_no_root),
        cmocka_unit_test(relative_srcroot_rejected),
        cmocka_unit_test(results_capped_at_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
