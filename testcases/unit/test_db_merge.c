/* test_db_merge.c — `lifeline db merge` (db_merge.h): two small databases written through the store merge into one
 * with every run, TU, finding and summary; a USR in both keeps the most recent run's summary whatever the order of
 * the inputs (then the greater content); the combined run holds each shared finding once; runs copied by an earlier
 * merge are not duplicated; an existing output, a database of another schema version or a file that is not a
 * database is refused without writing anything. The tests read the output with sqlite3 directly. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, nftw */
#endif
#include <ftw.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_merge.h"
#include "finding.h"
#include "store.h"
#include "temp_dir.h"

typedef struct fixture {
    char dir[64];
} fixture;

static int setup(void **state) {
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    if (temp_dir_make(fx->dir, sizeof fx->dir, "merge") != 0) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state) {
    fixture *fx = *state;
    int rc = temp_dir_remove(fx->dir);
    free(fx);
    return rc;
}

static char *path_in(const fixture *fx, const char *rel) {
    return temp_dir_path(fx->dir, rel);
}

static void raw_exec_on(const char *path, const char *sql) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int64_t raw_int(const char *path, const char *sql) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static char *raw_text(const char *path, const char *sql) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(st, 0);
    char *copy = t ? strdup(t) : NULL;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return copy;
}

static void add_finding(finding_list *fl, const char *file, unsigned line, const char *fingerprint) {
    finding *f = finding_list_add(fl);
    f->rule_id = "handle-leak";
    f->level = SEV_WARNING;
    f->message = strdup("FILE 'fp' is not released");
    f->file = strdup(file);
    f->line = line;
    f->col = 5;
    f->function = strdup("fn");
    f->fingerprint = strdup(fingerprint);
    finding_add_step(f, file, line, 5, "acquired here");
    finding_add_step(f, file, line + 2, 5, "returns here");
}

/* A database with one finished run of `command_line` over one TU `main_file` that read main_file and /p/shared.h,
 * with findings (a shared one in the header, and one of its own at own_line) and summaries (usr=data pairs). */
static void make_db(const char *path, const char *command_line, const char *main_file, unsigned own_line,
                    const char *const *summaries, size_t nsummaries) {
    char err[1024];
    store *s = store_open(path, err, sizeof err);
    if (!s) fail_msg("%s", err);
    int64_t run = store_begin_run(s, "test", command_line, "/p", err, sizeof err);
    assert_true(run > 0);
    if (strstr(command_line, "--shard")) assert_int_equal(store_set_run_scope(s, run, "partial", err, sizeof err), 0);
    store_file files[] = {{main_file, "0123"}, {"/p/shared.h", "4567"}};
    finding_list fl = {0};
    add_finding(&fl, "/p/shared.h", 7, "00000000000000000000000000000sh7");
    char fp[64];
    snprintf(fp, sizeof fp, "%032u", own_line);
    add_finding(&fl, main_file, own_line, fp);
    store_summary sums[8];
    for (size_t i = 0; i < nsummaries; i++)
        sums[i] = (store_summary){summaries[2 * i], "fn", main_file, summaries[2 * i + 1]};
    store_tu tu = {.main_file = main_file,
                   .directory = "/p",
                   .args_hash = "aa",
                   .status = "ok",
                   .files = files,
                   .nfiles = 2,
                   .findings = &fl,
                   .summaries = sums,
                   .nsummaries = nsummaries};
    if (store_record_tu(s, run, &tu, err, sizeof err) != 0) fail_msg("%s", err);
    assert_int_equal(store_end_run(s, run, 1, fl.count, 0, err, sizeof err), 0);
    finding_list_free(&fl);
    store_close(s);
}

static void set_started(const char *path, const char *when) {
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE runs SET started_at = '%s', finished_at = '%s'", when, when);
    raw_exec_on(path, sql);
}

typedef struct two {
    char *a, *b, *out;
} two;

static two make_two(const fixture *fx) {
    two t = {path_in(fx, "a.db"), path_in(fx, "b.db"), path_in(fx, "out.db")};
    static const char *const sa[] = {"c:@F@shared", "{\"from\":\"a\"}", "c:@F@only_a", "{\"v\":1}"};
    static const char *const sb[] = {"c:@F@shared", "{\"from\":\"b\"}", "c:@F@only_b", "{\"v\":2}"};
    make_db(t.a, "lifeline check -p build --shard 1/2", "/p/a.c", 10, sa, 2);
    make_db(t.b, "lifeline check -p build --shard 2/2", "/p/b.c", 20, sb, 2);
    return t;
}

static void free_two(two *t) {
    free(t->a);
    free(t->b);
    free(t->out);
}

static void merge_ok(const char *a, const char *b, const char *out, db_merge_stats *st) {
    const char *in[] = {a, b};
    char err[1024] = "";
    if (db_merge(in, 2, out, "lifeline db merge", "test", st, err, sizeof err) != 0) fail_msg("%s", err);
}

