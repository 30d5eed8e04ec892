/* test_timeouts.c — rule missing-timeout (timeouts.c, run by the handle checker), end to end on in-memory sources
 * with the built-in models: libcurl easy handles (timeouts set, cleared by a literal 0 or curl_easy_reset, copied by
 * curl_easy_duphandle, a connect timeout alone), sockets (SO_RCVTIMEO, SOCK_NONBLOCK, fcntl O_NONBLOCK, a poll with
 * a finite timeout, MSG_DONTWAIT, accept loops, files), libpq connection strings, and the summaries that carry
 * "sets a timeout on its parameter", "blocks on its parameter" and "returns a bounded handle" to callers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "checker_harness.h"

static const char RULE[] = "missing-timeout";

/* Six lines: the sources below start on line 7. */
static const char *const prelude =
    "#include \"" LIFELINE_SOURCE_DIR "/testcases/include/curl/curl.h\"\n"
    "#include \"" LIFELINE_SOURCE_DIR "/testcases/include/libpq-fe.h\"\n"
    "#include <sys/socket.h>\n#include <fcntl.h>\n#include <poll.h>\n#include <unistd.h>\n";

static void test_curl(void **state) {
    (void)state;
    char src[4096];
    snprintf(
        src, sizeof src,
        "%s"
        "int none(void) { CURL *h = curl_easy_init(); if (!h) return 1; int r = curl_easy_perform(h);\n" /* 7 */
        "  curl_easy_cleanup(h); return r; }\n"
        "int bounded(void) { CURL *h = curl_easy_init(); if (!h) return 1;\n"
        "  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L); int r = curl_easy_perform(h); curl_easy_cleanup(h); return r; }\n"
        "int zero(void) { CURL *h = curl_easy_init(); if (!h) return 1;\n"
        "  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L); int r = curl_easy_perform(h); curl_easy_cleanup(h); return r; }\n"
        "int connect_only(void) { CURL *h = curl_easy_init(); if (!h) return 1;\n"
        "  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L); int r = curl_easy_perform(h); curl_easy_cleanup(h); return "
        "r; }\n"
        "int reset(void) { CURL *h = curl_easy_init(); if (!h) return 1; curl_easy_setopt(h, CURLOPT_TIMEOUT, 3L);\n"
        "  curl_easy_reset(h); int r = curl_easy_perform(h); curl_easy_cleanup(h); return r; }\n"
        "int branch(int t) { CURL *h = curl_easy_init(); if (!h) return 1; if (t) curl_easy_setopt(h, CURLOPT_TIMEOUT, "
        "3L);\n"
        "  int r = curl_easy_perform(h); curl_easy_cleanup(h); return r; }\n"
        "int dup_bounded(void) { CURL *h = curl_easy_init(); if (!h) return 1; curl_easy_setopt(h, CURLOPT_TIMEOUT, "
        "3L);\n"
        "  CURL *d = curl_easy_duphandle(h); curl_easy_cleanup(h); if (!d) return 1; int r = curl_easy_perform(d);\n"
        "  curl_easy_cleanup(d); return r; }\n"
        "int param(CURL *h) { return curl_easy_perform(h); }\n",
        prelude);
    analyse(src);
    expect_count(RULE, "none", 1);
    assert_int_equal(line_of(RULE, "none"), 7);
    expect_count(RULE, "bounded", 0);
    expect_count(RULE, "zero", 1);
    expect_count(RULE, "connect_only", 1);
    assert_non_null(strstr(finding_of(RULE, "connect_only")->message, "only the connect phase"));
    expect_count(RULE, "reset", 1);
    expect_count(RULE, "branch", 1);
    expect_count(RULE, "dup_bounded", 0);
    expect_count(RULE, "param", 0); /* its history is the caller's: the summary says it blocks */
    assert_string_equal(summary_of("param")->params[0].session.blocks, "curl_easy_perform");
}

