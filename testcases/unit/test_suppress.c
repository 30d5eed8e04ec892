/* test_suppress.c — NOLINT comments (suppress.c): every clang-tidy form, check lists with globs, the lifeline-
 * prefix, other tools' names, NOLINTNEXTLINE on the previous line only, BEGIN/END ranges and unmatched ones (with
 * their diagnostics), directives in literals ignored, block comments, and CRLF / CR line ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"

/* ---- helpers ------------------------------------------------------------------------------------------------- */

static nolint_index *scan(const char *text, tool_diag_list *diags) {
    return nolint_scan("/src/a.c", text, strlen(text), diags);
}

/* Scan text expecting no diagnostics. */
static nolint_index *scan_clean(const char *text) {
    tool_diag_list d = {0};
    nolint_index *ix = scan(text, &d);
    for (size_t i = 0; i < d.count; i++)
        fprintf(stderr, "unexpected: %u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
    assert_int_equal(d.count, 0);
    tool_diag_list_free(&d);
    return ix;
}

static bool sup(const nolint_index *ix, unsigned line, const char *rule) {
    return nolint_suppresses(ix, line, rule, NULL);
}

/* rule is suppressed at line by exactly this directive text. */
static void expect_by(const nolint_index *ix, unsigned line, const char *rule, const char *comment) {
    const char *got = NULL;
    if (!nolint_suppresses(ix, line, rule, &got)) fprintf(stderr, "%s not suppressed at line %u\n", rule, line);
    assert_non_null(got);
    assert_string_equal(got, comment);
}

static void expect_diag(const tool_diag_list *d, size_t i, unsigned line, unsigned col, const char *what) {
    assert_true(i < d->count);
    assert_string_equal(d->items[i].tag, "lifeline-nolint");
    assert_int_equal(d->items[i].level, SEV_WARNING);
    assert_string_equal(d->items[i].file, "/src/a.c");
    assert_int_equal(d->items[i].line, line);
    assert_int_equal(d->items[i].col, col);
    assert_non_null(strstr(d->items[i].message, what));
}

/* ---- forms ---------------------------------------------------------------------------------------------------- */

static void test_bare_nolint(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("FILE *f = fopen(p, \"r\"); // NOLINT\n"
                                  "FILE *g = fopen(p, \"r\");\n"
                                  "int x; // NOLINT: the handle is closed by atexit\n");
    expect_by(ix, 1, "handle-leak", "NOLINT");
    expect_by(ix, 1, "thread-not-joined", "NOLINT");
    assert_false(sup(ix, 2, "handle-leak"));
    expect_by(ix, 3, "handle-leak", "NOLINT");
    assert_false(sup(ix, 0, "handle-leak"));
    assert_false(sup(ix, 4, "handle-leak"));
    assert_int_equal(nolint_count(ix), 2);
    nolint_free(ix);
}

static void test_check_lists(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("a; // NOLINT(lifeline-handle-leak)\n"                  /* 1 */
                                  "b; // NOLINT(lifeline-handle-*, other-check)\n"        /* 2 */
                                  "c; // NOLINT(  lifeline-thread-not-joined  ,x )\n"     /* 3 */
                                  "d; // NOLINT(*)\n"                                     /* 4 */
                                  "e; // NOLINT(lifeline-*)\n"                            /* 5 */
                                  "f; // NOLINT(*-leak)\n"                                /* 6 */
                                  "g; // NOLINT(bugprone-*,lifeline-missing-timeout)\n"); /* 7 */
    expect_by(ix, 1, "handle-leak", "NOLINT(lifeline-handle-leak)");
    assert_false(sup(ix, 1, "handle-double-release"));
    assert_false(sup(ix, 1, "missing-timeout"));

    expect_by(ix, 2, "handle-leak", "NOLINT(lifeline-handle-*, other-check)");
    assert_true(sup(ix, 2, "handle-double-release"));
    assert_true(sup(ix, 2, "handle-mismatched-release"));
    assert_false(sup(ix, 2, "thread-not-joined"));

    expect_by(ix, 3, "thread-not-joined", "NOLINT(  lifeline-thread-not-joined  ,x )");
    assert_false(sup(ix, 3, "thread-stack-arg"));

    assert_true(sup(ix, 4, "stack-address-escape"));
    assert_true(sup(ix, 4, "shared-session"));
    assert_true(sup(ix, 5, "stack-address-escape"));
    assert_true(sup(ix, 5, "missing-timeout"));
    assert_true(sup(ix, 6, "handle-leak"));
    assert_false(sup(ix, 6, "handle-double-release"));
    assert_true(sup(ix, 7, "missing-timeout"));
    assert_false(sup(ix, 7, "handle-leak"));
    nolint_free(ix);
}

static void test_names_that_do_not_match(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("a; // NOLINT(handle-leak)\n"                  /* no lifeline- prefix */
                                  "b; // NOLINT(bugprone-*, clang-analyzer-*)\n" /* another tool's checks */
                                  "c; // NOLINT()\n"                             /* an empty list: nothing */
                                  "d; // NOLINT(-lifeline-handle-leak)\n"        /* negative globs are ignored */
                                  "e; // NOLINT(Lifeline-handle-leak)\n"         /* names are case-sensitive */
                                  "f; // NOLINTFOO NOLINTnextline nolint\n"      /* not directives */
                                  "g; // lifeline-handle-leak\n");
    for (unsigned line = 1; line <= 7; line++) {
        assert_false(sup(ix, line, "handle-leak"));
        assert_false(sup(ix, line, "missing-timeout"));
    }
    assert_int_equal(nolint_count(ix), 0); /* none of them concerns lifeline */
    nolint_free(ix);

    /* a list without its ')' on the line is a bare NOLINT, as in clang-tidy */
    ix = scan_clean("a; // NOLINT(lifeline-handle-leak\n"
                    "b; /* NOLINT(lifeline-handle-leak */ x(y);\n");
    expect_by(ix, 1, "missing-timeout", "NOLINT");
    expect_by(ix, 2, "missing-timeout", "NOLINT");
    nolint_free(ix);
}

static void test_nolintnextline(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("// NOLINTNEXTLINE(lifeline-handle-leak)\n" /* 1 */
                                  "FILE *f = fopen(p, \"r\");\n"              /* 2 */
                                  "FILE *g = fopen(p, \"r\");\n"              /* 3 */
                                  "\n"                                        /* 4 */
                                  "// NOLINTNEXTLINE\n"                       /* 5 */
                                  "\n"                                        /* 6 */
                                  "x;\n");                                    /* 7 */
    assert_false(sup(ix, 1, "handle-leak"));
    expect_by(ix, 2, "handle-leak", "NOLINTNEXTLINE(lifeline-handle-leak)");
    assert_false(sup(ix, 2, "missing-timeout"));
    assert_false(sup(ix, 3, "handle-leak"));
    assert_false(sup(ix, 5, "handle-leak"));
    expect_by(ix, 6, "thread-stack-arg", "NOLINTNEXTLINE"); /* the next line, even when it is empty */
    assert_false(sup(ix, 7, "handle-leak"));
    nolint_free(ix);

    /* on the first line of the file, and at the very end with nothing after */
    ix = scan_clean("/* NOLINTNEXTLINE(lifeline-*) */\nx;\ny; // NOLINTNEXTLINE");
    assert_true(sup(ix, 2, "handle-leak"));
    assert_false(sup(ix, 3, "handle-leak"));
    assert_true(sup(ix, 4, "handle-leak")); /* a line that does not exist: harmless */
    nolint_free(ix);

    /* several directives for one line: each consulted */
    ix = scan_clean("// NOLINTNEXTLINE(lifeline-handle-leak)\n"
                    "a; // NOLINT(lifeline-missing-timeout)\n");
    expect_by(ix, 2, "handle-leak", "NOLINTNEXTLINE(lifeline-handle-leak)");
    expect_by(ix, 2, "missing-timeout", "NOLINT(lifeline-missing-timeout)");
    assert_false(sup(ix, 2, "thread-not-joined"));
    nolint_free(ix);
}

static void test_begin_end(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("a;\n"                                                             /* 1 */
                                  "// NOLINTBEGIN(lifeline-handle-leak)\n"                           /* 2 */
                                  "b;\n"                                                             /* 3 */
                                  "/* NOLINTBEGIN(lifeline-thread-*, lifeline-missing-timeout) */\n" /* 4 */
                                  "c;\n"                                                             /* 5 */
                                  "// NOLINTEND(lifeline-thread-*,lifeline-missing-timeout)\n"       /* 6 */
                                  "d;\n"                                                             /* 7 */
                                  "// NOLINTEND(lifeline-handle-leak)\n"                             /* 8 */
                                  "e;\n"                                                             /* 9 */
                                  "// NOLINTBEGIN\n"                                                 /* 10 */
                                  "f;\n"                                                             /* 11 */
                                  "// NOLINTEND\n"                                                   /* 12 */
                                  "g;\n");                                                           /* 13 */
    assert_false(sup(ix, 1, "handle-leak"));
    for (unsigned line = 2; line <= 8; line++)
        expect_by(ix, line, "handle-leak", "NOLINTBEGIN(lifeline-handle-leak)");
    assert_false(sup(ix, 9, "handle-leak"));
    assert_false(sup(ix, 3, "thread-not-joined"));
    for (unsigned line = 4; line <= 6; line++) {
        expect_by(ix, line, "thread-not-joined", "NOLINTBEGIN(lifeline-thread-*, lifeline-missing-timeout)");
        assert_true(sup(ix, line, "missing-timeout"));
        assert_false(sup(ix, line, "stack-address-escape"));
    }
    assert_false(sup(ix, 7, "thread-not-joined"));
    assert_false(sup(ix, 9, "stack-address-escape"));
    for (unsigned line = 10; line <= 12; line++)
        expect_by(ix, line, "stack-address-escape", "NOLINTBEGIN");
    assert_false(sup(ix, 13, "stack-address-escape"));
    nolint_free(ix);
}

static void test_unmatched(void **state) {
    (void)state;
    tool_diag_list d = {0};
    /* a BEGIN never closed suppresses nothing and is reported at its own position */
    nolint_index *ix = scan("a;\n"
                            "  // NOLINTBEGIN(lifeline-handle-leak)\n"
                            "b;\n",
                            &d);
    assert_int_equal(d.count, 1);
    expect_diag(&d, 0, 2, 6, "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment");
    assert_false(sup(ix, 2, "handle-leak"));
    assert_false(sup(ix, 3, "handle-leak"));
    nolint_free(ix);
    tool_diag_list_free(&d);

    /* an END that closes nothing */
    ix = scan("a; // NOLINTEND\n", &d);
    assert_int_equal(d.count, 1);
    expect_diag(&d, 0, 1, 7, "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment");
    assert_false(sup(ix, 1, "handle-leak"));
    nolint_free(ix);
    tool_diag_list_free(&d);

    /* lists that differ do not pair: both reported, in file order, and nothing is suppressed */
    ix = scan("// NOLINTBEGIN(lifeline-handle-leak)\n"
              "a;\n"
              "// NOLINTEND(lifeline-handle-*)\n"
              "// NOLINTBEGIN\n"
              "// NOLINTEND(*)\n",
              &d);
    assert_int_equal(d.count, 4);
    expect_diag(&d, 0, 1, 4, "'NOLINTBEGIN'");
    expect_diag(&d, 1, 3, 4, "'NOLINTEND'");
    expect_diag(&d, 2, 4, 4, "'NOLINTBEGIN'");
    expect_diag(&d, 3, 5, 4, "'NOLINTEND'");
    assert_false(sup(ix, 2, "handle-leak"));
    nolint_free(ix);
    tool_diag_list_free(&d);

    /* pairs close innermost first: an inner END with the outer list does not close it */
    ix = scan("// NOLINTBEGIN(lifeline-handle-leak)\n"     /* 1 */
              "// NOLINTBEGIN(lifeline-missing-timeout)\n" /* 2: never closed */
              "// NOLINTEND(lifeline-handle-leak)\n"       /* 3: the top is missing-timeout: unmatched */
              "a;\n",
              &d);
    assert_int_equal(d.count, 3);
    expect_diag(&d, 0, 1, 4, "'NOLINTBEGIN'");
    expect_diag(&d, 1, 2, 4, "'NOLINTBEGIN'");
    expect_diag(&d, 2, 3, 4, "'NOLINTEND'");
    assert_false(sup(ix, 2, "handle-leak"));
    assert_false(sup(ix, 2, "missing-timeout"));
    nolint_free(ix);
    tool_diag_list_free(&d);

    /* other tools' BEGIN/END are theirs to pair: no diagnostics, and they do not disturb ours */
    ix = scan("// NOLINTBEGIN(bugprone-*)\n"
              "// NOLINTBEGIN(lifeline-handle-leak)\n"
              "// NOLINTEND(google-runtime-int)\n"
              "a;\n"
              "// NOLINTEND(lifeline-handle-leak)\n",
              &d);
    assert_int_equal(d.count, 0);
    assert_true(sup(ix, 4, "handle-leak"));
    nolint_free(ix);

    /* diags may be NULL */
    ix = nolint_scan("/src/a.c", "// NOLINTBEGIN\n", 15, NULL);
    assert_false(sup(ix, 1, "handle-leak"));
    nolint_free(ix);
}

/* ---- lexing ---------------------------------------------------------------------------------------------------- */

static void test_literals_are_not_comments(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("const char *s = \"// NOLINT\";\n"                           /* 1 */
                                  "const char *t = \"/* NOLINT */\";\n"                        /* 2 */
                                  "const char *u = \"a\\\" // NOLINT\";\n"                     /* 3: escaped quote */
                                  "char c = '\"'; // NOLINT(lifeline-handle-leak)\n"           /* 4: quote in a char */
                                  "char q = '\\''; x(); // NOLINT(lifeline-missing-timeout)\n" /* 5 */
                                  "int n = 1'000'000; // NOLINT(lifeline-thread-not-joined)\n" /* 6: C23 */
                                  "int h = 0x1'0p+1'0; y(u8'a', L\"// NOLINT\"); // NOLINT(*)\n" /* 7 */
                                  "const char *v = \"multi \\\n"                                 /* 8: continued */
                                  "// NOLINT\";\n"                              /* 9: still the string */
                                  "const char *w = \"unterminated; // NOLINT\n" /* 10 */
                                  "z; // NOLINT(lifeline-shared-session)\n");   /* 11: back in code */
    assert_false(sup(ix, 1, "handle-leak"));
    assert_false(sup(ix, 2, "handle-leak"));
    assert_false(sup(ix, 3, "handle-leak"));
    expect_by(ix, 4, "handle-leak", "NOLINT(lifeline-handle-leak)");
    expect_by(ix, 5, "missing-timeout", "NOLINT(lifeline-missing-timeout)");
    expect_by(ix, 6, "thread-not-joined", "NOLINT(lifeline-thread-not-joined)");
    expect_by(ix, 7, "handle-leak", "NOLINT(*)");
    assert_false(sup(ix, 8, "handle-leak"));
    assert_false(sup(ix, 9, "handle-leak"));
    assert_false(sup(ix, 10, "handle-leak"));
    expect_by(ix, 11, "shared-session", "NOLINT(lifeline-shared-session)");
    assert_int_equal(nolint_count(ix), 5);
    nolint_free(ix);
}

static void test_comment_forms(void **state) {
    (void)state;
    nolint_index *ix = scan_clean("a; /* NOLINT */ b;\n"                                            /* 1 */
                                  "/*\n"                                                            /* 2 */
                                  " * NOLINTNEXTLINE(lifeline-handle-leak)\n"                       /* 3 */
                                  " */\n"                                                           /* 4: suppressed */
                                  "c; /* \"not a string\" // NOLINT(lifeline-missing-timeout) */\n" /* 5 */
                                  "d; // a line comment \\\n"                                       /* 6 */
                                  "   continued: NOLINT(lifeline-thread-stack-arg)\n"               /* 7 */
                                  "e; /* unterminated NOLINT(lifeline-shared-session)\n");          /* 8 */
    expect_by(ix, 1, "handle-leak", "NOLINT");
    assert_false(sup(ix, 3, "handle-leak"));
    expect_by(ix, 4, "handle-leak", "NOLINTNEXTLINE(lifeline-handle-leak)");
    expect_by(ix, 5, "missing-timeout", "NOLINT(lifeline-missing-timeout)");
    assert_false(sup(ix, 6, "thread-stack-arg"));
    expect_by(ix, 7, "thread-stack-arg", "NOLINT(lifeline-thread-stack-arg)");
    expect_by(ix, 8, "shared-session", "NOLINT(lifeline-shared-session)");
    nolint_free(ix);

    /* comments do not nest, and '//' inside a block comment is just text */
    ix = scan_clean("/* a /* b */ c(\"x\"); // NOLINT(lifeline-handle-leak)\n"
                    "/* // */ d; // NOLINT(lifeline-missing-timeout)\n");
    expect_by(ix, 1, "handle-leak", "NOLINT(lifeline-handle-leak)");
    expect_by(ix, 2, "missing-timeout", "NOLINT(lifeline-missing-timeout)");
    nolint_free(ix);
}

static void test_line_ends(void **state) {
    (void)state;
    /* CRLF: the same lines as LF, and no '\r' in the directive text */
    tool_diag_list d = {0};
    nolint_index *ix = scan("a;\r\n"                                    /* 1 */
                            "// NOLINTNEXTLINE\r\n"                     /* 2 */
                            "b;\r\n"                                    /* 3 */
                            "c; // NOLINT(lifeline-handle-leak)\r\n"    /* 4 */
                            "/* x\r\n y */ d; // NOLINT(lifeline-*\r\n" /* 5, 6: no ')' on the line: bare */
                            "// NOLINTBEGIN(lifeline-handle-leak)\r\n"  /* 7 */
                            "e;\r\n"                                    /* 8 */
                            "// NOLINTEND(lifeline-handle-leak)\r\n"    /* 9 */
                            "// NOLINTEND\r\n",                         /* 10 */
                            &d);
    assert_false(sup(ix, 2, "handle-leak"));
    expect_by(ix, 3, "handle-leak", "NOLINTNEXTLINE");
    expect_by(ix, 4, "handle-leak", "NOLINT(lifeline-handle-leak)");
    assert_false(sup(ix, 5, "handle-leak"));
    expect_by(ix, 6, "missing-timeout", "NOLINT");
    expect_by(ix, 8, "handle-leak", "NOLINTBEGIN(lifeline-handle-leak)");
    assert_false(sup(ix, 8, "missing-timeout"));
    assert_int_equal(d.count, 1);
    expect_diag(&d, 0, 10, 4, "'NOLINTEND'");
    nolint_free(ix);
    tool_diag_list_free(&d);

    /* old Mac line ends (lone CR) count as line ends too */
    ix = scan_clean("a;\r// NOLINTNEXTLINE(lifeline-handle-leak)\rb;\rc; // NOLINT\r");
    expect_by(ix, 3, "handle-leak", "NOLINTNEXTLINE(lifeline-handle-leak)");
    expect_by(ix, 4, "handle-leak", "NOLINT");
    assert_false(sup(ix, 2, "handle-leak"));
    nolint_free(ix);
}

static void test_edges(void **state) {
    (void)state;
    /* NULL index and NULL text; text that is not NUL-terminated */
    assert_false(nolint_suppresses(NULL, 1, "handle-leak", NULL));
    nolint_index *ix = nolint_scan("/src/a.c", NULL, 0, NULL);
    assert_int_equal(nolint_count(ix), 0);
    assert_false(sup(ix, 1, "handle-leak"));
    nolint_free(ix);
    nolint_free(NULL);
    const char buf[] = {'x', ';', '/', '/', 'N', 'O', 'L', 'I', 'N', 'T', '(', '*', ')', 'Z', 'Z'};
    ix = nolint_scan("/src/a.c", buf, 10, NULL); /* "x;//NOLINT": the '(' lies beyond len */
    expect_by(ix, 1, "handle-leak", "NOLINT");
    nolint_free(ix);
    ix = nolint_scan("/src/a.c", buf, 8, NULL); /* "x;//NOLI": cut short, nothing */
    assert_int_equal(nolint_count(ix), 0);
    nolint_free(ix);
    ix = scan_clean("x; //");
    assert_int_equal(nolint_count(ix), 0);
    nolint_free(ix);
}

/* A large file scans in linear time (a quadratic scan would take minutes here). */
static void test_large_file(void **state) {
    (void)state;
    enum { LINES = 200000 };
    size_t cap = (size_t)LINES * 48, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (unsigned i = 0; i < LINES; i++) {
        const char *line = i % 4 == 0   ? "x(\"s\"); // NOLINT(lifeline-handle-leak)\n"
                           : i % 4 == 1 ? "/* NOLINTBEGIN */ y('c');\n"
                           : i % 4 == 2 ? "z = 1'000; /* plain */\n"
                                        : "// NOLINTEND\n";
        size_t n = strlen(line);
        memcpy(text + len, line, n);
        len += n;
    }
    tool_diag_list d = {0};
    nolint_index *ix = nolint_scan("/src/big.c", text, len, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(nolint_count(ix), LINES / 4 * 3);
    assert_true(sup(ix, 1, "handle-leak"));
    assert_true(sup(ix, LINES - 3, "handle-leak"));
    assert_true(sup(ix, 3, "missing-timeout"));  /* inside a BEGIN/END pair */
    assert_false(sup(ix, 1, "missing-timeout")); /* between pairs */
    nolint_free(ix);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bare_nolint),
        cmocka_unit_test(test_check_lists),
        cmocka_unit_test(test_names_that_do_not_match),
        cmocka_unit_test(test_nolintnextline),
        cmocka_unit_test(test_begin_end),
        cmocka_unit_test(test_unmatched),
        cmocka_unit_test(test_literals_are_not_comments),
        cmocka_unit_test(test_comment_forms),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_large_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
