/* test_store.c — the SQLite store: round trips of TU results, schema versioning, refusing databases that are not
 * ours, atomic TU transactions (under failed writes and kills too), summaries upserted by USR, two handles on one
 * file, damaged files, and opening for reading what cannot be written.
 *
 * The tests look at the database with sqlite3 directly where the store API has no reader (table counts, pragmas),
 * since "nothing partial was written" is only observable there. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, nftw, scandir */
#endif
#include <dirent.h>
#include <ftw.h>
#include <pthread.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finding.h"
#include "store.h"
#include "temp_dir.h"

/* ---- helpers ------------------------------------------------------------------------------------------------- */

typedef struct fixture {
    char dir[64];
} fixture;

static int setup(void **state) {
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    if (temp_dir_make(fx->dir, sizeof fx->dir, "store") != 0) {
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

/* dir + "/" + rel, malloc'd. */
static char *path_in(const fixture *fx, const char *rel) {
    return temp_dir_path(fx->dir, rel);
}

static void assert_str_eq0(const char *a, const char *b) {
    if (!a || !b) {
        assert_null(a);
        assert_null(b);
        return;
    }
    assert_string_equal(a, b);
}

/* The file's bytes, malloc'd, with its length in *len. */
static unsigned char *read_bytes(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void write_bytes(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static sqlite3 *raw_open(const char *path) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    return db;
}

static void raw_exec(sqlite3 *db, const char *sql) {
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), 0);
}

/* The single integer a query returns. */
static int64_t raw_int(const char *path, const char *sql) {
    sqlite3 *db = raw_open(path);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* The single text a query returns, malloc'd. */
static char *raw_text(const char *path, const char *sql) {
    sqlite3 *db = raw_open(path);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(st, 0);
    char *copy = t ? strdup(t) : NULL;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return copy;
}

static store *open_ok(const char *path) {
    char err[512] = "";
    store *s = store_open(path, err, sizeof err);
    if (!s) fail_msg("store_open(%s): %s", path, err);
    return s;
}

/* The two findings of the round trip, built the way a checker would. */
static void make_findings(finding_list *fl) {
    finding *f = finding_list_add(fl);
    f->rule_id = "stack-address-escape";
    f->level = SEV_ERROR;
    f->message = strdup("address of local 'buf' is returned");
    f->file = strdup("/src/a.c");
    f->line = 10;
    f->col = 5;
    f->end_line = 10;
    f->end_col = 16;
    f->function = strdup("make_name");
    f->fingerprint = strdup("0123456789abcdef0123456789abcdef");
    f->suppressed = false;
    f->suppression_note = NULL;
    finding_add_step(f, "/src/a.c", 7, 10, "'buf' is declared here");
    finding_add_step(f, "/src/a.c", 10, 5, "its address is returned");

    f = finding_list_add(fl);
    f->rule_id = "handle-leak";
    f->level = SEV_WARNING;
    f->message = strdup("FILE opened by fopen is not closed on the error path");
    f->file = strdup("/src/b.c");
    f->line = 42;
    f->col = 17;
    f->end_line = 43;
    f->end_col = 2;
    f->function = strdup("load");
    f->fingerprint = strdup("fedcba9876543210fedcba9876543210");
    f->suppressed = true;
    f->suppression_note = strdup("// NOLINT(lifeline-handle-leak): closed by atexit");
    finding_add_step(f, "/src/b.c", 40, 15, "opened here");
    finding_add_step(f, "/src/b.c", 41, 9, "taking the error branch");
    finding_add_step(f, "/src/b.c", 42, 17, "returns without fclose");
}

static void assert_finding_eq(const finding *a, const finding *b) {
    assert_string_equal(a->rule_id, b->rule_id);
    assert_int_equal(a->level, b->level);
    assert_str_eq0(a->message, b->message);
    assert_str_eq0(a->file, b->file);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->col, b->col);
    assert_int_equal(a->end_line, b->end_line);
    assert_int_equal(a->end_col, b->end_col);
    assert_str_eq0(a->function, b->function);
    assert_str_eq0(a->fingerprint, b->fingerprint);
    assert_int_equal(a->suppressed, b->suppressed);
    assert_str_eq0(a->suppression_note, b->suppression_note);
    assert_int_equal(a->nsteps, b->nsteps);
    for (size_t i = 0; i < a->nsteps; i++) {
        assert_str_eq0(a->steps[i].file, b->steps[i].file);
        assert_int_equal(a->steps[i].line, b->steps[i].line);
        assert_int_equal(a->steps[i].col, b->steps[i].col);
        assert_str_eq0(a->steps[i].message, b->steps[i].message);
    }
}

/* Summaries as store_each_summary reports them, copied. */
typedef struct seen_summary {
    char *usr, *name, *file, *json;
} seen_summary;

typedef struct seen_summaries {
    seen_summary items[16];
    size_t count;
    size_t stop_after; /* 0: never stop early */
} seen_summaries;

static char *dup0(const char *s) {
    return s ? strdup(s) : NULL;
}

static int collect_summary(void *ctx, const char *usr, const char *name, const char *file, const char *json) {
    seen_summaries *seen = ctx;
    assert_true(seen->count < 16);
    seen->items[seen->count++] = (seen_summary){dup0(usr), dup0(name), dup0(file), dup0(json)};
    return seen->stop_after && seen->count >= seen->stop_after;
}

/* A store_each_summary callback that tries to start the same walk from inside it. */
typedef struct reentry {
    store *s;
    int rows, inner_rc;
    char inner_err[256];
} reentry;

static int walk_again(void *ctx, const char *usr, const char *name, const char *file, const char *json) {
    (void)usr, (void)name, (void)file, (void)json;
    reentry *re = ctx;
    if (re->rows++ == 0) re->inner_rc = store_each_summary(re->s, walk_again, re, re->inner_err, sizeof re->inner_err);
    return 0;
}

static void seen_free(seen_summaries *seen) {
    for (size_t i = 0; i < seen->count; i++) {
        free(seen->items[i].usr);
        free(seen->items[i].name);
        free(seen->items[i].file);
        free(seen->items[i].json);
    }
    seen->count = 0;
}

static const store_file round_trip_files[] = {
    {"/src/a.c", "00000000000000000000000000000001"},
    {"/src/common.h", "00000000000000000000000000000002"},
};

static const store_summary round_trip_summaries[] = {
    {"c:@F@make_name", "make_name", "/src/a.c", "{\"v\":1,\"nparams\":1,\"params\":[{}]}"},
    {"c:b.c@F@load", "load", "/src/b.c", "{\"v\":1,\"nparams\":0,\"params\":[],\"noreturn\":false}"},
};

/* A TU row for a.c with the given findings and summaries. */
static store_tu make_tu(const finding_list *fl, const store_summary *sums, size_t nsums) {
    return (store_tu){
        .main_file = "/src/a.c",
        .directory = "/src",
        .args_hash = "abcdefabcdefabcdefabcdefabcdefab",
        .status = "ok",
        .message = NULL,
        .files = round_trip_files,
        .nfiles = 2,
        .findings = fl,
        .summaries = sums,
        .nsummaries = nsums,
    };
}

/* True when s looks like 2024-05-01T12:34:56.789Z. */
static bool is_iso8601_utc(const char *s) {
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (!s || strlen(s) != sizeof shape - 1) return false;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i]) return false;
    }
    return true;
}

/* ---- tests --------------------------------------------------------------------------------------------------- */