static void test_counts_and_combined_run(void **state) {
    fixture *fx = *state;
    two t = make_two(fx);
    set_started(t.a, "2024-01-01T00:00:00.000Z");
    set_started(t.b, "2024-01-02T00:00:00.000Z");
    db_merge_stats st;
    merge_ok(t.a, t.b, t.out, &st);
    /* Two runs and the one combining them (both shards of 2: full). */
    assert_int_equal(st.runs, 3);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM runs"), 3);
    assert_int_equal(st.combined_run, 3);
    assert_int_equal(st.combined_runs, 2);
    assert_true(st.combined_full);
    char *scope = raw_text(t.out, "SELECT scope FROM runs WHERE id = 3");
    assert_string_equal(scope, "full");
    free(scope);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM runs WHERE scope = 'partial'"), 2);
    /* Every TU and finding once per run; the combined run has the header's finding once. */
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM tus"), 4);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM tus WHERE run_id = 3"), 2);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM findings"), 7);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM findings WHERE run_id = 3"), 3);
    assert_int_equal(st.combined_findings, 3);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM finding_steps"), 14);
    assert_int_equal(raw_int(t.out, "SELECT findings FROM runs WHERE id = 3"), 3);
    assert_int_equal(raw_int(t.out, "SELECT exit_code FROM runs WHERE id = 3"), 1);
    /* The combined run's findings belong to its own TUs. */
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM findings f JOIN tus t ON t.id = f.tu_id WHERE f.run_id = 3 "
                                    "AND t.run_id = 3"),
                     3);
    /* Files once per path; each TU's files. */
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM files"), 3);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM tu_files"), 8);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* Summaries by USR. */
    assert_int_equal(st.summaries, 3);
    assert_int_equal(st.summary_conflicts, 1);
    assert_int_equal(raw_int(t.out, "PRAGMA user_version"), STORE_SCHEMA_VERSION);

    /* The store reads it: the latest run is the combined one, with three findings. */
    char err[1024];
    store *s = store_open(t.out, err, sizeof err);
    if (!s) fail_msg("%s", err);
    assert_int_equal(store_latest_run(s), 3);
    finding_list fl = {0};
    assert_int_equal(store_load_findings(s, 0, &fl, err, sizeof err), 0);
    assert_int_equal(fl.count, 3);
    assert_int_equal(fl.items[0].nsteps, 2);
    finding_list_free(&fl);
    store_close(s);
    free_two(&t);
}

static void test_usr_conflict_newest_run_wins(void **state) {
    fixture *fx = *state;
    two t = make_two(fx);
    char *out2 = path_in(fx, "out2.db");
    /* b is newer: its summary wins, in either order of the inputs. */
    set_started(t.a, "2024-01-01T00:00:00.000Z");
    set_started(t.b, "2024-01-02T00:00:00.000Z");
    merge_ok(t.a, t.b, t.out, NULL);
    merge_ok(t.b, t.a, out2, NULL);
    const char *q = "SELECT data FROM summaries WHERE usr = 'c:@F@shared'";
    char *d1 = raw_text(t.out, q), *d2 = raw_text(out2, q);
    assert_string_equal(d1, "{\"from\":\"b\"}");
    assert_string_equal(d2, "{\"from\":\"b\"}");
    free(d1);
    free(d2);
    /* The kept row's run is b's, as the output numbers it. */
    char *cmd = raw_text(t.out, "SELECT r.command_line FROM summaries s JOIN runs r ON r.id = s.run_id WHERE s.usr = "
                                "'c:@F@shared'");
    assert_non_null(strstr(cmd, "--shard 2/2"));
    free(cmd);
    unlink(t.out);
    unlink(out2);
    /* a is newer now. */
    set_started(t.a, "2024-03-01T00:00:00.000Z");
    merge_ok(t.a, t.b, t.out, NULL);
    merge_ok(t.b, t.a, out2, NULL);
    d1 = raw_text(t.out, q);
    d2 = raw_text(out2, q);
    assert_string_equal(d1, "{\"from\":\"a\"}");
    assert_string_equal(d2, "{\"from\":\"a\"}");
    free(d1);
    free(d2);
    unlink(t.out);
    unlink(out2);
    /* Same times: the greater content, whatever the order. */
    set_started(t.a, "2024-05-01T00:00:00.000Z");
    set_started(t.b, "2024-05-01T00:00:00.000Z");
    merge_ok(t.a, t.b, t.out, NULL);
    merge_ok(t.b, t.a, out2, NULL);
    d1 = raw_text(t.out, q);
    d2 = raw_text(out2, q);
    assert_string_equal(d1, "{\"from\":\"b\"}");
    assert_string_equal(d2, "{\"from\":\"b\"}");
    free(d1);
    free(d2);
    free(out2);
    free_two(&t);
}

