/* test_sessions.c — rule shared-session (shared_session.c), end to end on in-memory sources with the built-in
 * models: a session reachable from a thread's argument given to two threads, used by the creator before the join,
 * sequential create/join, global sessions used by threads created in a loop, uses under a mutex and through lock
 * wrappers, per-thread elements, SQLite connections by open flags, and the summary facts that carry session uses and
 * lock effects to callers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "checker_harness.h"

static const char RULE[] = "shared-session";

/* Four lines: the sources below start on line 5. */
static const char *const prelude = "#include \"" LIFELINE_SOURCE_DIR "/testcases/include/curl/curl.h\"\n"
                                   "#include \"" LIFELINE_SOURCE_DIR "/testcases/include/sqlite3.h\"\n"
                                   "#include <pthread.h>\n#include <stddef.h>\n";

static void test_argument_sessions(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "struct ctx { CURL *curl; };\n" /* 5 */
             "static void *worker(void *arg) { struct ctx *c = arg; curl_easy_perform(c->curl); return NULL; }\n"
             "void two(struct ctx *ctx) { pthread_t a, b;\n"
             "  pthread_create(&a, NULL, worker, ctx);\n"
             "  pthread_create(&b, NULL, worker, ctx);\n" /* 9 */
             "  pthread_join(a, NULL); pthread_join(b, NULL); }\n"
             "void seq(struct ctx *ctx) { pthread_t a;\n"
             "  pthread_create(&a, NULL, worker, ctx); pthread_join(a, NULL);\n"
             "  pthread_create(&a, NULL, worker, ctx); pthread_join(a, NULL); }\n"
             "void creator(struct ctx *ctx) { pthread_t a; pthread_create(&a, NULL, worker, ctx);\n"
             "  curl_easy_perform(ctx->curl);\n" /* 15 */
             "  pthread_join(a, NULL); }\n"
             "void after_join(struct ctx *ctx) { pthread_t a; pthread_create(&a, NULL, worker, ctx);\n"
             "  pthread_join(a, NULL); curl_easy_perform(ctx->curl); }\n"
             "void per_thread(struct ctx *args, int n) { pthread_t t[4];\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_create(&t[i], NULL, worker, &args[i]);\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_join(t[i], NULL); }\n",
             prelude);
    analyse(src);
    assert_string_equal(summary_of("worker")->params[0].session.uses_kind, "CURL");
    expect_count(RULE, "two", 1);
    assert_int_equal(line_of(RULE, "two"), 9);
    expect_count(RULE, "seq", 0);
    expect_count(RULE, "creator", 1);
    assert_int_equal(line_of(RULE, "creator"), 15);
    expect_count(RULE, "after_join", 0);
    expect_count(RULE, "per_thread", 0);
}

static void test_globals_and_locks(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static CURL *g_curl; static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;\n" /* 5 */
             "static void lock(void) { pthread_mutex_lock(&mu); }\n"
             "static void unlock(void) { pthread_mutex_unlock(&mu); }\n"
             "static void fetch(void) { curl_easy_perform(g_curl); }\n"
             "static void *bare(void *a) { (void)a; fetch(); return NULL; }\n"
             "static void *guarded(void *a) { (void)a; pthread_mutex_lock(&mu); fetch(); pthread_mutex_unlock(&mu); "
             "return NULL; }\n"
             "static void *wrapped(void *a) { (void)a; lock(); fetch(); unlock(); return NULL; }\n"
             "void pool(int n) { pthread_t t[4];\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_create(&t[i], NULL, bare, NULL);\n" /* 13 */
             "  for (int i = 0; i < n && i < 4; i++) pthread_join(t[i], NULL); }\n"
             "void pool_locked(int n) { pthread_t t[4];\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_create(&t[i], NULL, guarded, NULL);\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_join(t[i], NULL); }\n"
             "void pool_wrapped(int n) { pthread_t t[4];\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_create(&t[i], NULL, wrapped, NULL);\n"
             "  for (int i = 0; i < n && i < 4; i++) pthread_join(t[i], NULL); }\n"
             "void main_too(void) { pthread_t t; pthread_create(&t, NULL, bare, NULL);\n"
             "  fetch();\n" /* 22 */
             "  pthread_join(t, NULL); }\n",
             prelude);
    analyse(src);
    assert_int_equal(summary_of("lock")->lock_delta, 1);
    assert_int_equal(summary_of("unlock")->lock_delta, -1);
    assert_int_equal(summary_of("bare")->nglobal_uses, 1);
    assert_int_equal(summary_of("guarded")->nglobal_uses, 0);
    assert_int_equal(summary_of("wrapped")->nglobal_uses, 0);
    expect_count(RULE, "pool", 1);
    assert_int_equal(line_of(RULE, "pool"), 13);
    expect_count(RULE, "pool_locked", 0);
    expect_count(RULE, "pool_wrapped", 0);
    expect_count(RULE, "main_too", 1);
    assert_int_equal(line_of(RULE, "main_too"), 22);
}

static void test_sqlite_flags(void **state) {
    (void)state;
    char src[4096];
    snprintf(
        src, sizeof src,
        "%s"
        "static void *query(void *arg) { sqlite3_exec(arg, \"select 1\", NULL, NULL, NULL); return NULL; }\n" /* 5 */
        "void nomutex(void) { sqlite3 *db; pthread_t a, b;\n"
        "  if (sqlite3_open_v2(\"x.db\", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) "
        "return;\n"
        "  pthread_create(&a, NULL, query, db);\n"
        "  pthread_create(&b, NULL, query, db);\n" /* 9 */
        "  pthread_join(a, NULL); pthread_join(b, NULL); sqlite3_close(db); }\n"
        "void fullmutex(void) { sqlite3 *db; pthread_t a, b;\n"
        "  if (sqlite3_open_v2(\"x.db\", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) "
        "return;\n"
        "  pthread_create(&a, NULL, query, db); pthread_create(&b, NULL, query, db);\n"
        "  pthread_join(a, NULL); pthread_join(b, NULL); sqlite3_close(db); }\n"
        "void plain(void) { sqlite3 *db; pthread_t a, b; if (sqlite3_open(\"x.db\", &db) != SQLITE_OK) return;\n"
        "  pthread_create(&a, NULL, query, db); pthread_create(&b, NULL, query, db);\n"
        "  pthread_join(a, NULL); pthread_join(b, NULL); sqlite3_close(db); }\n",
        prelude);
    analyse(src);
    expect_count(RULE, "nomutex", 1);
    assert_int_equal(line_of(RULE, "nomutex"), 9);
    expect_count(RULE, "fullmutex", 0);
    expect_count(RULE, "plain", 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_argument_sessions, free_world),
        cmocka_unit_test_teardown(test_globals_and_locks, free_world),
        cmocka_unit_test_teardown(test_sqlite_flags, free_world),
    };
    g_checker = &session_checker;
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