static void test_round_trip(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);

    int64_t run = store_begin_run(s, "0.1.0", "lifeline check -p build", "/src", err, sizeof err);
    assert_true(run > 0);
    finding_list fl = {0};
    make_findings(&fl);
    store_tu tu = make_tu(&fl, round_trip_summaries, 2);
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
    assert_int_equal(store_end_run(s, run, 1, fl.count, 0, err, sizeof err), 0);

    finding_list loaded = {0};
    assert_int_equal(store_load_findings(s, run, &loaded, err, sizeof err), 0);
    assert_int_equal(loaded.count, 2);
    /* Loaded in file/line order, which is also the order they were built in. */
    assert_finding_eq(&loaded.items[0], &fl.items[0]);
    assert_finding_eq(&loaded.items[1], &fl.items[1]);
    /* The rule ids are the store's own copies, not pointers into the list we passed (which is freed next). */
    assert_ptr_not_equal(loaded.items[0].rule_id, fl.items[0].rule_id);

    seen_summaries seen = {0};
    assert_int_equal(store_each_summary(s, collect_summary, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 2);
    /* In USR order: "c:@F@make_name" < "c:b.c@F@load". */
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(seen.items[i].usr, round_trip_summaries[i].usr);
        assert_string_equal(seen.items[i].name, round_trip_summaries[i].name);
        assert_string_equal(seen.items[i].file, round_trip_summaries[i].file);
        assert_string_equal(seen.items[i].json, round_trip_summaries[i].json);
    }
    seen_free(&seen);

    /* The callback can stop the walk. */
    seen.stop_after = 1;
    assert_int_equal(store_each_summary(s, collect_summary, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 1);
    seen_free(&seen);

    /* A callback that starts the same walk again is refused (the statement is the walk's one cursor), and the outer
     * walk still sees every row. */
    reentry re = {.s = s};
    assert_int_equal(store_each_summary(s, walk_again, &re, err, sizeof err), 0);
    assert_int_equal(re.rows, 2);
    assert_int_equal(re.inner_rc, -1);
    assert_non_null(strstr(re.inner_err, "store_each_summary called from its own callback"));
    store_close(s);

    /* What the API cannot show: the TU, its files and their links, the run's bookkeeping. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus WHERE main_file = '/src/a.c' AND status = 'ok'"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM files"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps"), 5);
    assert_int_equal(raw_int(db, "SELECT exit_code FROM runs"), 1);
    assert_int_equal(raw_int(db, "SELECT findings FROM runs"), 2);
    assert_int_equal(raw_int(db, "SELECT failed_tus FROM runs"), 0);
    char *text = raw_text(db, "SELECT content_hash FROM files WHERE path = '/src/common.h'");
    assert_string_equal(text, "00000000000000000000000000000002");
    free(text);
    text = raw_text(db, "SELECT command_line FROM runs");
    assert_string_equal(text, "lifeline check -p build");
    free(text);
    text = raw_text(db, "SELECT started_at FROM runs");
    assert_true(is_iso8601_utc(text));
    free(text);
    text = raw_text(db, "SELECT finished_at FROM runs");
    assert_true(is_iso8601_utc(text));
    free(text);

    finding_list_free(&loaded);
    finding_list_free(&fl);
    free(db);
}

static void test_rule_ids_interned(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    finding_list fl = {0};
    make_findings(&fl);
    fl.items[1].rule_id = "stack-address-escape";
    store_tu tu = make_tu(&fl, NULL, 0);
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
    assert_int_equal(store_end_run(s, run, 1, 2, 0, err, sizeof err), 0);

    finding_list a = {0}, b = {0};
    assert_int_equal(store_load_findings(s, run, &a, err, sizeof err), 0);
    assert_int_equal(store_load_findings(s, run, &b, err, sizeof err), 0);
    assert_int_equal(a.count, 2);
    assert_int_equal(b.count, 2);
    /* One copy per distinct rule id, shared by every finding and every load on this handle. */
    assert_string_equal(a.items[0].rule_id, "stack-address-escape");
    assert_ptr_equal(a.items[0].rule_id, a.items[1].rule_id);
    assert_ptr_equal(a.items[0].rule_id, b.items[0].rule_id);
    /* store_load_findings appends. */
    finding_list_take(&a, &b);
    assert_int_equal(a.count, 4);
    finding_list_free(&a);
    finding_list_free(&fl);
    store_close(s);
    free(db);
}

static void test_schema_created(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    store_close(open_ok(db));

    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(STORE_SCHEMA_VERSION, 3);
    char *mode = raw_text(db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
    static const char *const tables[] = {"runs",          "tus",       "files",   "tu_files", "findings",
                                         "finding_steps", "summaries", "tu_deps", "tu_notes"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", tables[i]);
        assert_int_equal(raw_int(db, sql), 1);
    }
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                 "name IN ('findings_run', 'findings_fingerprint')"),
                     2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'scope' AND "
                                 "\"notnull\" = 1 AND dflt_value = '''full'''"),
                     1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_info('tus') WHERE name = 'inputs_hash'"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_info('tu_files') WHERE name = 'content_hash'"), 1);

    /* Opening again leaves a current database as it is. */
    store_close(open_ok(db));
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    free(db);
}

/* The names in a directory, sorted and joined, to see that nothing was created beside a file. */
static char *dir_listing(const char *dir) {
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(names[i]->d_name) + 1;
    char *out = calloc(1, len);
    assert_non_null(out);
    for (int i = 0; i < n; i++) {
        strcat(out, names[i]->d_name);
        strcat(out, " ");
        free(names[i]);
    }
    free(names);
    return out;
}

static void test_newer_version_refused(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "newer.db");
    sqlite3 *raw = raw_open(db);
    raw_exec(raw, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from lifeline 9'); "
                  "PRAGMA user_version = 7;");
    sqlite3_close(raw);
    size_t before_len, after_len;
    unsigned char *before = read_bytes(db, &before_len);
    char *listing_before = dir_listing(fx->dir);

    char err[512] = "";
    assert_null(store_open(db, err, sizeof err));
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "newer"));
    assert_non_null(strstr(err, "schema 7"));
    assert_non_null(strstr(err, "knows 3"));
    assert_non_null(strstr(err, "--db"));

    unsigned char *after = read_bytes(db, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    /* No journal or WAL file left beside it either. */
    char *listing_after = dir_listing(fx->dir);
    assert_string_equal(listing_before, listing_after);
    free(before);
    free(after);
    free(listing_before);
    free(listing_after);
    free(db);
}

static void test_newer_wal_database_untouched(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "newer-wal.db");
    sqlite3 *raw = raw_open(db);
    raw_exec(raw, "PRAGMA journal_mode = WAL; CREATE TABLE future (x TEXT); "
                  "INSERT INTO future VALUES ('from lifeline 9'); PRAGMA user_version = 4;");
    sqlite3_close(raw);
    size_t before_len, after_len;
    unsigned char *before = read_bytes(db, &before_len);

    char err[512] = "";
    assert_null(store_open(db, err, sizeof err));
    assert_non_null(strstr(err, "schema 4"));
    unsigned char *after = read_bytes(db, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    free(db);
}

static void test_not_a_database_refused(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "notes.txt");
    char content[4096];
    for (size_t i = 0; i < sizeof content; i++)
        content[i] = "not a database\n"[i % 15];
    write_bytes(db, content, sizeof content);

    char err[512] = "";
    assert_null(store_open(db, err, sizeof err));
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "not a SQLite database"));
    assert_non_null(strstr(err, "--db"));
    size_t len;
    unsigned char *after = read_bytes(db, &len);
    assert_int_equal(len, sizeof content);
    assert_memory_equal(after, content, sizeof content);
    free(after);
    free(db);
}

