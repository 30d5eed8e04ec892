/* test_handles.c — the handle-lifecycle checker's wrapper summaries, end to end on in-memory sources with the
 * built-in models: acquire wrappers (returned and out-parameter), release wrappers (value, pointee, parts of a
 * struct), functions that keep a handle or release it on some paths only; the JSON round trip of those facts; and
 * the findings their callers get. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "checker_harness.h"

static const char *const prelude =
    "#include <stdio.h>\n#include <fcntl.h>\n#include <unistd.h>\n#include <sys/socket.h>\n";

static void test_acquire_wrapper(void **state) {
    (void)state;
    char src[2048];
    snprintf(src, sizeof src,
             "%s"
             "FILE *open_cfg(const char *p) { FILE *f = fopen(p, \"r\"); return f; }\n"           /* 5 */
             "int leaks(const char *p) { FILE *f = open_cfg(p); if (!f) return -1; return 0; }\n" /* 6 */
             "int fine(const char *p) { FILE *f = open_cfg(p); if (!f) return -1; fclose(f); return 0; }\n",
             prelude);
    analyse(src);
    assert_string_equal(summary_of("open_cfg")->returns_handle, "FILE");
    assert_int_equal(findings_of("handle-leak", "open_cfg"), 0);
    assert_int_equal(findings_of("handle-leak", "leaks"), 1);
    assert_int_equal(line_of("handle-leak", "leaks"), 6);
    assert_int_equal(findings_of("handle-leak", "fine"), 0);
}

static void test_release_wrappers(void **state) {
    (void)state;
    char src[2048];
    snprintf(src, sizeof src,
             "%s"
             "void close_file(FILE *f) { if (f) fclose(f); }\n"
             "void fclosep(FILE **f) { if (*f) fclose(*f); }\n"
             "struct job { FILE *out; int fd; };\n"
             "void job_finish(struct job *j) { fclose(j->out); close(j->fd); }\n"
             "int a(const char *p) { FILE *f = fopen(p, \"r\"); if (!f) return -1; close_file(f); return 0; }\n"
             "int b(const char *p) { FILE *f = fopen(p, \"r\"); if (!f) return -1; fclosep(&f); return 0; }\n"
             "int c(const char *p) { struct job j; j.fd = open(p, O_RDONLY); if (j.fd < 0) return -1;\n"
             "  j.out = fopen(p, \"w\"); if (!j.out) { close(j.fd); return -1; } job_finish(&j); return 0; }\n"
             "int twice(const char *p) { FILE *f = fopen(p, \"r\"); if (!f) return -1; close_file(f); fclose(f); "
             "return 0; }\n",
             prelude);
    analyse(src);
    assert_true(summary_of("close_file")->params[0].handle & HANDLE_RELEASES);
    assert_true(summary_of("fclosep")->params[0].handle & HANDLE_RELEASES_POINTEE);
    const fn_summary *jf = summary_of("job_finish");
    assert_int_equal(jf->params[0].nfields, 2);
    for (uint32_t i = 0; i < jf->params[0].nfields; i++) {
        assert_true(strcmp(jf->params[0].fields[i].path, "*.out") == 0 ||
                    strcmp(jf->params[0].fields[i].path, "*.fd") == 0);
        assert_true(jf->params[0].fields[i].bits & HANDLE_RELEASES_POINTEE);
    }
    assert_int_equal(findings_of("handle-leak", "a"), 0);
    assert_int_equal(findings_of("handle-leak", "b"), 0);
    assert_int_equal(findings_of("handle-leak", "c"), 0);
    assert_int_equal(findings_of("handle-double-release", "twice"), 1);
}

static void test_keep_out_and_conditional(void **state) {
    (void)state;
    char src[2048];
    snprintf(src, sizeof src,
             "%s"
             "FILE *g_log;\n"
             "void keep(FILE *f) { g_log = f; }\n"
             "int open_fd(const char *p, int *out) { int fd = open(p, O_RDONLY); if (fd < 0) return -1; *out = fd; "
             "return 0; }\n"
             "int listen_or_close(int s) { if (listen(s, 1) < 0) { close(s); return -1; } return 0; }\n"
             "int k(const char *p) { FILE *f = fopen(p, \"w\"); if (!f) return -1; keep(f); return 0; }\n"
             "int o(const char *p) { int fd; if (open_fd(p, &fd) != 0) return -1; return 0; }\n" /* 10 */
             "int l(void) { int s = socket(AF_INET, SOCK_STREAM, 0); if (s < 0) return -1;\n"
             "  if (listen_or_close(s) < 0) return -1; return s; }\n",
             prelude);
    analyse(src);
    assert_true(summary_of("keep")->params[0].handle & HANDLE_KEEPS);
    const fn_summary *of = summary_of("open_fd");
    assert_int_equal(of->acquires_out_param, 1);
    assert_string_equal(of->acquires_out_kind, "fd");
    assert_int_equal(of->acquires_out_success, SUCCESS_ZERO);
    assert_true(summary_of("listen_or_close")->params[0].handle & HANDLE_MAY_RELEASE);
    assert_int_equal(findings_of("handle-leak", "k"), 0);
    assert_int_equal(findings_of("handle-leak", "o"), 1); /* fd acquired through the wrapper, never closed */
    assert_int_equal(line_of("handle-leak", "o"), 10);
    assert_int_equal(findings_of("handle-leak", "l"), 0);

    /* The facts survive the store's JSON. */
    const char *names[] = {"keep", "open_fd", "listen_or_close"};
    for (size_t i = 0; i < 3; i++) {
        const fn_summary *s = summary_of(names[i]);
        char *json = summary_to_json(s);
        fn_summary *back = summary_from_json(&g_prog.arena, s->usr, s->name, s->file, json);
        free(json);
        assert_non_null(back);
        assert_true(summary_equal(s, back));
    }
}

static void test_part_facts_round_trip(void **state) {
    (void)state;
    char src[1024];
    snprintf(src, sizeof src, "%s%s", prelude,
             "struct job { FILE *out; int fd; };\n"
             "void job_finish(struct job *j) { fclose(j->out); close(j->fd); }\n");
    analyse(src);
    const fn_summary *s = summary_of("job_finish");
    char *json = summary_to_json(s);
    assert_non_null(strstr(json, "\"*.out\""));
    fn_summary *back = summary_from_json(&g_prog.arena, s->usr, s->name, s->file, json);
    free(json);
    assert_non_null(back);
    assert_true(summary_equal(s, back));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_acquire_wrapper, free_world),
        cmocka_unit_test_teardown(test_release_wrappers, free_world),
        cmocka_unit_test_teardown(test_keep_out_and_conditional, free_world),
        cmocka_unit_test_teardown(test_part_facts_round_trip, free_world),
    };
    g_checker = &handle_checker;
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
