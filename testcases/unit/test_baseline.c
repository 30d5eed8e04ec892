/* test_baseline.c — loading baselines: fingerprints from SARIF logs lifeline wrote and from runs in the database,
 * and one clear sentence for every file that is not a usable baseline (missing, not JSON, not SARIF, no
 * fingerprints). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, nftw */
#endif
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "emit.h"
#include "finding.h"
#include "store.h"
#include "strmap.h"
#include "temp_dir.h"

typedef struct fixture {
    char dir[64];
    strmap fps;
} fixture;

static int setup(void **state) {
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    if (temp_dir_make(fx->dir, sizeof fx->dir, "baseline") != 0) {
        free(fx);
        return -1;
    }
    strmap_init(&fx->fps);
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    fixture *fx = *state;
    baseline_free(&fx->fps);
    int rc = temp_dir_remove(fx->dir);
    free(fx);
    return rc;
}

/* Writes text to dir/name; returns the path, malloc'd. */
static char *write_file(const fixture *fx, const char *name, const char *text) {
    size_t n = strlen(fx->dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", fx->dir, name);
    if (text) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(text, f);
        assert_int_equal(fclose(f), 0);
    }
    return path;
}

#define FP_A "0123456789abcdef0123456789abcdef"
#define FP_B "fedcba9876543210fedcba9876543210"
static const char fp_a[] = FP_A;
static const char fp_b[] = FP_B;

/* Loading must fail with an error containing each of the needles, leaving fps as it was. */
static void assert_load_fails(fixture *fx, const char *spec, store *db, const char *needle1, const char *needle2) {
    size_t before = fx->fps.count;
    char err[512] = "";
    assert_int_equal(baseline_load(spec, db, &fx->fps, err, sizeof err), -1);
    if (needle1 && !strstr(err, needle1)) fail_msg("error '%s' does not mention '%s'", err, needle1);
    if (needle2 && !strstr(err, needle2)) fail_msg("error '%s' does not mention '%s'", err, needle2);
    assert_null(strchr(err, '\n'));
    assert_int_equal(fx->fps.count, before);
}

static void test_sarif_good(void **state) {
    fixture *fx = *state;
    char *path = write_file(
        fx, "base.sarif",
        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"lifeline\"}},\n"
        " \"results\": [\n"
        "  {\"ruleId\": \"handle-leak\", \"partialFingerprints\": {\"lifeline/v1\": \"" FP_A "\"}},\n"
        "  {\"ruleId\": \"handle-leak\", \"partialFingerprints\": {\"other/v1\": \"zzz\"}},\n"
        "  {\"ruleId\": \"handle-leak\", \"partialFingerprints\": {\"lifeline/v1\": \"" FP_A "\"}},\n"
        "  {\"ruleId\": \"thread-not-joined\", \"partialFingerprints\": {\"lifeline/v1\": \"" FP_B "\"}}]},\n"
        " {\"results\": []}, {}]}\n");
    char err[512] = "";
    assert_int_equal(baseline_load(path, NULL, &fx->fps, err, sizeof err), 0);
    assert_int_equal(fx->fps.count, 2);
    assert_true(baseline_has(&fx->fps, fp_a));
    assert_true(baseline_has(&fx->fps, fp_b));
    assert_false(baseline_has(&fx->fps, "zzz"));
    assert_false(baseline_has(&fx->fps, NULL));
    assert_false(baseline_has(&fx->fps, ""));
    /* Loading again adds nothing new (and leaks nothing). */
    assert_int_equal(baseline_load(path, NULL, &fx->fps, err, sizeof err), 0);
    assert_int_equal(fx->fps.count, 2);
    free(path);
}