static void test_foreign_database_refused(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "other-app.db");
    sqlite3 *raw = raw_open(db);
    raw_exec(raw, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
    sqlite3_close(raw);

    char err[512] = "";
    assert_null(store_open(db, err, sizeof err));
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "--db"));
    /* Nothing of ours was added to it. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
    free(db);
}

static void test_failed_record_leaves_nothing(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_true(run > 0);

    /* The last row of the transaction fails (a summary without a USR), after the TU, its files, findings and steps
     * and a first summary were already inserted. */
    finding_list fl = {0};
    make_findings(&fl);
    const store_summary bad[] = {
        round_trip_summaries[0],
        {NULL, "anonymous", "/src/a.c", "{\"v\":1,\"nparams\":0,\"params\":[]}"},
    };
    store_tu tu = make_tu(&fl, bad, 2);
    err[0] = '\0';
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), -1);
    assert_non_null(strstr(err, "/src/a.c"));
    assert_non_null(strstr(err, "summaries.usr"));

    /* A run id that does not exist fails on the first row (foreign keys are on). */
    store_tu good = make_tu(&fl, round_trip_summaries, 2);
    err[0] = '\0';
    assert_int_equal(store_record_tu(s, run + 100, &good, err, sizeof err), -1);
    assert_true(strlen(err) > 0);

    static const char *const counts[] = {
        "SELECT count(*) FROM tus",      "SELECT count(*) FROM files",         "SELECT count(*) FROM tu_files",
        "SELECT count(*) FROM findings", "SELECT count(*) FROM finding_steps", "SELECT count(*) FROM summaries",
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        assert_int_equal(raw_int(db, counts[i]), 0);
    finding_list none = {0};
    assert_int_equal(store_load_findings(s, run, &none, err, sizeof err), 0);
    assert_int_equal(none.count, 0);

    /* The handle is still usable afterwards. */
    assert_int_equal(store_record_tu(s, run, &good, err, sizeof err), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM summaries"), 2);
    finding_list_free(&fl);
    store_close(s);
    free(db);
}

static void test_summaries_upsert_by_usr(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);

    const store_summary first[] = {{"c:@F@f", "f", "/src/a.c", "{\"v\":1,\"nparams\":0,\"params\":[]}"}};
    const store_summary second[] = {{"c:@F@f", "f", "/src/a2.c", "{\"v\":1,\"nparams\":1,\"params\":[{}]}"},
                                    {"c:@F@g", "g", "/src/a2.c", "{\"v\":1,\"nparams\":0,\"params\":[]}"}};
    store_tu tu = make_tu(NULL, first, 1);
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
    /* The second TU includes the same header, which has changed in between. */
    const store_file second_files[] = {
        {"/src/a2.c", "00000000000000000000000000000003"},
        {"/src/common.h", "00000000000000000000000000000004"},
    };
    tu = make_tu(NULL, second, 2);
    tu.main_file = "/src/a2.c";
    tu.files = second_files;
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);

    seen_summaries seen = {0};
    assert_int_equal(store_each_summary(s, collect_summary, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 2);
    assert_string_equal(seen.items[0].usr, "c:@F@f");
    assert_string_equal(seen.items[0].file, "/src/a2.c");
    assert_string_equal(seen.items[0].json, second[0].json);
    assert_string_equal(seen.items[1].usr, "c:@F@g");
    seen_free(&seen);

    /* Files are upserted by path too: two TUs including one header leave one row with the latest hash, linked to
     * both TUs. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM files"), 3);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files"), 4);
    char *hash = raw_text(db, "SELECT content_hash FROM files WHERE path = '/src/common.h'");
    assert_string_equal(hash, "00000000000000000000000000000004");
    free(hash);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files JOIN files ON files.id = tu_files.file_id "
                                 "WHERE files.path = '/src/common.h'"),
                     2);
    store_close(s);
    free(db);
}

static void test_latest_run(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    assert_int_equal(store_latest_run(s), 0);
    finding_list none = {0};
    assert_int_equal(store_load_findings(s, 0, &none, err, sizeof err), 0);
    assert_int_equal(none.count, 0);

    finding_list fl = {0};
    make_findings(&fl);
    int64_t run1 = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_true(run1 > 0);
    store_tu tu = make_tu(&fl, NULL, 0);
    tu.findings = &(finding_list){.items = fl.items, .count = 1, .cap = 1};
    assert_int_equal(store_record_tu(s, run1, &tu, err, sizeof err), 0);
    assert_int_equal(store_latest_run(s), 0); /* begun, not finished */
    assert_int_equal(store_end_run(s, run1, 1, 1, 0, err, sizeof err), 0);
    assert_int_equal(store_latest_run(s), run1);

    int64_t run2 = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_true(run2 > run1);
    tu = make_tu(&fl, NULL, 0);
    assert_int_equal(store_record_tu(s, run2, &tu, err, sizeof err), 0);
    assert_int_equal(store_latest_run(s), run1);

    /* run_id 0 means the latest finished run: run1's one finding while run2 is in progress... */
    finding_list got = {0};
    assert_int_equal(store_load_findings(s, 0, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 1);
    finding_list_free(&got);
    /* ...and run2's two once it has finished. */
    assert_int_equal(store_end_run(s, run2, 1, 2, 0, err, sizeof err), 0);
    assert_int_equal(store_latest_run(s), run2);
    assert_int_equal(store_load_findings(s, -1, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 2);
    finding_list_free(&got);

    /* Ending a run that does not exist is an error, not a silent no-op. */
    err[0] = '\0';
    assert_int_equal(store_end_run(s, run2 + 10, 0, 0, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "no such run"));

    finding_list_free(&fl);
    store_close(s);
    free(db);
}

static void test_parent_directories_created(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "project/.lifeline/cache/lifeline.db");
    store_close(open_ok(db));
    struct stat st;
    assert_int_equal(stat(db, &st), 0);
    assert_true(S_ISREG(st.st_mode));

    /* A parent that is a regular file cannot become a directory: a clear error, no crash. */
    char *blocker = path_in(fx, "plain-file");
    write_bytes(blocker, "x", 1);
    char *bad = path_in(fx, "plain-file/sub/lifeline.db");
    char err[512] = "";
    assert_null(store_open(bad, err, sizeof err));
    assert_non_null(strstr(err, "cannot create directory"));
    assert_non_null(strstr(err, "--db"));
    free(bad);
    free(blocker);
    free(db);
}

static void test_read_only_refused(void **state) {
    /* root writes through any permission bits, so there is nothing to observe. */
    if (geteuid() == 0) skip();
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    store_close(open_ok(db));
    assert_int_equal(chmod(db, 0444), 0);
    char err[512] = "";
    assert_null(store_open(db, err, sizeof err));
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "writable"));
    free(db);
}

