/* test_fingerprint.c — statement normalisation, fingerprints that survive line shifts and reformatting but tell
 * different findings apart, and content hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "fingerprint.h"

/* ---- helpers ------------------------------------------------------------------------------------------------- */

static void assert_normalized(const char *in, const char *want) {
    char *got = fingerprint_normalize(in, strlen(in));
    assert_string_equal(got, want);
    free(got);
}

/* One in-memory source file; text_fn hands out lines [line, end_line] of it, as the driver's file cache would. */
typedef struct source {
    const char *path;
    const char *text;
    int calls;
} source;

static const char *source_lines(void *ctx, const char *file, unsigned line, unsigned col, unsigned end_line,
                                unsigned end_col, size_t *len) {
    (void)col, (void)end_col;
    source *src = ctx;
    src->calls++;
    if (!file || strcmp(file, src->path) != 0 || line == 0 || end_line < line) return NULL;
    const char *p = src->text;
    for (unsigned l = 1; l < line; l++) {
        p = strchr(p, '\n');
        if (!p) return NULL;
        p++;
    }
    const char *end = p;
    for (unsigned l = line; l <= end_line; l++) {
        const char *nl = strchr(end, '\n');
        end = nl ? nl + 1 : end + strlen(end);
        if (!nl) break;
    }
    *len = (size_t)(end - p);
    return p;
}

static finding *add(finding_list *fl, const char *rule, const char *function, const char *file, unsigned line,
                    unsigned end_line) {
    finding *f = finding_list_add(fl);
    f->rule_id = rule;
    f->level = SEV_WARNING;
    f->message = strdup("something is wrong here");
    f->file = strdup(file);
    f->line = line;
    f->col = 5;
    f->end_line = end_line;
    f->end_col = 20;
    f->function = strdup(function);
    return f;
}

/* Fingerprint of a single finding at `line` of `text`. Returns a malloc'd copy. */
static char *fingerprint_of(const char *text, const char *rule, const char *function, unsigned line,
                            unsigned end_line) {
    source src = {"/src/a.c", text, 0};
    finding_list fl = {0};
    add(&fl, rule, function, "/src/a.c", line, end_line);
    fingerprint_assign(&fl, source_lines, &src);
    assert_int_equal(src.calls, 1);
    assert_non_null(fl.items[0].fingerprint);
    assert_int_equal(strlen(fl.items[0].fingerprint), FINGERPRINT_HEX_LEN);
    char *fp = strdup(fl.items[0].fingerprint);
    finding_list_free(&fl);
    return fp;
}