static void test_shared_runs_kept_once(void **state) {
    fixture *fx = *state;
    two t = make_two(fx);
    set_started(t.a, "2024-01-01T00:00:00.000Z");
    set_started(t.b, "2024-01-02T00:00:00.000Z");
    merge_ok(t.a, t.b, t.out, NULL);
    /* A shard database that started from a copy of the merged one, plus its own run: merging the copies again keeps
     * runs 1-3 once. */
    char *c1 = path_in(fx, "c1.db"), *again = path_in(fx, "again.db");
    {
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", t.out, c1);
        assert_int_equal(system(cmd), 0);
    }
    char err[1024];
    store *s = store_open(c1, err, sizeof err);
    if (!s) fail_msg("%s", err);
    int64_t run = store_begin_run(s, "test", "lifeline check -p build --shard 1/2", "/p", err, sizeof err);
    assert_int_equal(run, 4);
    assert_int_equal(store_end_run(s, run, 0, 0, 0, err, sizeof err), 0);
    store_close(s);
    db_merge_stats st;
    merge_ok(t.out, c1, again, &st);
    assert_int_equal(st.shared_runs, 3);
    /* 1, 2, 3, the new run 4, and one combining the inputs' latest runs (3 and 4). */
    assert_int_equal(raw_int(again, "SELECT count(*) FROM runs"), 5);
    assert_int_equal(raw_int(again, "SELECT count(*) FROM tus WHERE run_id <= 3"), 4);
    assert_int_equal(raw_int(again, "SELECT count(*) FROM findings WHERE run_id <= 3"), 7);
    assert_int_equal(raw_int(again, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    free(c1);
    free(again);
    free_two(&t);
}

static void test_partial_scope(void **state) {
    fixture *fx = *state;
    char *a = path_in(fx, "a.db"), *b = path_in(fx, "b.db"), *out = path_in(fx, "out.db");
    static const char *const sa[] = {"c:@F@x", "{}"};
    make_db(a, "lifeline summarize -p build --shard=1/3", "/p/a.c", 1, sa, 1);
    make_db(b, "lifeline summarize -p build --shard 3/3", "/p/b.c", 2, sa, 1);
    db_merge_stats st;
    merge_ok(a, b, out, &st);
    assert_true(st.combined_run > 0);
    assert_false(st.combined_full); /* shard 2/3 is missing */
    free(a);
    free(b);
    free(out);
    unsigned k = 0, n = 0;
    assert_int_equal(db_merge_command_shard("lifeline check -p b --shard 2/4 --db x", &k, &n), 1);
    assert_int_equal(k, 2);
    assert_int_equal(n, 4);
    assert_int_equal(db_merge_command_shard("lifeline check --shard=3/5", &k, &n), 1);
    assert_int_equal(k, 3);
    assert_int_equal(db_merge_command_shard("lifeline check -p b", &k, &n), 0);
    assert_int_equal(db_merge_command_shard("lifeline check --sharded 1/2", &k, &n), 0);
    assert_int_equal(db_merge_command_shard(NULL, &k, &n), 0);
}

static void test_refusals(void **state) {
    fixture *fx = *state;
    two t = make_two(fx);
    char err[1024];
    /* The output exists: refused, untouched. */
    FILE *f = fopen(t.out, "w");
    assert_non_null(f);
    fputs("keep me", f);
    fclose(f);
    const char *in[] = {t.a, t.b};
    assert_int_equal(db_merge(in, 2, t.out, "m", "test", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "already exists"));
    char buf[32] = "";
    f = fopen(t.out, "r");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "keep me");
    unlink(t.out);

    /* An input of another schema version, one that is not a database, one that is missing: refused, no output. */
    char *old = path_in(fx, "old.db");
    {
        sqlite3 *db = NULL;
        assert_int_equal(sqlite3_open(old, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, store_migration_sql(0), NULL, NULL, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    const char *in_old[] = {t.a, old};
    assert_int_equal(db_merge(in_old, 2, t.out, "m", "test", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "schema 1"));
    assert_int_equal(access(t.out, F_OK), -1);

    char *text = path_in(fx, "text.db");
    f = fopen(text, "w");
    assert_non_null(f);
    fputs("this is not a database, not even a little bit, and it goes on for a while", f);
    fclose(f);
    const char *in_text[] = {t.a, text};
    assert_int_equal(db_merge(in_text, 2, t.out, "m", "test", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a SQLite database"));
    assert_int_equal(access(t.out, F_OK), -1);

    char *missing = path_in(fx, "missing.db");
    const char *in_missing[] = {t.a, missing};
    assert_int_equal(db_merge(in_missing, 2, t.out, "m", "test", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing.db"));
    assert_int_equal(access(t.out, F_OK), -1);
    assert_int_equal(db_merge(in, 0, t.out, "m", "test", NULL, err, sizeof err), -1);

    /* Nothing left behind in the directory but the inputs. */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q merging", fx->dir);
    assert_int_not_equal(system(cmd), 0);
    free(old);
    free(text);
    free(missing);
    free_two(&t);
}

/* One input: a copy with nothing combined. */
static void test_single_input(void **state) {
    fixture *fx = *state;
    two t = make_two(fx);
    const char *in[] = {t.a};
    db_merge_stats st;
    char err[1024];
    assert_int_equal(db_merge(in, 1, t.out, "m", "test", &st, err, sizeof err), 0);
    assert_int_equal(st.combined_run, 0);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM runs"), 1);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM findings"), 2);
    assert_int_equal(raw_int(t.out, "SELECT count(*) FROM summaries"), 2);
    free_two(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counts_and_combined_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usr_conflict_newest_run_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shared_runs_kept_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