static void test_two_handles(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "shared.db");
    char err[512] = "";
    store *a = open_ok(db);
    store *b = open_ok(db);
    assert_int_equal(store_latest_run(b), 0);

    int64_t run = store_begin_run(a, "0.1.0", "lifeline check", "/src", err, sizeof err);
    finding_list fl = {0};
    make_findings(&fl);
    store_tu tu = make_tu(&fl, round_trip_summaries, 2);
    assert_int_equal(store_record_tu(a, run, &tu, err, sizeof err), 0);
    assert_int_equal(store_end_run(a, run, 1, 2, 0, err, sizeof err), 0);

    /* b opened before a wrote, and still sees what a committed. */
    assert_int_equal(store_latest_run(b), run);
    finding_list got = {0};
    assert_int_equal(store_load_findings(b, 0, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 2);
    assert_finding_eq(&got.items[0], &fl.items[0]);
    assert_finding_eq(&got.items[1], &fl.items[1]);
    seen_summaries seen = {0};
    assert_int_equal(store_each_summary(b, collect_summary, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 2);
    seen_free(&seen);

    /* And the other way round: b writes, a reads. */
    int64_t run2 = store_begin_run(b, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_int_equal(store_end_run(b, run2, 0, 0, 0, err, sizeof err), 0);
    assert_int_equal(store_latest_run(a), run2);

    finding_list_free(&got);
    finding_list_free(&fl);
    store_close(a);
    store_close(b);
    free(db);
}

/* Several workers, each with its own handle, all opening a database that does not exist yet: one of them creates
 * the schema, the others wait (busy timeout) instead of failing, and every TU lands exactly once. */
enum { WRITERS = 4, TUS_PER_WRITER = 15 };

typedef struct writer_arg {
    const char *db;
    pthread_barrier_t *start;
    int failures;
    char err[512];
} writer_arg;

static void *writer_main(void *p) {
    writer_arg *w = p;
    pthread_barrier_wait(w->start);
    store *s = store_open(w->db, w->err, sizeof w->err);
    if (!s) {
        w->failures++;
        return NULL;
    }
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", w->err, sizeof w->err);
    if (run <= 0) w->failures++;
    for (int i = 0; i < TUS_PER_WRITER && run > 0; i++) {
        finding_list fl = {0};
        make_findings(&fl);
        store_tu tu = make_tu(&fl, round_trip_summaries, 2);
        if (store_record_tu(s, run, &tu, w->err, sizeof w->err) != 0) w->failures++;
        finding_list_free(&fl);
    }
    if (run > 0 && store_end_run(s, run, 1, 2 * TUS_PER_WRITER, 0, w->err, sizeof w->err) != 0) w->failures++;
    store_close(s);
    return NULL;
}

static void test_concurrent_writers(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "fresh/lifeline.db");
    pthread_barrier_t start;
    assert_int_equal(pthread_barrier_init(&start, NULL, WRITERS), 0);
    pthread_t threads[WRITERS];
    writer_arg args[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        args[i] = (writer_arg){.db = db, .start = &start};
        assert_int_equal(pthread_create(&threads[i], NULL, writer_main, &args[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < WRITERS; i++)
        if (args[i].failures) fail_msg("writer %d: %s", i, args[i].err);

    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"), WRITERS);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), WRITERS * TUS_PER_WRITER);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 2 * WRITERS * TUS_PER_WRITER);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps"), 5 * WRITERS * TUS_PER_WRITER);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM summaries"), 2);
    free(db);
}

/* ---- schema 2: run scope, pre-commit queries, runs listing ------------------------------------------------ */

/* A database exactly as lifeline with schema 1 left it: the first migration step (the same text that version ran),
 * user_version 1, and a run with a TU, its files, a finding and its steps written with the version 1 columns. */
static void make_v1_database(const char *path) {
    const char *ddl = store_migration_sql(0);
    assert_non_null(ddl);
    assert_null(strstr(ddl, "scope TEXT"));
    sqlite3 *raw = raw_open(path);
    raw_exec(raw, "PRAGMA journal_mode = WAL");
    raw_exec(raw, "BEGIN");
    raw_exec(raw, ddl);
    raw_exec(raw, "PRAGMA user_version = 1");
    raw_exec(raw, "INSERT INTO runs (id, started_at, finished_at, tool_version, command_line, root_dir, exit_code, "
                  "findings, failed_tus) VALUES (1, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:05.000Z', '0.1.0', "
                  "'lifeline check -p build', '/src', 1, 1, 0)");
    raw_exec(raw, "INSERT INTO runs (id, started_at, tool_version, command_line, root_dir) "
                  "VALUES (2, '2024-05-02T10:00:00.000Z', '0.1.0', 'lifeline check -p build', '/src')");
    raw_exec(raw, "INSERT INTO tus (id, run_id, main_file, directory, args_hash, status) "
                  "VALUES (1, 1, '/src/a.c', '/src', 'abcd', 'ok')");
    raw_exec(raw, "INSERT INTO files (id, path, content_hash, run_id) VALUES (1, '/src/a.c', '01', 1), "
                  "(2, '/src/common.h', '02', 1)");
    raw_exec(raw, "INSERT INTO tu_files (tu_id, file_id) VALUES (1, 1), (1, 2)");
    raw_exec(raw, "INSERT INTO findings (id, run_id, tu_id, rule, severity, message, file, line, col, end_line, "
                  "end_col, function, fingerprint) VALUES (1, 1, 1, 'handle-leak', 'warning', 'leaked', '/src/a.c', "
                  "4, 5, 4, 20, 'f', '0123456789abcdef0123456789abcdef')");
    raw_exec(raw, "INSERT INTO finding_steps (finding_id, idx, file, line, col, message) "
                  "VALUES (1, 0, '/src/a.c', 4, 5, 'opened here')");
    raw_exec(raw, "COMMIT");
    sqlite3_close(raw);
}

static void test_migration_v1_to_v2(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "v1.db");
    make_v1_database(db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'scope'"), 0);

    char err[512] = "";
    store *s = open_ok(db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    /* Every run and finding survived, and the old runs are full runs. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM runs"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM runs WHERE scope = 'full'"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps"), 1);
    assert_int_equal(store_latest_run(s), 1);
    assert_int_equal(store_latest_full_run(s), 1);
    finding_list fl = {0};
    assert_int_equal(store_load_findings(s, 1, &fl, err, sizeof err), 0);
    assert_int_equal(fl.count, 1);
    assert_string_equal(fl.items[0].rule_id, "handle-leak");
    assert_string_equal(fl.items[0].fingerprint, "0123456789abcdef0123456789abcdef");
    assert_int_equal(fl.items[0].nsteps, 1);
    assert_string_equal(fl.items[0].steps[0].message, "opened here");
    finding_list_free(&fl);
    store_run run;
    assert_int_equal(store_get_run(s, 2, &run, err, sizeof err), 1);
    assert_null(run.finished_at);
    assert_string_equal(run.scope, "full");
    assert_int_equal(run.exit_code, -1);
    assert_int_equal(run.findings, -1);
    store_run_free(&run);

    /* The migrated database takes the new column... */
    assert_int_equal(store_set_run_scope(s, 2, "partial", err, sizeof err), 0);
    assert_int_equal(store_end_run(s, 2, 0, 0, 0, err, sizeof err), 0);
    assert_int_equal(store_latest_run(s), 2);
    assert_int_equal(store_latest_full_run(s), 1);
    store_close(s);
    /* ...with its CHECK. */
    sqlite3 *raw = raw_open(db);
    assert_int_not_equal(sqlite3_exec(raw, "UPDATE runs SET scope = 'half' WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);

    /* Opening again changes nothing. */
    store_close(open_ok(db));
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 1);
    free(db);
}

/* A new run with the given scope (NULL: the default), finished or not; returns its id. */
static int64_t add_run(store *s, const char *scope, bool finish) {
    char err[512] = "";
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_true(run > 0);
    if (scope) assert_int_equal(store_set_run_scope(s, run, scope, err, sizeof err), 0);
    if (finish) assert_int_equal(store_end_run(s, run, 0, 0, 0, err, sizeof err), 0);
    return run;
}

static void test_run_scope(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    assert_int_equal(store_latest_full_run(s), 0);
    assert_int_equal(store_full_run_before(s, 100), 0);

    int64_t r1 = add_run(s, NULL, true); /* full by default */
    int64_t r2 = add_run(s, "partial", true);
    int64_t r3 = add_run(s, "full", true);
    int64_t r4 = add_run(s, "partial", true);
    int64_t r5 = add_run(s, "full", false); /* not finished */
    char *scope = raw_text(db, "SELECT scope FROM runs WHERE id = 1");
    assert_string_equal(scope, "full");
    free(scope);

    assert_int_equal(store_latest_run(s), r4);
    assert_int_equal(store_latest_full_run(s), r3);
    assert_int_equal(store_full_run_before(s, r5), r3);
    assert_int_equal(store_full_run_before(s, r4), r3);
    assert_int_equal(store_full_run_before(s, r3), r1);
    assert_int_equal(store_full_run_before(s, r2), r1);
    assert_int_equal(store_full_run_before(s, r1), 0);

    /* Only the two scopes, and only existing runs. */
    err[0] = '\0';
    assert_int_equal(store_set_run_scope(s, r1, "everything", err, sizeof err), -1);
    assert_non_null(strstr(err, "everything"));
    assert_int_equal(store_set_run_scope(s, r1, NULL, err, sizeof err), -1);
    err[0] = '\0';
    assert_int_equal(store_set_run_scope(s, r5 + 10, "full", err, sizeof err), -1);
    assert_non_null(strstr(err, "no such run"));

    /* Listing: every run in id order, unfinished ones with -1 counts. */
    store_run_list runs = {0};
    assert_int_equal(store_list_runs(s, &runs, err, sizeof err), 0);
    assert_int_equal(runs.count, 5);
    assert_int_equal(runs.items[0].id, r1);
    assert_string_equal(runs.items[1].scope, "partial");
    assert_string_equal(runs.items[0].command_line, "lifeline check");
    assert_string_equal(runs.items[0].tool_version, "0.1.0");
    assert_string_equal(runs.items[0].root_dir, "/src");
    assert_true(is_iso8601_utc(runs.items[0].started_at));
    assert_true(is_iso8601_utc(runs.items[0].finished_at));
    assert_int_equal(runs.items[0].exit_code, 0);
    assert_int_equal(runs.items[0].findings, 0);
    assert_null(runs.items[4].finished_at);
    assert_int_equal(runs.items[4].exit_code, -1);
    assert_int_equal(runs.items[4].failed_tus, -1);
    /* Appends. */
    assert_int_equal(store_list_runs(s, &runs, err, sizeof err), 0);
    assert_int_equal(runs.count, 10);
    store_run_list_free(&runs);

    store_run run;
    assert_int_equal(store_get_run(s, r3, &run, err, sizeof err), 1);
    assert_int_equal(run.id, r3);
    assert_string_equal(run.scope, "full");
    store_run_free(&run);
    assert_int_equal(store_get_run(s, r5 + 1, &run, err, sizeof err), 0);
    assert_null(run.scope);
    store_close(s);
    free(db);
}

/* Strings a store walk reports, copied. */
typedef struct seen_strings {
    char *items[8];
    size_t count;
    size_t stop_after; /* 0: never stop early */
} seen_strings;

static int collect_string(void *ctx, const char *str) {
    seen_strings *seen = ctx;
    assert_true(seen->count < 8);
    seen->items[seen->count++] = strdup(str);
    return seen->stop_after && seen->count >= seen->stop_after;
}

static void strings_free(seen_strings *seen) {
    for (size_t i = 0; i < seen->count; i++)
        free(seen->items[i]);
    seen->count = 0;
}

/* The main files of the TUs including path must be `expected` (joined with spaces). */
static void assert_including(store *s, const char *path, const char *expected) {
    char err[512] = "";
    seen_strings seen = {0};
    if (store_tus_including(s, path, collect_string, &seen, err, sizeof err) != 0) fail_msg("%s", err);
    char got[256] = "";
    for (size_t i = 0; i < seen.count; i++) {
        if (i) strcat(got, " ");
        strcat(got, seen.items[i]);
    }
    strings_free(&seen);
    assert_string_equal(got, expected);
}

static void record_simple_tu(store *s, int64_t run, const char *main_file, const char *status, const store_file *files,
                             size_t nfiles) {
    char err[512] = "";
    store_tu tu = {.main_file = main_file,
                   .directory = "/src",
                   .args_hash = "ab",
                   .status = status,
                   .files = files,
                   .nfiles = nfiles};
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
}

static void test_tus_including(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    store *s = open_ok(db);
    assert_including(s, "/src/common.h", "");

    /* Run 1: b.c and a.c both include common.h; a.c also util.h. */
    int64_t r1 = add_run(s, NULL, false);
    const store_file b_files[] = {{"/src/b.c", "01"}, {"/src/common.h", "02"}};
    const store_file a_files[] = {{"/src/a.c", "03"}, {"/src/common.h", "02"}, {"/src/util.h", "04"}};
    record_simple_tu(s, r1, "/src/b.c", "ok", b_files, 2);
    record_simple_tu(s, r1, "/src/a.c", "ok", a_files, 3);
    assert_including(s, "/src/common.h", "/src/a.c /src/b.c"); /* each once, in path order */
    assert_including(s, "/src/util.h", "/src/a.c");
    assert_including(s, "/src/a.c", "/src/a.c"); /* a main file is among its own files */
    assert_including(s, "/src/other.h", "");

    /* The callback stops the walk. */
    char err[512] = "";
    seen_strings seen = {.stop_after = 1};
    assert_int_equal(store_tus_including(s, "/src/common.h", collect_string, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 1);
    strings_free(&seen);

    /* Run 2: a.c no longer includes common.h. Its newer row replaces the older one's files. */
    int64_t r2 = add_run(s, NULL, false);
    const store_file a2_files[] = {{"/src/a.c", "05"}, {"/src/util.h", "04"}};
    record_simple_tu(s, r2, "/src/a.c", "ok", a2_files, 2);
    assert_including(s, "/src/common.h", "/src/b.c");
    assert_including(s, "/src/util.h", "/src/a.c");
    /* Within one run too: the later row wins. */
    record_simple_tu(s, r2, "/src/a.c", "parse-errors", a_files, 3);
    assert_including(s, "/src/common.h", "/src/a.c /src/b.c");

    /* Run 3: b.c failed and recorded only itself: its last analysed row still speaks for it. */
    int64_t r3 = add_run(s, NULL, false);
    record_simple_tu(s, r3, "/src/b.c", "failed", b_files, 1);
    assert_including(s, "/src/common.h", "/src/a.c /src/b.c");
    /* A TU that was never analysed is known by its latest row. */
    const store_file c_files[] = {{"/src/c.c", "06"}, {"/src/common.h", "02"}};
    record_simple_tu(s, r3, "/src/c.c", "failed", c_files, 2);
    assert_including(s, "/src/common.h", "/src/a.c /src/b.c /src/c.c");
    record_simple_tu(s, r3, "/src/c.c", "skipped", c_files, 1);
    assert_including(s, "/src/common.h", "/src/a.c /src/b.c");
    store_close(s);
    free(db);
}

static void test_run_fingerprints(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);

    int64_t r1 = add_run(s, NULL, false);
    finding_list fl = {0};
    make_findings(&fl); /* the second one is suppressed */
    /* A third finding repeating the first one's fingerprint (a header finding stored by two TUs), and a fourth
     * without a fingerprint. */
    finding *f = finding_list_add(&fl);
    f->rule_id = "handle-leak";
    f->level = SEV_WARNING;
    f->file = strdup("/src/c.c");
    f->fingerprint = strdup("0123456789abcdef0123456789abcdef");
    f = finding_list_add(&fl);
    f->rule_id = "handle-leak";
    f->level = SEV_WARNING;
    f->file = strdup("/src/d.c");
    store_tu tu = make_tu(&fl, NULL, 0);
    assert_int_equal(store_record_tu(s, r1, &tu, err, sizeof err), 0);
    assert_int_equal(store_end_run(s, r1, 1, 3, 0, err, sizeof err), 0);
    int64_t r2 = add_run(s, NULL, true);

    seen_strings seen = {0};
    assert_int_equal(store_run_fingerprints(s, r1, collect_string, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 2); /* distinct, suppressed included, in order */
    assert_string_equal(seen.items[0], "0123456789abcdef0123456789abcdef");
    assert_string_equal(seen.items[1], "fedcba9876543210fedcba9876543210");
    strings_free(&seen);
    /* 0: the latest finished run (r2, which has none); a run that does not exist has none. */
    assert_int_equal(store_run_fingerprints(s, 0, collect_string, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 0);
    assert_int_equal(store_run_fingerprints(s, r2 + 5, collect_string, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 0);
    seen.stop_after = 1;
    assert_int_equal(store_run_fingerprints(s, r1, collect_string, &seen, err, sizeof err), 0);
    assert_int_equal(seen.count, 1);
    strings_free(&seen);
    finding_list_free(&fl);
    store_close(s);
    free(db);
}

/* ---- schema 3: the incremental cache -------------------------------------------------------------------------- */

/* A database as lifeline with schema 2 left it: version 1's database migrated by the second step (the text that
 * version ran), user_version 2, run 2 partial, and a summary. */
static void make_v2_database(const char *path) {
    make_v1_database(path);
    const char *ddl = store_migration_sql(1);
    assert_non_null(ddl);
    assert_null(strstr(ddl, "inputs_hash"));
    sqlite3 *raw = raw_open(path);
    raw_exec(raw, "BEGIN");
    raw_exec(raw, ddl);
    raw_exec(raw, "PRAGMA user_version = 2");
    raw_exec(raw, "UPDATE runs SET scope = 'partial' WHERE id = 2");
    raw_exec(raw, "INSERT INTO summaries (usr, name, file, run_id, data) "
                  "VALUES ('c:@F@f', 'f', '/src/a.c', 1, '{\"v\":1,\"nparams\":0,\"params\":[]}')");
    raw_exec(raw, "COMMIT");
    sqlite3_close(raw);
}

static const store_dep cache_deps[] = {
    {"calls", "c:@F@open_log", "00000000000000000000000000000abc"},
    {"calls", "c:@F@fputs", ""},
    {"defines", "c:@F@make_name", "0000000000000000000000000000def0"},
    {"reads-global", "c:@keep_open", "=0"},
    {"sets-global", "c:@keep_open", "w=1"},
};

/* What store_each_tu_dep and store_each_tu_file report, as "a=b c=d ..." text. */
typedef struct seen_text {
    char text[2048];
    size_t count, stop_after;
} seen_text;

static int collect_dep_text(void *ctx, const char *kind, const char *key, const char *value) {
    seen_text *st = ctx;
    char one[256];
    snprintf(one, sizeof one, "%s%s:%s=%s", st->count ? " " : "", kind, key, value ? value : "(null)");
    strcat(st->text, one);
    st->count++;
    return st->stop_after && st->count >= st->stop_after;
}

static int collect_file_text(void *ctx, const char *path, const char *hash) {
    seen_text *st = ctx;
    char one[256];
    snprintf(one, sizeof one, "%s%s=%s", st->count ? " " : "", path, hash ? hash : "(null)");
    strcat(st->text, one);
    st->count++;
    return st->stop_after && st->count >= st->stop_after;
}

static char *tu_deps_text(store *s, int64_t tu) {
    char err[512] = "";
    seen_text st = {0};
    if (store_each_tu_dep(s, tu, collect_dep_text, &st, err, sizeof err) != 0) fail_msg("%s", err);
    return strdup(st.text);
}

static char *tu_files_text(store *s, int64_t tu) {
    char err[512] = "";
    seen_text st = {0};
    if (store_each_tu_file(s, tu, collect_file_text, &st, err, sizeof err) != 0) fail_msg("%s", err);
    return strdup(st.text);
}

/* a.c with cache information: inputs hash, the dependencies above, notes. */
static store_tu make_cache_tu(const finding_list *fl, const char *inputs, const tool_diag_list *notes) {
    store_tu tu = make_tu(fl, round_trip_summaries, 2);
    tu.inputs_hash = inputs;
    tu.deps = cache_deps;
    tu.ndeps = sizeof cache_deps / sizeof cache_deps[0];
    tu.notes = notes;
    return tu;
}

static int64_t insert_ok(store *s, int64_t run, const store_tu *tu) {
    char err[512] = "";
    int64_t id = store_insert_tu(s, run, tu, err, sizeof err);
    if (id <= 0) fail_msg("store_insert_tu: %s", err);
    return id;
}

static void test_migration_v2_to_v3(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "v2.db");
    make_v2_database(db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('tu_deps', 'tu_notes')"), 0);

    char err[512] = "";
    store *s = open_ok(db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 3);
    /* Every run, TU, file link, finding, step and summary survived, with their columns. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM runs"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM runs WHERE scope = 'partial'"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM summaries"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus WHERE inputs_hash IS NULL"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files WHERE content_hash IS NULL"), 2);
    assert_int_equal(store_latest_full_run(s), 1);
    finding_list fl = {0};
    assert_int_equal(store_load_findings(s, 1, &fl, err, sizeof err), 0);
    assert_int_equal(fl.count, 1);
    assert_string_equal(fl.items[0].fingerprint, "0123456789abcdef0123456789abcdef");
    assert_int_equal(fl.items[0].nsteps, 1);
    finding_list_free(&fl);
    assert_int_equal(store_load_tu_findings(s, 1, &fl, err, sizeof err), 0);
    assert_int_equal(fl.count, 1);
    finding_list_free(&fl);

    /* A row written before version 3 is never reused: it has no inputs hash, and its files no hashes of their own. */
    assert_int_equal(store_cache_candidate(s, "/src/a.c", "abcd", "anything", err, sizeof err), 0);
    char *files = tu_files_text(s, 1);
    assert_string_equal(files, "/src/a.c=(null) /src/common.h=(null)");
    free(files);

    /* The migrated database takes rows of the new shape (in run 1: run 2 never finished, so it is no cache). */
    finding_list none = {0};
    store_tu tu = make_cache_tu(&none, "11111111111111111111111111111111", NULL);
    int64_t id = insert_ok(s, 1, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, tu.inputs_hash, err, sizeof err), id);
    store_close(s);

    /* Opening again changes nothing. */
    store_close(open_ok(db));
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 3);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_deps"), 5);
    free(db);
}

static void test_cache_candidate(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    const char *in1 = "11111111111111111111111111111111", *in2 = "22222222222222222222222222222222";
    finding_list none = {0};
    store_tu tu = make_cache_tu(&none, in1, NULL);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), 0);

    int64_t r1 = add_run(s, NULL, true);
    int64_t first = insert_ok(s, r1, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), first);
    /* Other inputs, other arguments, another file: nothing. */
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in2, err, sizeof err), 0);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", "ffffffffffffffffffffffffffffffff", in1, err, sizeof err), 0);
    assert_int_equal(store_cache_candidate(s, "/src/b.c", tu.args_hash, in1, err, sizeof err), 0);

    /* A later failed or skipped row is not analysed: the older one still stands. */
    int64_t r2 = add_run(s, NULL, true);
    tu.status = "failed";
    insert_ok(s, r2, &tu);
    tu.status = "skipped";
    insert_ok(s, r2, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), first);
    /* The latest analysed row wins, parse errors included. */
    tu.status = "parse-errors";
    int64_t latest = insert_ok(s, r2, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), latest);
    /* A row without an inputs hash (analysis_store's, or --no-db's) never is one. */
    tu.status = "ok";
    tu.inputs_hash = NULL;
    insert_ok(s, r2, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), latest);
    /* Rows with other inputs live side by side (a run with --rules, one without). */
    tu.inputs_hash = in2;
    int64_t other = insert_ok(s, r2, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in2, err, sizeof err), other);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in1, err, sizeof err), latest);
    store_close(s);
    free(db);
}