static void test_helpers(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void configure(CURL *h) { curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 500L); }\n" /* 7 */
             "static int fetch(CURL *h) { return curl_easy_perform(h); }\n"
             "static CURL *make_bounded(void) { CURL *h = curl_easy_init(); if (h) configure(h); return h; }\n"
             "static CURL *make_plain(void) { return curl_easy_init(); }\n"
             "int a(void) { CURL *h = curl_easy_init(); if (!h) return 1; configure(h); int r = fetch(h); "
             "curl_easy_cleanup(h); return r; }\n"
             "int b(void) { CURL *h = curl_easy_init(); if (!h) return 1; int r = fetch(h); curl_easy_cleanup(h); "
             "return r; }\n" /* 12 */
             "int c(void) { CURL *h = make_bounded(); if (!h) return 1; int r = curl_easy_perform(h); "
             "curl_easy_cleanup(h); return r; }\n"
             "int d(void) { CURL *h = make_plain(); if (!h) return 1; int r = curl_easy_perform(h); "
             "curl_easy_cleanup(h); return r; }\n",
             prelude);
    analyse(src);
    assert_string_equal(summary_of("configure")->params[0].session.sets, "timeout");
    assert_non_null(summary_of("make_bounded")->returns_props);
    expect_count(RULE, "a", 0);
    expect_count(RULE, "b", 1);
    assert_int_equal(line_of(RULE, "b"), 12);
    assert_non_null(strstr(finding_of(RULE, "b")->message, "'fetch'"));
    expect_count(RULE, "c", 0);
    expect_count(RULE, "d", 1);
    expect_count(RULE, "fetch", 0);
}

static void test_sockets(void **state) {
    (void)state;
    char src[4096];
    snprintf(
        src, sizeof src,
        "%s"
        "int plain(char *b) { int fd = socket(AF_INET, SOCK_STREAM, 0); if (fd < 0) return -1;\n" /* 7 */
        "  int n = recv(fd, b, 8, 0); close(fd); return n; }\n"
        "int rcvtimeo(char *b, struct timeval *tv) { int fd = socket(AF_INET, SOCK_STREAM, 0); if (fd < 0) return -1;\n"
        "  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, sizeof *tv); int n = recv(fd, b, 8, 0); close(fd); return n; }\n"
        "int nonblock(char *b) { int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); if (fd < 0) return -1;\n"
        "  int n = recv(fd, b, 8, 0); close(fd); return n; }\n"
        "int fcntl_nb(char *b) { int fd = socket(AF_INET, SOCK_STREAM, 0); if (fd < 0) return -1;\n"
        "  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); int n = recv(fd, b, 8, 0); close(fd); return n; }\n"
        "int polled(char *b) { struct pollfd p; int fd = socket(AF_INET, SOCK_STREAM, 0); if (fd < 0) return -1;\n"
        "  p.fd = fd; p.events = POLLIN; int n = poll(&p, 1, 1000) > 0 ? (int)recv(fd, b, 8, 0) : -1; close(fd); "
        "return n; }\n"
        "int dontwait(char *b) { int fd = socket(AF_INET, SOCK_STREAM, 0); if (fd < 0) return -1;\n"
        "  int n = recv(fd, b, 8, MSG_DONTWAIT); close(fd); return n; }\n"
        "int file(char *b) { int fd = open(\"/etc/hosts\", O_RDONLY); if (fd < 0) return -1;\n"
        "  int n = read(fd, b, 8); close(fd); return n; }\n"
        "void serve(int s) { for (;;) { int c = accept(s, NULL, NULL); if (c >= 0) close(c); } }\n"
        "int once(void) { int s = socket(AF_INET, SOCK_STREAM, 0); if (s < 0) return -1; int c = accept(s, NULL, "
        "NULL);\n" /* 22 */
        "  if (c >= 0) close(c); close(s); return 0; }\n",
        prelude);
    analyse(src);
    expect_count(RULE, "plain", 1);
    assert_int_equal(line_of(RULE, "plain"), 8);
    expect_count(RULE, "rcvtimeo", 0);
    expect_count(RULE, "nonblock", 0);
    expect_count(RULE, "fcntl_nb", 0);
    expect_count(RULE, "polled", 0);
    expect_count(RULE, "dontwait", 0);
    expect_count(RULE, "file", 0);
    expect_count(RULE, "serve", 0);
    expect_count(RULE, "once", 1);
    assert_int_equal(line_of(RULE, "once"), 22);
}

static void test_conninfo(void **state) {
    (void)state;
    char src[2048];
    snprintf(src, sizeof src,
             "%s"
             "PGconn *bad(void) { return PQconnectdb(\"host=db dbname=app\"); }\n" /* 7 */
             "PGconn *good(void) { return PQconnectdb(\"host=db dbname=app connect_timeout=5\"); }\n"
             "PGconn *runtime(const char *ci) { return PQconnectdb(ci); }\n",
             prelude);
    analyse(src);
    expect_count(RULE, "bad", 1);
    assert_int_equal(line_of(RULE, "bad"), 7);
    expect_count(RULE, "good", 0);
    expect_count(RULE, "runtime", 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_curl, free_world),
        cmocka_unit_test_teardown(test_helpers, free_world),
        cmocka_unit_test_teardown(test_sockets, free_world),
        cmocka_unit_test_teardown(test_conninfo, free_world),
    };
    g_checker = &handle_checker;
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