static void test_sarif_empty_is_valid(void **state) {
    fixture *fx = *state;
    char *path = write_file(fx, "clean.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
    char err[512] = "";
    assert_int_equal(baseline_load(path, NULL, &fx->fps, err, sizeof err), 0);
    assert_int_equal(fx->fps.count, 0);
    free(path);
}

static void test_sarif_bad(void **state) {
    fixture *fx = *state;
    char *missing = write_file(fx, "missing.sarif", NULL);
    assert_load_fails(fx, missing, NULL, missing, "No such file");
    char *not_json = write_file(fx, "broken.sarif", "{\"runs\": [\n  {\"results\": [}\n]}");
    assert_load_fails(fx, not_json, NULL, "not JSON", "line 2");
    char *array = write_file(fx, "array.sarif", "[1, 2, 3]");
    assert_load_fails(fx, array, NULL, array, "not a SARIF log");
    char *no_runs = write_file(fx, "config.json", "{\"rules\": [\"handle-*\"]}");
    assert_load_fails(fx, no_runs, NULL, "not a SARIF log", "runs");
    char *bad_results = write_file(fx, "bad-results.sarif", "{\"runs\": [{\"results\": 3}]}");
    assert_load_fails(fx, bad_results, NULL, "not a SARIF log", "results");
    char *foreign =
        write_file(fx, "other-tool.sarif",
                   "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"ruleId\": \"x\"}, "
                   "{\"ruleId\": \"y\", \"partialFingerprints\": {\"primaryLocationLineHash\": \"1\"}}]}]}");
    assert_load_fails(fx, foreign, NULL, "no lifeline fingerprints", "2 results");
    assert_load_fails(fx, fx->dir, NULL, fx->dir, "directory");
    assert_load_fails(fx, "", NULL, "no baseline", NULL);
    free(missing);
    free(not_json);
    free(array);
    free(no_runs);
    free(bad_results);
    free(foreign);
}

static void test_failure_leaves_map(void **state) {
    fixture *fx = *state;
    char *good = write_file(
        fx, "base.sarif", "{\"runs\": [{\"results\": [{\"partialFingerprints\": {\"lifeline/v1\": \"" FP_A "\"}}]}]}");
    char err[512] = "";
    assert_int_equal(baseline_load(good, NULL, &fx->fps, err, sizeof err), 0);
    assert_int_equal(fx->fps.count, 1);
    /* Fingerprints read before the error (runs[0]) are not added. */
    char *half = write_file(fx, "half.sarif",
                            "{\"runs\": [{\"results\": [{\"partialFingerprints\": {\"lifeline/v1\": \"" FP_B "\"}}]}, "
                            "{\"results\": \"no\"}]}");
    assert_load_fails(fx, half, NULL, "runs[1]", NULL);
    assert_false(baseline_has(&fx->fps, fp_b));
    free(good);
    free(half);
}

/* A finding with a fingerprint, for the store and the SARIF emitter. */
static void add_finding(finding_list *fl, const char *fp, unsigned line) {
    finding *f = finding_list_add(fl);
    f->rule_id = "handle-leak";
    f->level = SEV_WARNING;
    f->message = strdup("leaked");
    f->file = strdup("/src/a.c");
    f->line = line;
    f->col = 5;
    f->function = strdup("f");
    f->fingerprint = strdup(fp);
}

static void test_run_baseline(void **state) {
    fixture *fx = *state;
    char *db_path = write_file(fx, "lifeline.db", NULL);
    char err[512] = "";
    store *db = store_open(db_path, err, sizeof err);
    assert_non_null(db);
    int64_t r1 = store_begin_run(db, "0.1.0", "lifeline check", "/src", err, sizeof err);
    finding_list fl = {0};
    add_finding(&fl, fp_a, 3);
    add_finding(&fl, fp_b, 9);
    store_file files[] = {{"/src/a.c", "01"}};
    store_tu tu = {.main_file = "/src/a.c", .status = "ok", .files = files, .nfiles = 1, .findings = &fl};
    assert_int_equal(store_record_tu(db, r1, &tu, err, sizeof err), 0);
    assert_int_equal(store_end_run(db, r1, 1, 2, 0, err, sizeof err), 0);
    int64_t r2 = store_begin_run(db, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_int_equal(r2, 2);

    assert_int_equal(baseline_load("1", db, &fx->fps, err, sizeof err), 0);
    assert_int_equal(fx->fps.count, 2);
    assert_true(baseline_has(&fx->fps, fp_a));
    assert_true(baseline_has(&fx->fps, fp_b));

    assert_load_fails(fx, "2", db, "run 2", "did not finish");
    assert_load_fails(fx, "7", db, "no run 7", db_path);
    assert_load_fails(fx, "0", db, "no run 0", NULL);
    assert_load_fails(fx, "99999999999999999999999", db, "no run", NULL);
    assert_load_fails(fx, "1", NULL, "--no-db", NULL);

    /* What `lifeline check --format sarif` and `baseline save` write reads back as the same set. */
    char *sarif = write_file(fx, "saved.sarif", NULL);
    FILE *out = fopen(sarif, "w");
    assert_non_null(out);
    emit_options eo = {.srcroot = "/src", .tool_version = "0.1.0", .exit_code = 1};
    assert_int_equal(emit_sarif(out, &fl, NULL, &eo, err, sizeof err), 0);
    assert_int_equal(fclose(out), 0);
    strmap from_file;
    strmap_init(&from_file);
    assert_int_equal(baseline_load(sarif, NULL, &from_file, err, sizeof err), 0);
    assert_int_equal(from_file.count, 2);
    assert_true(baseline_has(&from_file, fp_a));
    assert_true(baseline_has(&from_file, fp_b));
    baseline_free(&from_file);

    finding_list_free(&fl);
    store_close(db);
    free(sarif);
    free(db_path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif_good, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_empty_is_valid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_bad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_leaves_map, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_baseline, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