static void test_tu_files_and_deps(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t r1 = add_run(s, NULL, false);
    finding_list none = {0};
    store_tu tu = make_cache_tu(&none, "11111111111111111111111111111111", NULL);
    int64_t a = insert_ok(s, r1, &tu);
    /* b.c read common.h later, changed: the file's latest hash moves on, a.c's row keeps what a.c read. */
    const store_file b_files[] = {{"/src/b.c", "00000000000000000000000000000007"},
                                  {"/src/common.h", "00000000000000000000000000000009"}};
    store_tu b = {.main_file = "/src/b.c",
                  .directory = "/src",
                  .args_hash = "ab",
                  .status = "ok",
                  .files = b_files,
                  .nfiles = 2,
                  .inputs_hash = "11111111111111111111111111111111"};
    int64_t bid = insert_ok(s, r1, &b);
    char *text = raw_text(db, "SELECT content_hash FROM files WHERE path = '/src/common.h'");
    assert_string_equal(text, "00000000000000000000000000000009");
    free(text);
    text = tu_files_text(s, a);
    assert_string_equal(text,
                        "/src/a.c=00000000000000000000000000000001 /src/common.h=00000000000000000000000000000002");
    free(text);

    /* Dependencies in (kind, key) order, values as given ("" for none). */
    text = tu_deps_text(s, a);
    assert_string_equal(text, "calls:c:@F@fputs= calls:c:@F@open_log=00000000000000000000000000000abc "
                              "defines:c:@F@make_name=0000000000000000000000000000def0 "
                              "reads-global:c:@keep_open==0 sets-global:c:@keep_open=w=1");
    free(text);
    text = tu_deps_text(s, bid);
    assert_string_equal(text, "");
    free(text);
    /* The walks stop when asked. */
    seen_text st = {.stop_after = 2};
    assert_int_equal(store_each_tu_dep(s, a, collect_dep_text, &st, err, sizeof err), 0);
    assert_int_equal(st.count, 2);
    st = (seen_text){.stop_after = 1};
    assert_int_equal(store_each_tu_file(s, a, collect_file_text, &st, err, sizeof err), 0);
    assert_int_equal(st.count, 1);

    /* An unknown kind is refused, and nothing of the TU is written. */
    const store_dep bad[] = {{"calls", "c:@F@x", ""}, {"uses", "c:@F@y", ""}};
    tu.deps = bad;
    tu.ndeps = 2;
    int64_t before = raw_int(db, "SELECT count(*) FROM tus");
    assert_int_equal(store_insert_tu(s, r1, &tu, err, sizeof err), -1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), before);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_deps"), 5);
    store_close(s);
    free(db);
}

