/* test_shard.c — `--shard K/N` (shard.h): K/N parsing and its errors, a hash that never changes (CI jobs on different
 * machines and lifeline versions must agree), shards of about equal size, paths relative to the compile database's
 * directory, and job selection that does not depend on where the tree is checked out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend.h"
#include "shard.h"
#include "xalloc.h"

static void test_parse_valid(void **state) {
    (void)state;
    char err[256];
    shard_spec s;
    assert_int_equal(shard_parse("1/1", &s, err, sizeof err), 0);
    assert_int_equal(s.index, 1);
    assert_int_equal(s.count, 1);
    assert_int_equal(shard_parse("2/4", &s, err, sizeof err), 0);
    assert_int_equal(s.index, 2);
    assert_int_equal(s.count, 4);
    assert_int_equal(shard_parse("10/10", &s, err, sizeof err), 0);
    assert_int_equal(shard_parse("007/8", &s, err, sizeof err), 0);
    assert_int_equal(s.index, 7);
    assert_int_equal(shard_parse("10000/10000", &s, err, sizeof err), 0);
}

static void test_parse_errors(void **state) {
    (void)state;
    static const char *const bad[] = {"",     "1",    "/",     "1/",    "/2",      "0/2",
                                      "3/2",  "1/0",  "a/2",   "1/b",   "-1/2",    "+1/2",
                                      " 1/2", "1/2 ", "1/2/3", "1.0/2", "1/10001", "99999999999999999999/1",
                                      "1//2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[256] = "";
        shard_spec s = {.index = 99, .count = 99};
        assert_int_equal(shard_parse(bad[i], &s, err, sizeof err), -1);
        /* One sentence naming the option and what was given. */
        assert_non_null(strstr(err, "--shard"));
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", bad[i]);
        assert_non_null(strstr(err, quoted));
        assert_int_equal(s.index, 99); /* untouched */
    }
    char err[256];
    shard_spec s;
    assert_int_equal(shard_parse("3/2", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "between 1 and N"));
    assert_int_equal(shard_parse("1/0", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "at least 1"));
    assert_int_equal(shard_parse(NULL, &s, err, sizeof err), -1);
}

/* XXH3-64 with seed 0 is a published, frozen function: these values must never change, or two CI jobs built from
 * different lifeline versions would split a project differently. */
static void test_hash_stable(void **state) {
    (void)state;
    assert_true(shard_hash("src/a.c") == UINT64_C(0xf4fdb8a84cbdd492));
    assert_true(shard_hash("../src/net/conn.c") == UINT64_C(0xc6301b04d97d6719));
    assert_int_equal(shard_of("src/a.c", 4), 3);
    assert_int_equal(shard_of("src/a.c", 7), 1);
    assert_int_equal(shard_of("../src/net/conn.c", 4), 2);
    assert_int_equal(shard_of("anything", 1), 1);
}

/* 1000 paths shaped like a real tree: every shard within 4 standard deviations of its fair share (a binomial count:
 * about +-13% for N=2, +-38% for N=10), and the spread of all of them no worse than a chi-square test's 99.9% bound. */
static void test_balanced(void **state) {
    (void)state;
    static const unsigned counts[] = {2, 3, 4, 5, 8, 10};
    /* chi-square 99.9% quantiles for N-1 degrees of freedom */
    static const double chi_max[] = {10.83, 13.82, 16.27, 18.47, 24.32, 27.88};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        unsigned n = counts[c];
        unsigned got[16] = {0};
        for (int i = 0; i < 1000; i++) {
            char path[128];
            snprintf(path, sizeof path, "src/module%02d/%s_%d.c", i / 40, i % 3 ? "impl" : "util", i);
            unsigned k = shard_of(path, n);
            assert_true(k >= 1 && k <= n);
            got[k]++;
        }
        double fair = 1000.0 / n, p = 1.0 / n, sd = 0, chi = 0;
        for (double v = 1000 * p * (1 - p); sd * sd < v;)
            sd += 0.01; /* sqrt without libm */
        for (unsigned k = 1; k <= n; k++) {
            double d = got[k] - fair;
            chi += d * d / fair;
            if (d > 4 * sd || d < -4 * sd)
                fail_msg("N=%u: shard %u holds %u of 1000 paths (fair share %.0f)", n, k, got[k], fair);
        }
        if (chi > chi_max[c]) fail_msg("N=%u: chi-square %.1f over %.1f", n, chi, chi_max[c]);
    }
}

static void check_rel(const char *base, const char *file, const char *want) {
    char *rel = shard_relative_path(base, file);
    assert_string_equal(rel, want);
    free(rel);
}

static void test_relative_path(void **state) {
    (void)state;
    check_rel("/a/b", "/a/b/src/x.c", "src/x.c");
    check_rel("/a/b/build", "/a/b/src/x.c", "../src/x.c");
    check_rel("/a/b/", "/a/b/./src/../src//x.c", "src/x.c");
    check_rel("/", "/x.c", "x.c");
    check_rel("/a/b", "/c/d.c", "../../c/d.c");
    check_rel("/a/b/c", "/a/x/y.c", "../../x/y.c");
    check_rel("/a/bc", "/a/b/x.c", "../b/x.c"); /* components, not characters */
}

static void add_job(compile_jobs *jobs, const char *file) {
    jobs->items = xrealloc(jobs->items, (jobs->count + 1) * sizeof *jobs->items);
    compile_job *j = &jobs->items[jobs->count++];
    memset(j, 0, sizeof *j);
    j->file = xstrdup(file);
    j->directory = xstrdup("/");
}

/* Which of 60 files of a tree rooted at root (compile_commands.json in root/build) shard k/n keeps, as a bit set. */
static uint64_t selected(const char *root, unsigned k, unsigned n) {
    compile_jobs jobs = {0};
    for (int i = 0; i < 60; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/src/dir%d/file%d.c", root, i % 5, i);
        add_job(&jobs, path);
    }
    char base[256];
    snprintf(base, sizeof base, "%s/build", root);
    size_t before = shard_select_jobs(&jobs, base, (shard_spec){.index = k, .count = n});
    assert_int_equal(before, 60);
    uint64_t bits = 0;
    for (size_t j = 0; j < jobs.count; j++) {
        int i = atoi(strrchr(jobs.items[j].file, 'e') + 1); /* ".../fileN.c" */
        bits |= UINT64_C(1) << i;
    }
    compile_jobs_free(&jobs);
    return bits;
}

static void test_select_jobs(void **state) {
    (void)state;
    /* The shards partition the TUs, and a checkout elsewhere splits them the same way (the paths do not exist: they
     * are compared as written). */
    uint64_t all = 0;
    for (unsigned k = 1; k <= 3; k++) {
        uint64_t here = selected("/nonexistent-lifeline-a/proj", k, 3);
        uint64_t there = selected("/nonexistent-lifeline-b/deeper/checkout", k, 3);
        assert_true(here == there);
        assert_true((all & here) == 0);
        assert_true(here != 0);
        all |= here;
    }
    assert_true(all == (UINT64_C(1) << 60) - 1);
    /* No sharding: everything stays. */
    compile_jobs jobs = {0};
    add_job(&jobs, "/x/a.c");
    add_job(&jobs, "/x/b.c");
    assert_int_equal(shard_select_jobs(&jobs, "/x", (shard_spec){0}), 2);
    assert_int_equal(jobs.count, 2);
    compile_jobs_free(&jobs);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid), cmocka_unit_test(test_parse_errors),  cmocka_unit_test(test_hash_stable),
        cmocka_unit_test(test_balanced),    cmocka_unit_test(test_relative_path), cmocka_unit_test(test_select_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