static bool is_hex(const char *s, size_t n) {
    if (strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", s[i])) return false;
    return true;
}

static const char file_v1[] = "#include <stdio.h>\n"      /* 1 */
                              "\n"                        /* 2 */
                              "char *make_name(void) {\n" /* 3 */
                              "    char buf[16];\n"       /* 4 */
                              "    return buf;\n"         /* 5 */
                              "}\n";                      /* 6 */

/* The same function two lines further down, after an unrelated edit above it. */
static const char file_v2[] = "#include <stdio.h>\n"      /* 1 */
                              "#include <stdlib.h>\n"     /* 2 */
                              "/* a new comment */\n"     /* 3 */
                              "\n"                        /* 4 */
                              "char *make_name(void) {\n" /* 5 */
                              "    char buf[16];\n"       /* 6 */
                              "    return buf;\n"         /* 7 */
                              "}\n";                      /* 8 */

/* Reformatted: other indentation, spaces inside the statement, a comment on it. */
static const char file_v3[] = "char *make_name(void) {\n"    /* 1 */
                              "\tchar buf[16];\n"            /* 2 */
                              "\treturn   buf; // the bug\n" /* 3 */
                              "}\n";                         /* 4 */

/* A statement split across lines. */
static const char file_v4[] = "char *make_name(void) {\n"          /* 1 */
                              "    char buf[16];\n"                /* 2 */
                              "    return\n"                       /* 3 */
                              "        buf; /* still the bug */\n" /* 4 */
                              "}\n";                               /* 5 */

/* ---- tests --------------------------------------------------------------------------------------------------- */

static void test_normalize(void **state) {
    (void)state;
    assert_normalized("  return   buf;  ", "return buf;");
    assert_normalized("\treturn\n\t\tbuf;\r\n", "return buf;");
    assert_normalized("return buf; // the bug", "return buf;");
    assert_normalized("return /* the bug */ buf;", "return buf;");
    assert_normalized("a/**/b", "a b"); /* a comment separates tokens, as in C */
    assert_normalized("/* leading */ x = 1; /* trailing */", "x=1;");
    assert_normalized("x = 1; /* multi\n   line */ y = 2;", "x=1;y=2;");
    assert_normalized("a+b", "a+b");
    assert_normalized("a + b", "a+b"); /* reformatting keeps the text */
    assert_normalized("unsigned  long x", "unsigned long x");
    assert_normalized("// only a comment", "");
    assert_normalized("   \n\t  ", "");
    assert_normalized("", "");
    /* Literals are content: their spaces and comment-like text stay. */
    assert_normalized("puts(\"http://x  /* y */\");   // z", "puts(\"http://x  /* y */\");");
    assert_normalized("s = \"a \\\" // b\";  c = '/';  d = '\\'';", "s=\"a \\\" // b\";c='/';d='\\'';");
    assert_normalized("c = '\"'; // quote", "c='\"';");
    /* A range that cuts a comment or literal short must not run past the end. */
    assert_normalized("x = 1; /* unterminated", "x=1;");
    assert_normalized("s = \"unterminated", "s=\"unterminated");
    /* Only len bytes are read. */
    char *got = fingerprint_normalize("return buf; and more", 11);
    assert_string_equal(got, "return buf;");
    free(got);
}

static void test_stable_across_line_shift(void **state) {
    (void)state;
    char *a = fingerprint_of(file_v1, "stack-address-escape", "make_name", 5, 5);
    char *b = fingerprint_of(file_v2, "stack-address-escape", "make_name", 7, 7);
    assert_string_equal(a, b);
    /* end_line 0 means the one line. */
    char *c = fingerprint_of(file_v2, "stack-address-escape", "make_name", 7, 0);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
}

static void test_stable_across_reformatting(void **state) {
    (void)state;
    char *a = fingerprint_of(file_v1, "stack-address-escape", "make_name", 5, 5);
    char *b = fingerprint_of(file_v3, "stack-address-escape", "make_name", 3, 3);
    char *c = fingerprint_of(file_v4, "stack-address-escape", "make_name", 3, 4);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    /* Spacing around punctuation does not matter (clang-format may change it); the words do. */
    char *d = fingerprint_of("\n\n  return buf ;\n", "stack-address-escape", "make_name", 3, 3);
    assert_string_equal(a, d);
    char *e = fingerprint_of("\n\n  return buff;\n", "stack-address-escape", "make_name", 3, 3);
    assert_string_not_equal(a, e);
    free(e);
    free(a);
    free(b);
    free(c);
    free(d);
}

static void test_differs_by_rule_function_text(void **state) {
    (void)state;
    char *base = fingerprint_of(file_v1, "stack-address-escape", "make_name", 5, 5);
    char *rule = fingerprint_of(file_v1, "handle-leak", "make_name", 5, 5);
    char *fn = fingerprint_of(file_v1, "stack-address-escape", "make_other", 5, 5);
    char *text = fingerprint_of(file_v1, "stack-address-escape", "make_name", 4, 4);
    assert_string_not_equal(base, rule);
    assert_string_not_equal(base, fn);
    assert_string_not_equal(base, text);
    free(base);
    free(rule);
    free(fn);
    free(text);
}

static void test_compute_fields_unambiguous(void **state) {
    (void)state;
    char a[FINGERPRINT_HEX_LEN + 1], b[FINGERPRINT_HEX_LEN + 1];
    /* Moving characters from one field to the next must change the hash. */
    fingerprint_compute(a, "ab", "c", "x;", 0);
    fingerprint_compute(b, "a", "bc", "x;", 0);
    assert_string_not_equal(a, b);
    fingerprint_compute(a, "r", "f", "x;", 0);
    fingerprint_compute(b, "r", "f", "x;", 1);
    assert_string_not_equal(a, b);
    fingerprint_compute(b, "r", "f", "x;", 0);
    assert_string_equal(a, b);
    assert_true(is_hex(a, FINGERPRINT_HEX_LEN));
    /* NULL reads as empty. */
    fingerprint_compute(a, "r", NULL, "x;", 0);
    fingerprint_compute(b, "r", "", "x;", 0);
    assert_string_equal(a, b);
}

static void test_occurrence_index(void **state) {
    (void)state;
    static const char text[] = "void f(void) {\n"                 /* 1 */
                               "    FILE *a = fopen(p, \"r\");\n" /* 2 */
                               "    use(a);\n"                    /* 3 */
                               "    FILE *a = fopen(p, \"r\");\n" /* 4: the same statement again */
                               "}\n";
    source src = {"/src/a.c", text, 0};
    finding_list fl = {0};
    /* Added out of line order: occurrences are counted in line order, not list order. */
    add(&fl, "handle-leak", "f", "/src/a.c", 4, 4);
    add(&fl, "handle-leak", "f", "/src/a.c", 2, 2);
    fingerprint_assign(&fl, source_lines, &src);
    char first[FINGERPRINT_HEX_LEN + 1], second[FINGERPRINT_HEX_LEN + 1];
    static const char stmt[] = "FILE *a = fopen(p, \"r\");";
    char *norm = fingerprint_normalize(stmt, strlen(stmt));
    fingerprint_compute(first, "handle-leak", "f", norm, 0);
    fingerprint_compute(second, "handle-leak", "f", norm, 1);
    free(norm);
    assert_string_equal(fl.items[1].fingerprint, first);  /* line 2 */
    assert_string_equal(fl.items[0].fingerprint, second); /* line 4 */
    assert_string_not_equal(fl.items[0].fingerprint, fl.items[1].fingerprint);

    /* Assigning again (after a line shift) replaces the old strings and gives the same answer. */
    static const char shifted[] = "// new first line\n"
                                  "void f(void) {\n"
                                  "    FILE *a = fopen(p, \"r\");\n"
                                  "    use(a);\n"
                                  "    FILE *a = fopen(p, \"r\");\n"
                                  "}\n";
    src.text = shifted;
    fl.items[0].line = fl.items[0].end_line = 5;
    fl.items[1].line = fl.items[1].end_line = 3;
    fingerprint_assign(&fl, source_lines, &src);
    assert_string_equal(fl.items[1].fingerprint, first);
    assert_string_equal(fl.items[0].fingerprint, second);

    /* The same statement in another file does not shift this file's occurrence indexes. */
    add(&fl, "handle-leak", "f", "/src/other.c", 1, 1);
    fingerprint_assign(&fl, source_lines, &src);
    assert_string_equal(fl.items[1].fingerprint, first);
    assert_string_equal(fl.items[0].fingerprint, second);
    finding_list_free(&fl);
}

static void test_falls_back_to_message(void **state) {
    (void)state;
    finding_list fl = {0};
    add(&fl, "handle-leak", "f", "/nowhere.c", 3, 3);
    add(&fl, "handle-leak", "f", "/nowhere.c", 9, 9);
    free(fl.items[1].message);
    fl.items[1].message = strdup("another message");
    fingerprint_assign(&fl, NULL, NULL);
    char want[FINGERPRINT_HEX_LEN + 1];
    fingerprint_compute(want, "handle-leak", "f", "something is wrong here", 0);
    assert_string_equal(fl.items[0].fingerprint, want);
    assert_string_not_equal(fl.items[0].fingerprint, fl.items[1].fingerprint);
    finding_list_free(&fl);

    /* text_fn that does not know the file: same fallback. */
    source src = {"/src/a.c", file_v1, 0};
    add(&fl, "handle-leak", "f", "/nowhere.c", 3, 3);
    fingerprint_assign(&fl, source_lines, &src);
    assert_string_equal(fl.items[0].fingerprint, want);
    finding_list_free(&fl);
}

static void test_content_hash(void **state) {
    (void)state;
    char a[FINGERPRINT_HEX_LEN + 1], b[FINGERPRINT_HEX_LEN + 1];
    content_hash(a, "int main(void) { return 0; }\n", 29);
    content_hash(b, "int main(void) { return 0; }\n", 29);
    assert_string_equal(a, b);
    assert_true(is_hex(a, FINGERPRINT_HEX_LEN));
    content_hash(b, "int main(void) { return 1; }\n", 29);
    assert_string_not_equal(a, b);
    /* Published XXH3-128 values (what `xxh128sum` prints), so the hex is the canonical big-endian form. */
    content_hash(a, "", 0);
    assert_string_equal(a, "99aa06d3014798d86001c324468d497f");
    content_hash(a, "abc", 3);
    assert_string_equal(a, "06b05ab6733a618578af5f94892f3950");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_stable_across_line_shift),
        cmocka_unit_test(test_stable_across_reformatting),
        cmocka_unit_test(test_differs_by_rule_function_text),
        cmocka_unit_test(test_compute_fields_unambiguous),
        cmocka_unit_test(test_occurrence_index),
        cmocka_unit_test(test_falls_back_to_message),
        cmocka_unit_test(test_content_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