static void test_copy_tu(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t r1 = add_run(s, NULL, false);
    finding_list fl = {0};
    make_findings(&fl); /* the second is suppressed, with a note */
    tool_diag_list notes = {0};
    tool_diag_add(&notes, "lifeline-parse-error", SEV_NOTE, "/src/common.h", 3, 1, "unknown type name 'x'");
    tool_diag_add(&notes, "lifeline-budget", SEV_NOTE, "/src/a.c", 20, 5, "function 'big' is too large");
    store_tu tu = make_cache_tu(&fl, "11111111111111111111111111111111", &notes);
    tu.status = "parse-errors";
    int64_t orig = insert_ok(s, r1, &tu);
    assert_int_equal(store_end_run(s, r1, 1, 1, 0, err, sizeof err), 0);
    int64_t summaries_run = raw_int(db, "SELECT min(run_id) FROM summaries");

    int64_t r2 = add_run(s, NULL, false);
    int64_t copy = store_copy_tu(s, orig, r2, err, sizeof err);
    assert_true(copy > orig);
    assert_int_equal(store_end_run(s, r2, 1, 1, 0, err, sizeof err), 0);

    /* The run holds the same findings, steps and suppressions. */
    finding_list got = {0};
    assert_int_equal(store_load_findings(s, r2, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 2);
    assert_finding_eq(&got.items[0], &fl.items[0]);
    assert_finding_eq(&got.items[1], &fl.items[1]);
    finding_list_free(&got);
    assert_int_equal(store_load_tu_findings(s, copy, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 2);
    assert_finding_eq(&got.items[1], &fl.items[1]);
    finding_list_free(&got);
    /* ...and the same row: status, hashes, files with their hashes, dependencies, notes. */
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM tus a JOIN tus b ON a.main_file = b.main_file AND a.directory = b.directory AND "
             "a.args_hash = b.args_hash AND a.inputs_hash = b.inputs_hash AND a.status = b.status "
             "WHERE a.id = %lld AND b.id = %lld AND b.run_id = %lld",
             (long long)orig, (long long)copy, (long long)r2);
    assert_int_equal(raw_int(db, sql), 1);
    char *a = tu_files_text(s, orig), *b = tu_files_text(s, copy);
    assert_string_equal(a, b);
    free(a);
    free(b);
    a = tu_deps_text(s, orig);
    b = tu_deps_text(s, copy);
    assert_string_equal(a, b);
    free(a);
    free(b);
    tool_diag_list back = {0};
    assert_int_equal(store_load_tu_notes(s, copy, &back, err, sizeof err), 0);
    assert_int_equal(back.count, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(back.items[i].tag, notes.items[i].tag);
        assert_int_equal(back.items[i].level, notes.items[i].level);
        assert_string_equal(back.items[i].file, notes.items[i].file);
        assert_int_equal(back.items[i].line, notes.items[i].line);
        assert_int_equal(back.items[i].col, notes.items[i].col);
        assert_string_equal(back.items[i].message, notes.items[i].message);
    }
    tool_diag_list_free(&back);
    /* The summaries stay as they were, written by the run that computed them. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM summaries"), 2);
    assert_int_equal(raw_int(db, "SELECT max(run_id) FROM summaries"), summaries_run);
    /* The copy is the latest analysed row now. */
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, tu.inputs_hash, err, sizeof err), copy);
    /* The original is untouched. */
    assert_int_equal(store_load_findings(s, r1, &got, err, sizeof err), 0);
    assert_int_equal(got.count, 2);
    finding_list_free(&got);

    /* A row that does not exist: an error, and nothing written. */
    int64_t tus_before = raw_int(db, "SELECT count(*) FROM tus");
    err[0] = '\0';
    assert_int_equal(store_copy_tu(s, copy + 100, r2, err, sizeof err), -1);
    assert_non_null(strstr(err, "no such TU row"));
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), tus_before);

    /* The copy's files, dependencies and notes are the original's, not duplicated; a header maps to the main file
     * through the copy, which speaks for it now. */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_files"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_deps"), 5);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_notes"), 2);
    snprintf(sql, sizeof sql, "SELECT cache_of FROM tus WHERE id = %lld", (long long)copy);
    assert_int_equal(raw_int(db, sql), orig);
    assert_including(s, "/src/common.h", "/src/a.c");
    /* A copy of the copy copies the original. */
    int64_t r3 = add_run(s, NULL, false);
    int64_t again = store_copy_tu(s, copy, r3, err, sizeof err);
    snprintf(sql, sizeof sql, "SELECT cache_of FROM tus WHERE id = %lld", (long long)again);
    assert_int_equal(raw_int(db, sql), orig);
    a = tu_deps_text(s, again);
    assert_non_null(strstr(a, "reads-global:c:@keep_open==0"));
    free(a);
    assert_including(s, "/src/common.h", "/src/a.c");
    store_close(s);

    /* Deleting the first run leaves the copies' findings; without the original row they can no longer be reused
     * (no files to compare) and no longer map headers. */
    sqlite3 *raw = raw_open(db);
    raw_exec(raw, "PRAGMA foreign_keys = ON; DELETE FROM runs WHERE id = 1");
    sqlite3_close(raw);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus WHERE cache_of IS NOT NULL"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 4);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps"), 10);
    s = open_ok(db);
    a = tu_files_text(s, again);
    assert_string_equal(a, "");
    free(a);
    assert_including(s, "/src/common.h", "");
    store_close(s);
    tool_diag_list_free(&notes);
    finding_list_free(&fl);
    free(db);
}

static void test_replaces(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    store *s = open_ok(db);
    finding_list fl = {0};
    make_findings(&fl);
    store_tu tu = make_cache_tu(&fl, "11111111111111111111111111111111", NULL);
    int64_t r1 = add_run(s, NULL, false);
    int64_t old = insert_ok(s, r1, &tu);
    int64_t r2 = add_run(s, NULL, false);
    int64_t first = insert_ok(s, r2, &tu);
    /* Analysed again in the same run (its callee's summary changed): the new row takes the old one's place. */
    char sql[128];
    tu.replaces = first;
    tu.status = "parse-errors";
    int64_t second = insert_ok(s, r2, &tu); /* the id may be the old one's again: rowids are reused */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM tus WHERE id = %lld AND status = 'parse-errors'",
             (long long)second);
    assert_int_equal(raw_int(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM tus WHERE run_id = %lld", (long long)r2);
    assert_int_equal(raw_int(db, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM findings WHERE run_id = %lld", (long long)r2);
    assert_int_equal(raw_int(db, sql), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tu_deps"), 10);
    /* Only a row of the same run is replaced. */
    tu.replaces = old;
    insert_ok(s, r2, &tu);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM tus WHERE id = %lld", (long long)old);
    assert_int_equal(raw_int(db, sql), 1);
    finding_list_free(&fl);
    store_close(s);
    free(db);
}

/* Rows of a run that did not finish — killed, still running in another process, or whose recording failed — are
 * never reused; once the run finishes they are. */
static void test_unfinished_runs_not_cached(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    const char *in = "11111111111111111111111111111111";
    finding_list none = {0};
    store_tu tu = make_cache_tu(&none, in, NULL);

    int64_t r1 = add_run(s, NULL, false);
    int64_t row1 = insert_ok(s, r1, &tu);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in, err, sizeof err), 0);
    assert_int_equal(store_end_run(s, r1, 0, 0, 0, err, sizeof err), 0);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in, err, sizeof err), row1);

    /* A later run that stored the TU again and then died: the finished run's row still stands. */
    int64_t r2 = add_run(s, NULL, false);
    int64_t row2 = insert_ok(s, r2, &tu);
    assert_true(row2 > row1);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in, err, sizeof err), row1);
    /* Its copy of a cached row is no cache either. */
    assert_true(store_copy_tu(s, row1, r2, err, sizeof err) > row2);
    assert_int_equal(store_cache_candidate(s, "/src/a.c", tu.args_hash, in, err, sizeof err), row1);
    store_close(s);
    free(db);
}

/* A process killed by the test hook (store.h) at a TU transaction leaves the transactions before it, whole, and
 * nothing of the one it was in. The child records TUs until the hook kills it. */
static void kill_child(const char *db, const char *when) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("LIFELINE_TEST_KILL", when, 1);
        char err[512];
        store *s = store_open(db, err, sizeof err);
        if (!s) _exit(3);
        int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
        finding_list fl = {0};
        make_findings(&fl);
        store_tu tu = make_cache_tu(&fl, "11111111111111111111111111111111", NULL);
        for (int i = 0; i < 10; i++)
            if (run < 0 || store_insert_tu(s, run, &tu, err, sizeof err) < 0) _exit(4);
        _exit(5); /* the hook did not fire */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
}

static void test_kill_hook(void **state) {
    fixture *fx = *state;
    static const struct {
        const char *when;
        int64_t tus; /* rows left */
    } points[] = {{"after:0", 0}, {"during:1", 0}, {"after:1", 1}, {"during:4", 3}, {"after:4", 4}};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "kill-%zu.db", i);
        char *db = path_in(fx, name);
        kill_child(db, points[i].when);
        char *integrity = raw_text(db, "PRAGMA integrity_check");
        assert_string_equal(integrity, "ok");
        free(integrity);
        assert_int_equal(raw_int(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL"), 1);
        assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), points[i].tus);
        assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 2 * points[i].tus);
        assert_int_equal(raw_int(db, "SELECT count(*) FROM finding_steps WHERE finding_id NOT IN "
                                     "(SELECT id FROM findings)"),
                         0);
        /* The next handle works, and nothing of the dead run is a cache or a baseline. */
        store *s = open_ok(db);
        char err[512] = "";
        finding_list none = {0};
        store_tu probe = make_cache_tu(&none, "11111111111111111111111111111111", NULL);
        assert_int_equal(store_latest_run(s), 0);
        assert_int_equal(store_cache_candidate(s, "/src/a.c", probe.args_hash, probe.inputs_hash, err, sizeof err), 0);
        store_close(s);
        free(db);
    }
}

/* A write the file system refuses (here RLIMIT_FSIZE: EFBIG, which SQLite reports as an I/O error; a full disk is
 * SQLITE_FULL) fails the TU's transaction as a whole, with a sentence that names the file and says what to do; the
 * handle works again once there is room. */
static void test_write_failure(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    store_close(open_ok(db)); /* the schema, checkpointed into the main file: the WAL starts empty below */
    char err[512] = "";
    store *s = open_ok(db);
    int64_t run = store_begin_run(s, "0.1.0", "lifeline check", "/src", err, sizeof err);
    assert_true(run > 0);
    /* 200 findings with long messages: far more than 24 KiB of WAL. */
    finding_list fl = {0};
    char message[400];
    memset(message, 'm', sizeof message - 1);
    message[sizeof message - 1] = '\0';
    for (int i = 0; i < 200; i++) {
        finding *f = finding_list_add(&fl);
        f->rule_id = "handle-leak";
        f->level = SEV_WARNING;
        f->message = strdup(message);
        f->file = strdup("/src/a.c");
        f->line = (unsigned)i + 1;
    }
    store_tu tu = make_cache_tu(&fl, "11111111111111111111111111111111", NULL);

    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {.rlim_cur = 24 * 1024, .rlim_max = old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = store_record_tu(s, run, &tu, err, sizeof err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "I/O error"));
    assert_non_null(strstr(err, "use --db"));
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tus"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 0);

    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM findings"), 200);
    finding_list_free(&fl);
    store_close(s);
    free(db);
}

/* Damage in pages the opening does not read is found when they are: the sentence says the file is damaged and what
 * to do, and store_describe_error says the same for the functions that only return -1. */
static void test_damaged_pages(void **state) {
    fixture *fx = *state;
    char *db = path_in(fx, "lifeline.db");
    char err[512] = "";
    store *s = open_ok(db);
    int64_t run = add_run(s, NULL, true);
    finding_list fl = {0};
    make_findings(&fl);
    store_tu tu = make_tu(&fl, round_trip_summaries, 2);
    assert_int_equal(store_record_tu(s, run, &tu, err, sizeof err), 0);
    finding_list_free(&fl);
    store_close(s); /* checkpointed: everything in the main file */

    /* Every page but the first (the schema, all that opening reads) overwritten. */
    size_t len = 0;
    unsigned char *bytes = read_bytes(db, &len);
    assert_true(len > 3 * 4096);
    for (size_t i = 4096; i < len; i++)
        bytes[i] = (unsigned char)(i * 131 + 7);
    write_bytes(db, bytes, len);
    free(bytes);

    s = open_ok(db);
    assert_int_equal(store_latest_run(s), -1);
    store_describe_error(s, "cannot find the latest run", err, sizeof err);
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "cannot find the latest run"));
    assert_non_null(strstr(err, "damaged"));
    assert_non_null(strstr(err, "--db"));
    finding_list got = {0};
    err[0] = '\0';
    assert_int_equal(store_load_findings(s, run, &got, err, sizeof err), -1);
    assert_int_equal(got.count, 0);
    assert_non_null(strstr(err, "damaged"));
    store_close(s);
    free(db);
}

/* store_open_for_reading: never creates a file; opens one it cannot write read-only, when its schema is current. */
static void test_open_for_reading(void **state) {
    fixture *fx = *state;
    char *missing = path_in(fx, "missing/lifeline.db");
    char err[512] = "";
    assert_null(store_open_for_reading(missing, err, sizeof err));
    assert_non_null(strstr(err, "no database at"));
    char *dir = path_in(fx, "missing");
    struct stat sb;
    assert_int_equal(stat(dir, &sb), -1);
    free(dir);
    free(missing);

    char *db = path_in(fx, "lifeline.db");
    store *s = open_ok(db);
    int64_t run = add_run(s, NULL, true);
    store_close(s);
    s = store_open_for_reading(db, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(store_latest_run(s), run);
    store_close(s);

    /* root writes through any permission bits, so a read-only file cannot be made here. */
    if (geteuid() == 0) {
        free(db);
        skip();
    }
    /* A read-only directory: no WAL index can be created beside the file, so it is opened as immutable. */
    assert_int_equal(chmod(fx->dir, 0500), 0);
    s = store_open_for_reading(db, err, sizeof err);
    if (!s) fail_msg("store_open_for_reading: %s", err);
    assert_int_equal(store_latest_run(s), run);
    assert_int_equal(store_begin_run(s, "0.1.0", "x", "/", err, sizeof err), -1);
    store_close(s);
    assert_int_equal(chmod(fx->dir, 0700), 0);

    /* An older schema needs writing to upgrade: refused, untouched, with a sentence saying so. */
    char *old = path_in(fx, "v1.db");
    make_v1_database(old);
    assert_int_equal(chmod(old, 0444), 0);
    assert_null(store_open_for_reading(old, err, sizeof err));
    assert_non_null(strstr(err, "older lifeline (schema 1)"));
    assert_int_equal(raw_int(old, "PRAGMA user_version"), 1);
    free(old);
    free(db);
}

static void test_migration_sql(void **state) {
    (void)state;
    assert_non_null(store_migration_sql(0));
    assert_non_null(strstr(store_migration_sql(1), "scope TEXT"));
    assert_non_null(strstr(store_migration_sql(2), "inputs_hash TEXT"));
    assert_null(store_migration_sql(STORE_SCHEMA_VERSION));
    assert_null(store_migration_sql(-1));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_ids_interned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_created, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_version_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_wal_database_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_record_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_upsert_by_usr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_latest_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parent_directories_created, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_v1_to_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tus_including, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_fingerprints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_v2_to_v3, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_candidate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tu_files_and_deps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_tu, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished_runs_not_cached, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_hook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_for_reading, setup, teardown),
        cmocka_unit_test(test_migration_sql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
