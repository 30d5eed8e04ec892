/* store.c — the SQLite database behind store.h: opening and migrating it, one transaction per TU result, loading
 * findings and summaries back.
 *
 * Every statement is prepared once per handle and reused with bound parameters; a handle belongs to one thread at a
 * time (the driver gives each worker its own), so nothing here is shared between handles. */
#include "store.h"

#include "xalloc.h"
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Two runs on one database queue behind each other's write transactions instead of failing with "database is
 * locked"; a TU transaction is short, so 10 s is only reached when something is really stuck. */
enum { STORE_BUSY_TIMEOUT_MS = 10000 };

/* The schema, as a list of migration steps: migrations[n] takes a database from user_version n to n + 1. A later
 * schema version appends a step (ALTER TABLE, new tables, data copies) and bumps STORE_SCHEMA_VERSION; existing steps
 * never change, because databases in the field were built by them. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema. */
    "-- runs: one row per `lifeline check` invocation. finished_at stays NULL while the run is in progress (or when\n"
    "-- it was killed); exit_code (0..3), findings and failed_tus are filled in when it ends. Times are ISO 8601 UTC.\n"
    "CREATE TABLE runs (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    started_at TEXT NOT NULL,\n"
    "    finished_at TEXT,\n"
    "    tool_version TEXT,\n"
    "    command_line TEXT,\n"
    "    root_dir TEXT,\n"
    "    exit_code INTEGER,\n"
    "    findings INTEGER,\n"
    "    failed_tus INTEGER\n"
    ");\n"
    "\n"
    "-- tus: one row per translation unit a run analysed or tried to: its main file, the working directory and a hash\n"
    "-- of the argument vector of its compile command, and how it went (status ok, parse-errors, failed or skipped;\n"
    "-- message says why for the last two).\n"
    "CREATE TABLE tus (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "    main_file TEXT NOT NULL,\n"
    "    directory TEXT,\n"
    "    args_hash TEXT,\n"
    "    status TEXT NOT NULL,\n"
    "    message TEXT\n"
    ");\n"
    "CREATE INDEX tus_run ON tus(run_id);\n"
    "CREATE INDEX tus_main_file ON tus(main_file);\n"
    "\n"
    "-- files: every source file any TU read, once per absolute path, with the content hash (XXH3-128, hex) seen by\n"
    "-- the run that last recorded it. The incremental cache compares these hashes with the files on disk.\n"
    "CREATE TABLE files (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    path TEXT NOT NULL UNIQUE,\n"
    "    content_hash TEXT,\n"
    "    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL\n"
    ");\n"
    "\n"
    "-- tu_files: which files each TU read (its main file and everything it included): the inputs of its cache entry.\n"
    "CREATE TABLE tu_files (\n"
    "    tu_id INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,\n"
    "    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,\n"
    "    PRIMARY KEY (tu_id, file_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX tu_files_file ON tu_files(file_id);\n"
    "\n"
    "-- findings: what a run reported, with the TU whose analysis produced it. rule is the rule id, severity one of\n"
    "-- note/warning/error, line/col..end_line/end_col the primary range, function the enclosing function ('' at file\n"
    "-- scope), fingerprint the line-independent identity (fingerprint.h). Suppressed findings are kept with\n"
    "-- suppressed = 1 and the comment that suppressed them.\n"
    "CREATE TABLE findings (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "    tu_id INTEGER REFERENCES tus(id) ON DELETE CASCADE,\n"
    "    rule TEXT NOT NULL,\n"
    "    severity TEXT NOT NULL CHECK (severity IN ('note', 'warning', 'error')),\n"
    "    message TEXT,\n"
    "    file TEXT,\n"
    "    line INTEGER,\n"
    "    col INTEGER,\n"
    "    end_line INTEGER,\n"
    "    end_col INTEGER,\n"
    "    function TEXT,\n"
    "    fingerprint TEXT,\n"
    "    suppressed INTEGER NOT NULL DEFAULT 0,\n"
    "    suppression_note TEXT\n"
    ");\n"
    "CREATE INDEX findings_run ON findings(run_id);\n"
    "CREATE INDEX findings_fingerprint ON findings(fingerprint);\n"
    "CREATE INDEX findings_tu ON findings(tu_id);\n"
    "\n"
    "-- finding_steps: the path that leads to a finding, in order (idx from 0), each step a location and a sentence.\n"
    "CREATE TABLE finding_steps (\n"
    "    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,\n"
    "    idx INTEGER NOT NULL,\n"
    "    file TEXT,\n"
    "    line INTEGER,\n"
    "    col INTEGER,\n"
    "    message TEXT,\n"
    "    PRIMARY KEY (finding_id, idx)\n"
    ") WITHOUT ROWID;\n"
    "\n"
    "-- summaries: what each function does to its parameters and result (summary.h), keyed by its clang USR so\n"
    "-- callers in other TUs and later runs use it; data is the summary's versioned JSON. run_id: the run that last\n"
    "-- wrote it.\n"
    "CREATE TABLE summaries (\n"
    "    usr TEXT NOT NULL PRIMARY KEY,\n"
    "    name TEXT,\n"
    "    file TEXT,\n"
    "    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,\n"
    "    data TEXT NOT NULL\n"
    ");\n",

    /* 1 -> 2: runs.scope. */
    "-- runs.scope: 'full' when the run analysed every TU of the project (lifeline check -p DIR, or the files it was\n"
    "-- given), 'partial' when it analysed only some (a pre-commit run over the changed files and the TUs including\n"
    "-- them). Baselines and `db findings --new` compare against full runs only. Runs recorded before version 2 were\n"
    "-- all full.\n"
    "ALTER TABLE runs ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'partial'));\n",

    /* 2 -> 3: the incremental cache. */
    "-- tus.inputs_hash: hash of everything besides its files and arguments that a TU's results depend on (the\n"
    "-- lifeline build, libclang, the model files, the config that applies, --rules). NULL on rows written before\n"
    "-- version 3, which are never reused.\n"
    "ALTER TABLE tus ADD COLUMN inputs_hash TEXT;\n"
    "CREATE INDEX tus_cache ON tus(main_file, args_hash, inputs_hash);\n"
    "-- tus.cache_of: for a row a later run reused instead of analysing the TU again, the analysed row it copies:\n"
    "-- its files, dependencies and notes are that row's (the findings are copied, so each run has its own).\n"
    "ALTER TABLE tus ADD COLUMN cache_of INTEGER REFERENCES tus(id) ON DELETE SET NULL;\n"
    "CREATE INDEX tus_cache_of ON tus(cache_of);\n"
    "\n"
    "-- tu_files.content_hash: the hash of each file as that TU read it (files.content_hash is only the latest).\n"
    "ALTER TABLE tu_files ADD COLUMN content_hash TEXT;\n"
    "\n"
    "-- tu_deps: what a TU's results depend on outside its own files, checked before its row is reused:\n"
    "-- kind 'calls' (key: USR of a function it calls or passes that none of its files defines; value: hash of the\n"
    "-- summary JSON it used, '' for none), 'defines' (a function it defines; the hash of its summary JSON),\n"
    "-- 'reads-global' (a global it names; '=N' when the run knew it to be the constant N, else ''), 'sets-global'\n"
    "-- (a global it writes or initialises: 'w', '=N' or 'w=N').\n"
    "CREATE TABLE tu_deps (\n"
    "    tu_id INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,\n"
    "    kind TEXT NOT NULL CHECK (kind IN ('calls', 'defines', 'reads-global', 'sets-global')),\n"
    "    key TEXT NOT NULL,\n"
    "    value TEXT NOT NULL DEFAULT '',\n"
    "    PRIMARY KEY (tu_id, kind, key)\n"
    ") WITHOUT ROWID;\n"
    "\n"
    "-- tu_notes: what a TU said about itself (parse errors, analysis budget), in order, replayed when it is reused.\n"
    "CREATE TABLE tu_notes (\n"
    "    tu_id INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,\n"
    "    idx INTEGER NOT NULL,\n"
    "    tag TEXT NOT NULL,\n"
    "    severity TEXT NOT NULL CHECK (severity IN ('note', 'warning', 'error')),\n"
    "    file TEXT,\n"
    "    line INTEGER,\n"
    "    col INTEGER,\n"
    "    message TEXT,\n"
    "    PRIMARY KEY (tu_id, idx)\n"
    ") WITHOUT ROWID;\n",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* The statements a handle prepares once at open and reuses. */
enum stmt_id {
    ST_BEGIN_READ,
    ST_BEGIN_WRITE,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_INSERT_RUN,
    ST_END_RUN,
    ST_INSERT_TU,
    ST_UPSERT_FILE,
    ST_FILE_ID,
    ST_INSERT_TU_FILE,
    ST_INSERT_FINDING,
    ST_INSERT_STEP,
    ST_UPSERT_SUMMARY,
    ST_EACH_SUMMARY,
    ST_LOAD_FINDINGS,
    ST_LOAD_STEPS,
    ST_LATEST_RUN,
    ST_SET_SCOPE,
    ST_FULL_RUN_BEFORE,
    ST_TUS_INCLUDING,
    ST_RUN_FINGERPRINTS,
    ST_LIST_RUNS,
    ST_GET_RUN,
    ST_DELETE_TU,
    ST_INSERT_DEP,
    ST_INSERT_NOTE,
    ST_CACHE_CANDIDATE,
    ST_TU_FILES,
    ST_TU_DEPS,
    ST_COPY_TU,
    ST_TU_FINDING_IDS,
    ST_COPY_FINDING,
    ST_COPY_STEPS,
    ST_LOAD_TU_FINDINGS,
    ST_LOAD_TU_NOTES,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_INSERT_RUN] = "INSERT INTO runs (started_at, tool_version, command_line, root_dir) "
                      "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3)",
    [ST_END_RUN] = "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), exit_code = ?2, "
                   "findings = ?3, failed_tus = ?4 WHERE id = ?1",
    [ST_INSERT_TU] = "INSERT INTO tus (run_id, main_file, directory, args_hash, status, message, inputs_hash) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_UPSERT_FILE] =
        "INSERT INTO files (path, content_hash, run_id) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash, run_id = excluded.run_id",
    [ST_FILE_ID] = "SELECT id FROM files WHERE path = ?1",
    [ST_INSERT_TU_FILE] = "INSERT OR IGNORE INTO tu_files (tu_id, file_id, content_hash) VALUES (?1, ?2, ?3)",
    [ST_INSERT_FINDING] = "INSERT INTO findings (run_id, tu_id, rule, severity, message, file, line, col, end_line, "
                          "end_col, function, fingerprint, suppressed, suppression_note) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    [ST_INSERT_STEP] = "INSERT INTO finding_steps (finding_id, idx, file, line, col, message) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_UPSERT_SUMMARY] =
        "INSERT OR REPLACE INTO summaries (usr, name, file, run_id, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_EACH_SUMMARY] = "SELECT usr, name, file, data FROM summaries ORDER BY usr",
    [ST_LOAD_FINDINGS] = "SELECT id, rule, severity, message, file, line, col, end_line, end_col, function, "
                         "fingerprint, suppressed, suppression_note FROM findings WHERE run_id = ?1 "
                         "ORDER BY file, line, col, rule, message, id",
    [ST_LOAD_STEPS] = "SELECT file, line, col, message FROM finding_steps WHERE finding_id = ?1 ORDER BY idx",
    [ST_LATEST_RUN] = "SELECT id FROM runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1",
    [ST_SET_SCOPE] = "UPDATE runs SET scope = ?2 WHERE id = ?1",
    [ST_FULL_RUN_BEFORE] = "SELECT id FROM runs WHERE finished_at IS NOT NULL AND scope = 'full' AND id < ?1 "
                           "ORDER BY id DESC LIMIT 1",
    /* The TU row that speaks for each main file — the latest row that was analysed (ok or parse-errors), or failing
     * that the latest row: a failed or skipped TU records little or nothing of what it includes, so an older analysed
     * row knows better — and whether it (or the analysed row it copies) read the file. */
    [ST_TUS_INCLUDING] =
        "WITH speaking AS (SELECT main_file, coalesce(max(CASE WHEN status IN ('ok', 'parse-errors') THEN id END), "
        "max(id)) AS id FROM tus GROUP BY main_file) "
        "SELECT s.main_file FROM speaking s JOIN tus t ON t.id = s.id "
        "JOIN tu_files tf ON tf.tu_id = coalesce(t.cache_of, t.id) "
        "WHERE tf.file_id = (SELECT id FROM files WHERE path = ?1) ORDER BY s.main_file",
    [ST_RUN_FINGERPRINTS] = "SELECT DISTINCT fingerprint FROM findings WHERE run_id = ?1 AND fingerprint IS NOT NULL "
                            "AND fingerprint <> '' ORDER BY fingerprint",
    [ST_LIST_RUNS] = "SELECT id, started_at, finished_at, tool_version, command_line, root_dir, scope, exit_code, "
                     "findings, failed_tus FROM runs ORDER BY id",
    [ST_GET_RUN] = "SELECT id, started_at, finished_at, tool_version, command_line, root_dir, scope, exit_code, "
                   "findings, failed_tus FROM runs WHERE id = ?1",
    [ST_DELETE_TU] = "DELETE FROM tus WHERE id = ?1 AND run_id = ?2",
    [ST_INSERT_DEP] = "INSERT OR REPLACE INTO tu_deps (tu_id, kind, key, value) VALUES (?1, ?2, ?3, ?4)",
    [ST_INSERT_NOTE] = "INSERT INTO tu_notes (tu_id, idx, tag, severity, file, line, col, message) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    /* Only rows of finished runs: a run that was killed, or whose recording failed, is not trusted as a cache (nor
     * as a baseline); a run still in progress in another process is not either. */
    [ST_CACHE_CANDIDATE] = "SELECT max(id) FROM tus WHERE main_file = ?1 AND args_hash = ?2 AND inputs_hash = ?3 "
                           "AND status IN ('ok', 'parse-errors') "
                           "AND run_id IN (SELECT id FROM runs WHERE finished_at IS NOT NULL)",
    /* A reused row's files, dependencies and notes are those of the analysed row it copies (tus.cache_of). */
    [ST_TU_FILES] = "SELECT f.path, tf.content_hash FROM tu_files tf JOIN files f ON f.id = tf.file_id "
                    "WHERE tf.tu_id = (SELECT coalesce(cache_of, id) FROM tus WHERE id = ?1) ORDER BY f.path",
    [ST_TU_DEPS] = "SELECT kind, key, value FROM tu_deps "
                   "WHERE tu_id = (SELECT coalesce(cache_of, id) FROM tus WHERE id = ?1) ORDER BY kind, key",
    [ST_COPY_TU] = "INSERT INTO tus (run_id, main_file, directory, args_hash, status, message, inputs_hash, cache_of) "
                   "SELECT ?2, main_file, directory, args_hash, status, message, inputs_hash, coalesce(cache_of, id) "
                   "FROM tus WHERE id = ?1",
    [ST_TU_FINDING_IDS] = "SELECT id FROM findings WHERE tu_id = ?1 ORDER BY id",
    [ST_COPY_FINDING] = "INSERT INTO findings (run_id, tu_id, rule, severity, message, file, line, col, end_line, "
                        "end_col, function, fingerprint, suppressed, suppression_note) "
                        "SELECT ?2, ?3, rule, severity, message, file, line, col, end_line, end_col, function, "
                        "fingerprint, suppressed, suppression_note FROM findings WHERE id = ?1",
    [ST_COPY_STEPS] = "INSERT INTO finding_steps (finding_id, idx, file, line, col, message) "
                      "SELECT ?2, idx, file, line, col, message FROM finding_steps WHERE finding_id = ?1",
    [ST_LOAD_TU_FINDINGS] = "SELECT id, rule, severity, message, file, line, col, end_line, end_col, function, "
                            "fingerprint, suppressed, suppression_note FROM findings WHERE tu_id = ?1 ORDER BY id",
    [ST_LOAD_TU_NOTES] = "SELECT tag, severity, file, line, col, message FROM tu_notes "
                         "WHERE tu_id = (SELECT coalesce(cache_of, id) FROM tus WHERE id = ?1) ORDER BY idx",
};

/* Rule ids of loaded findings. finding.rule_id is a borrowed `const char *` (normally the rule table's), and the
 * store cannot see the rule table, so each distinct id read back is copied once here and lives until store_close.
 * There are only as many entries as rules, so a linear search is enough. */
typedef struct string_pool {
    char **items;
    size_t count, cap;
} string_pool;

/* A test hook, for testcases/check-robust-db.sh: LIFELINE_TEST_KILL=after:N makes the process SIGKILL itself right
 * after its N-th TU transaction (a TU recorded or copied from the cache) commits, after:0 right after the run's row is
 * inserted; LIFELINE_TEST_KILL=during:N inside the N-th, its rows written but not committed. That is a crash at a
 * chosen point, to show the database stays consistent and the next run is right. Read once at open. */
typedef struct kill_hook {
    char when; /* 'a' after, 'd' during; 0: no hook */
    long at;
} kill_hook;

struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *st[ST_COUNT];
    string_pool rules;
    kill_hook kill;
    long tu_transactions; /* TU transactions this handle came to commit, for the kill hook */
};

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* What to do about an error, by its primary result code: the end of an error sentence. */
static const char *error_hint(int code) {
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return " (another process kept it locked for over 10 s)";
    case SQLITE_FULL:
        return "; free some space, or use --db to pick a file on another disk";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
        return "; make it and its directory writable, or use --db to pick another file";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "; the file is damaged: delete it (its runs are lost) or use --db to pick another file";
    case SQLITE_IOERR:
        return "; check the disk, or use --db to pick a file on another disk";
    default:
        return "";
    }
}

/* "database P: WHAT: sqlite's message" and what to do about it. */
static void db_err(const store *s, char *err, size_t errlen, const char *what) {
    int code = sqlite3_extended_errcode(s->db) & 0xff;
    set_err(err, errlen, "database %s: %s: %s%s", s->path, what, sqlite3_errmsg(s->db), error_hint(code));
}

static void kill_hook_read(kill_hook *k) {
    const char *v = getenv("LIFELINE_TEST_KILL");
    memset(k, 0, sizeof *k);
    if (!v) return;
    char *end = NULL;
    if (strncmp(v, "after:", 6) == 0) {
        k->at = strtol(v + 6, &end, 10);
        k->when = 'a';
    } else if (strncmp(v, "during:", 7) == 0) {
        k->at = strtol(v + 7, &end, 10);
        k->when = 'd';
    }
    if (!end || *end || k->at < 0) k->when = 0;
}

static void kill_hook_point(const store *s, char when, long count) {
    if (s->kill.when == when && s->kill.at == count) raise(SIGKILL);
}

/* Errors while opening get a sentence that says what to do, since they usually mean the path is wrong. */
static void open_err(const store *s, char *err, size_t errlen, const char *what) {
    int code = sqlite3_extended_errcode(s->db) & 0xff;
    const char *msg = sqlite3_errmsg(s->db);
    if (code == SQLITE_NOTADB)
        set_err(err, errlen, "%s is not a SQLite database; use --db to pick another file", s->path);
    else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_AUTH)
        set_err(err, errlen,
                "cannot open database %s for writing (%s); make it and its directory writable or use --db to pick "
                "another file",
                s->path, msg);
    else if (code == SQLITE_CORRUPT)
        set_err(err, errlen, "database %s is damaged (%s); delete it or use --db to pick another file", s->path, msg);
    else if (*error_hint(code))
        db_err(s, err, errlen, what);
    else
        set_err(err, errlen, "database %s: %s: %s; use --db to pick another file", s->path, what, msg);
}

static const char *pool_intern(string_pool *p, const char *str) {
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->items[i], str) == 0) return p->items[i];
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->items = xrealloc(p->items, p->cap * sizeof *p->items);
    }
    return p->items[p->count++] = xstrdup(str);
}

static void pool_free(string_pool *p) {
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* ---- statement helpers --------------------------------------------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    /* SQLITE_STATIC: every use ends with sqlite3_clear_bindings before the caller's string can go away. */
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void stmt_done_with(sqlite3_stmt *st) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Runs a statement that returns no rows; 0 or the SQLite error code. */
static int exec_stmt(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    stmt_done_with(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : rc;
}

static char *column_dup(sqlite3_stmt *st, int i) {
    return xstrdup((const char *)sqlite3_column_text(st, i));
}

static unsigned column_uint(sqlite3_stmt *st, int i) {
    sqlite3_int64 v = sqlite3_column_int64(st, i);
    return v < 0 ? 0 : (unsigned)v;
}

/* Ends a failed write transaction. SQLite already rolled back by itself after some errors (disk full, I/O), in which
 * case there is no transaction left to end. */
static void rollback(store *s) {
    if (!sqlite3_get_autocommit(s->db)) exec_stmt(s->st[ST_ROLLBACK]);
}

/* Commits a TU transaction (its rows written); 0 or the SQLite error code. */
static int commit_tu(store *s) {
    long nth = ++s->tu_transactions;
    kill_hook_point(s, 'd', nth);
    int rc = exec_stmt(s->st[ST_COMMIT]);
    if (rc == 0) kill_hook_point(s, 'a', nth);
    return rc;
}

/* ---- opening and migrating ----------------------------------------------------------------------------------- */

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(const char *path, char *err, size_t errlen) {
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return 0;
    size_t n = (size_t)(slash - path);
    char *dir = xrealloc(NULL, n + 1);
    memcpy(dir, path, n);
    dir[n] = '\0';
    int rc = 0;
    /* Each prefix ending before a '/', then the whole directory. */
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            set_err(err, errlen, "cannot create directory %s for database %s: %s; use --db to pick another file", dir,
                    path, strerror(errno));
            rc = -1;
            break;
        }
        *p = saved;
        if (saved == '\0') break;
    }
    free(dir);
    return rc;
}

/* Reads the schema version without writing anything: on a database we are going to refuse, nothing may change. */
static int read_version(store *s, int *version, char *err, size_t errlen) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        return 0;
    }
    open_err(s, err, errlen, "cannot read the schema version");
    sqlite3_finalize(st);
    return -1;
}

/* A user_version 0 database with tables in it belongs to some other program; only an empty one is ours to fill. */
static int check_empty(store *s, char *err, size_t errlen) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        open_err(s, err, errlen, "cannot read the schema");
        sqlite3_finalize(st);
        return -1;
    }
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (n > 0) {
        set_err(err, errlen,
                "database %s has tables but no lifeline schema version, so it belongs to another program; use --db "
                "to pick another file",
                s->path);
        return -1;
    }
    return 0;
}

/* Checks the version read from the database: 0 on one this build can use (migrating if older). */
static int check_version(store *s, int version, char *err, size_t errlen) {
    if (version > STORE_SCHEMA_VERSION) {
        set_err(err, errlen,
                "database %s was written by a newer lifeline (schema %d, this build knows %d); use --db to pick "
                "another file",
                s->path, version, (int)STORE_SCHEMA_VERSION);
        return -1;
    }
    if (version < 0) {
        set_err(err, errlen, "database %s has an invalid schema version %d; use --db to pick another file", s->path,
                version);
        return -1;
    }
    if (version == 0) return check_empty(s, err, errlen);
    return 0;
}

/* WAL lets readers (an LSP server, a second run loading summaries) proceed while a run writes. Some file systems
 * cannot do WAL; SQLite then keeps the rollback journal, which is slower but correct, so that is not an error. */
static int use_wal(store *s, char *err, size_t errlen) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        open_err(s, err, errlen, "cannot switch to WAL mode");
        sqlite3_finalize(st);
        return -1;
    }
    const char *mode = (const char *)sqlite3_column_text(st, 0);
    bool wal = mode && strcmp(mode, "wal") == 0;
    sqlite3_finalize(st);
    /* One fsync per TU transaction would cost a cold run on a large tree seconds. In WAL mode synchronous=NORMAL
     * syncs only at checkpoints: a power cut may lose the last TUs of a run (they are analysed again next time) but
     * never leaves the database inconsistent. With a rollback journal NORMAL is not that safe, so FULL stays. */
    if (wal && sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
        open_err(s, err, errlen, "cannot set the sync mode");
        return -1;
    }
    return 0;
}

/* The version check of store_open. The version and the table count are read in one read transaction: another run
 * creating the schema between two separate reads would otherwise look like a foreign database (version 0 with
 * tables). */
static int check_before_writing(store *s, int *version, char *err, size_t errlen) {
    if (sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK) {
        open_err(s, err, errlen, "cannot read the schema version");
        return -1;
    }
    int rc = read_version(s, version, err, errlen) == 0 && check_version(s, *version, err, errlen) == 0 ? 0 : -1;
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int exec_sql(store *s, const char *sql, const char *what, char *err, size_t errlen) {
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    open_err(s, err, errlen, what);
    return -1;
}

/* Brings an older (or new, empty) database up to STORE_SCHEMA_VERSION in one write transaction. */
static int migrate(store *s, char *err, size_t errlen) {
    if (exec_sql(s, "BEGIN IMMEDIATE", "cannot start the schema migration", err, errlen) != 0) return -1;
    /* Read again under the write lock: another run may have created or migrated the schema since the first look. */
    int version = 0;
    if (read_version(s, &version, err, errlen) != 0 || check_version(s, version, err, errlen) != 0) goto fail;
    for (; version < STORE_SCHEMA_VERSION; version++) {
        char what[64];
        snprintf(what, sizeof what, "cannot migrate the schema from version %d", version);
        if (exec_sql(s, migrations[version], what, err, errlen) != 0) goto fail;
    }
    /* PRAGMA takes no bound parameters; the number is this build's own constant, not outside data. */
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)STORE_SCHEMA_VERSION);
    if (exec_sql(s, sql, "cannot set the schema version", err, errlen) != 0) goto fail;
    if (exec_sql(s, "COMMIT", "cannot commit the schema migration", err, errlen) != 0) goto fail;
    return 0;
fail:
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int prepare_all(store *s, char *err, size_t errlen) {
    for (int i = 0; i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
            open_err(s, err, errlen, "cannot prepare a statement");
            return -1;
        }
    }
    return 0;
}

store *store_open(const char *path, char *err, size_t errlen) {
    if (!path || !*path) {
        set_err(err, errlen, "no database path given; use --db to pick a file");
        return NULL;
    }
    if (strcmp(path, ":memory:") != 0 && make_parent_dirs(path, err, errlen) != 0) return NULL;

    /* SQLite only says "unable to open database file" for a directory; say what is wrong. */
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        set_err(err, errlen, "database path %s is a directory; use --db to pick a file", path);
        return NULL;
    }

    store *s = xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    kill_hook_read(&s->kill);
    int version = 0;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        if (s->db)
            open_err(s, err, errlen, "cannot open");
        else
            set_err(err, errlen, "database %s: cannot open: out of memory", path);
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);

    /* Nothing before or during this check writes: a database we refuse must be left exactly as it was. */
    if (check_before_writing(s, &version, err, errlen) != 0) goto fail;
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        set_err(err, errlen, "database %s is read-only; make it writable or use --db to pick another file", path);
        goto fail;
    }

    if (use_wal(s, err, errlen) != 0) goto fail;
    if (exec_sql(s, "PRAGMA foreign_keys = ON", "cannot enable foreign keys", err, errlen) != 0) goto fail;
    if (version < STORE_SCHEMA_VERSION && migrate(s, err, errlen) != 0) goto fail;
    if (prepare_all(s, err, errlen) != 0) goto fail;
    return s;

fail:
    /* A refused WAL database must not be checkpointed into its main file by our close. */
    if (s->db) sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    store_close(s);
    return NULL;
}

/* "file:PATH?immutable=1" with the characters a URI path cannot hold percent-encoded. malloc'd. */
static char *immutable_uri(const char *path) {
    size_t n = strlen(path);
    char *uri = xmalloc(3 * n + 32);
    char *w = uri + sprintf(uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 || *p >= 0x7f)
            w += sprintf(w, "%%%02X", *p);
        else
            *w++ = (char)*p;
    }
    strcpy(w, "?immutable=1");
    return uri;
}

/* True when PATH-wal exists and is not empty: then the database is not all in its main file. */
static bool has_wal_content(const char *path) {
    size_t n = strlen(path);
    char *wal = xmalloc(n + 8);
    snprintf(wal, n + 8, "%s-wal", path);
    struct stat sb;
    bool content = stat(wal, &sb) == 0 && sb.st_size > 0;
    free(wal);
    return content;
}

/* Opens a database this process cannot write, for reading: SQLite's read-only mode, which still needs the WAL index
 * (PATH-shm) to exist or be creatable; failing that, and when nothing lives in a WAL file beside the database, as an
 * immutable file (no locks, no WAL index), which is exact because everything is in the main file. (Immutable means
 * SQLite does not look for writers: one with more rights than us could checkpoint into the file under a long query.
 * The read-only copies this is for have none.) */
static store *open_read_only(const char *path, char *err, size_t errlen) {
    store *s = xrealloc(NULL, sizeof *s);
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    int version = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (s->db) sqlite3_close(s->db);
        s->db = NULL;
        char *uri = attempt ? immutable_uri(path) : NULL;
        int rc = sqlite3_open_v2(uri ? uri : path, &s->db, SQLITE_OPEN_READONLY | (uri ? SQLITE_OPEN_URI : 0), NULL);
        free(uri);
        if (rc != SQLITE_OK && !s->db) {
            set_err(err, errlen, "database %s: cannot open: out of memory", path);
            goto fail;
        }
        if (rc == SQLITE_OK) {
            sqlite3_extended_result_codes(s->db, 1);
            sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
            if (check_before_writing(s, &version, err, errlen) == 0) break;
        } else {
            open_err(s, err, errlen, "cannot open");
        }
        /* Whatever went wrong, an immutable open says it again if it was not the WAL index. */
        if (attempt == 1 || has_wal_content(path)) goto fail;
    }
    if (version < STORE_SCHEMA_VERSION) {
        set_err(err, errlen,
                "database %s was written by an older lifeline (schema %d) and is read-only here; upgrading it to "
                "schema %d needs write access: make it and its directory writable, or copy it",
                path, version, (int)STORE_SCHEMA_VERSION);
        goto fail;
    }
    if (prepare_all(s, err, errlen) != 0) goto fail;
    return s;
fail:
    store_close(s);
    return NULL;
}

store *store_open_for_reading(const char *path, char *err, size_t errlen) {
    struct stat sb;
    if (!path || !*path || stat(path, &sb) != 0) {
        set_err(err, errlen, "no database at %s (run lifeline check first, or give --db)", path ? path : "(none)");
        return NULL;
    }
    /* Writable (the usual case): the normal open, which upgrades an older schema. A database is writable when the
     * file and its directory are (SQLite creates PATH-wal and PATH-shm beside it). */
    size_t n = strlen(path);
    char *dir = xmalloc(n + 2);
    snprintf(dir, n + 2, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, n + 2, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    bool writable = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
    free(dir);
    return writable ? store_open(path, err, errlen) : open_read_only(path, err, errlen);
}

void store_close(store *s) {
    if (!s) return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    pool_free(&s->rules);
    free(s->path);
    free(s);
}

/* ---- runs ---------------------------------------------------------------------------------------------------- */

int64_t store_begin_run(store *s, const char *tool_version, const char *command_line, const char *root_dir, char *err,
                        size_t errlen) {
    sqlite3_stmt *st = s->st[ST_INSERT_RUN];
    bind_text(st, 1, tool_version);
    bind_text(st, 2, command_line);
    bind_text(st, 3, root_dir);
    if (exec_stmt(st) != 0) {
        db_err(s, err, errlen, "cannot record the start of the run");
        return -1;
    }
    kill_hook_point(s, 'a', 0);
    return sqlite3_last_insert_rowid(s->db);
}

int store_end_run(store *s, int64_t run_id, int exit_code, size_t nfindings, size_t nfailed_tus, char *err,
                  size_t errlen) {
    sqlite3_stmt *st = s->st[ST_END_RUN];
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_int(st, 2, exit_code);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)nfindings);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)nfailed_tus);
    if (exec_stmt(st) != 0) {
        db_err(s, err, errlen, "cannot record the end of the run");
        return -1;
    }
    if (sqlite3_changes(s->db) == 0) {
        set_err(err, errlen, "database %s: cannot record the end of run %lld: no such run", s->path, (long long)run_id);
        return -1;
    }
    return 0;
}

int64_t store_latest_run(store *s) {
    sqlite3_stmt *st = s->st[ST_LATEST_RUN];
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    stmt_done_with(st);
    return id;
}

int store_set_run_scope(store *s, int64_t run_id, const char *scope, char *err, size_t errlen) {
    if (!scope || (strcmp(scope, "full") != 0 && strcmp(scope, "partial") != 0)) {
        set_err(err, errlen, "database %s: invalid run scope '%s' (expected full or partial)", s->path,
                scope ? scope : "(null)");
        return -1;
    }
    sqlite3_stmt *st = s->st[ST_SET_SCOPE];
    sqlite3_bind_int64(st, 1, run_id);
    bind_text(st, 2, scope);
    if (exec_stmt(st) != 0) {
        db_err(s, err, errlen, "cannot record the scope of the run");
        return -1;
    }
    if (sqlite3_changes(s->db) == 0) {
        set_err(err, errlen, "database %s: cannot record the scope of run %lld: no such run", s->path,
                (long long)run_id);
        return -1;
    }
    return 0;
}

int64_t store_full_run_before(store *s, int64_t run_id) {
    sqlite3_stmt *st = s->st[ST_FULL_RUN_BEFORE];
    sqlite3_bind_int64(st, 1, run_id);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    stmt_done_with(st);
    return id;
}

int64_t store_latest_full_run(store *s) {
    return store_full_run_before(s, INT64_MAX);
}

static void run_from_row(sqlite3_stmt *st, store_run *r) {
    r->id = sqlite3_column_int64(st, 0);
    r->started_at = column_dup(st, 1);
    r->finished_at = column_dup(st, 2);
    r->tool_version = column_dup(st, 3);
    r->command_line = column_dup(st, 4);
    r->root_dir = column_dup(st, 5);
    r->scope = column_dup(st, 6);
    r->exit_code = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 7);
    r->findings = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 8);
    r->failed_tus = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 9);
}

void store_run_free(store_run *r) {
    if (!r) return;
    free(r->started_at);
    free(r->finished_at);
    free(r->tool_version);
    free(r->command_line);
    free(r->root_dir);
    free(r->scope);
    memset(r, 0, sizeof *r);
}

void store_run_list_free(store_run_list *l) {
    for (size_t i = 0; i < l->count; i++)
        store_run_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

int store_get_run(store *s, int64_t run_id, store_run *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = s->st[ST_GET_RUN];
    sqlite3_bind_int64(st, 1, run_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) run_from_row(st, out);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) db_err(s, err, errlen, "cannot read runs");
    stmt_done_with(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_list_runs(store *s, store_run_list *out, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_LIST_RUNS];
    store_run_list got = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (got.count == got.cap) {
            got.cap = got.cap ? got.cap * 2 : 16;
            got.items = xrealloc(got.items, got.cap * sizeof *got.items);
        }
        run_from_row(st, &got.items[got.count++]);
    }
    if (rc != SQLITE_DONE) db_err(s, err, errlen, "cannot read runs");
    stmt_done_with(st);
    if (rc != SQLITE_DONE) {
        store_run_list_free(&got);
        return -1;
    }
    /* Appended, like store_load_findings. */
    for (size_t i = 0; i < got.count; i++) {
        if (out->count == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 16;
            out->items = xrealloc(out->items, out->cap * sizeof *out->items);
        }
        out->items[out->count++] = got.items[i];
    }
    free(got.items);
    return 0;
}

/* ---- recording a TU ------------------------------------------------------------------------------------------ */

static int record_file(store *s, int64_t run_id, int64_t tu_id, const store_file *f) {
    sqlite3_stmt *st = s->st[ST_UPSERT_FILE];
    bind_text(st, 1, f->path);
    bind_text(st, 2, f->content_hash);
    sqlite3_bind_int64(st, 3, run_id);
    int rc = exec_stmt(st);
    if (rc) return rc;

    /* The upsert does not say which row it touched when it updated, so look the id up by path. */
    st = s->st[ST_FILE_ID];
    bind_text(st, 1, f->path);
    rc = sqlite3_step(st);
    int64_t file_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    stmt_done_with(st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;

    st = s->st[ST_INSERT_TU_FILE];
    sqlite3_bind_int64(st, 1, tu_id);
    sqlite3_bind_int64(st, 2, file_id);
    bind_text(st, 3, f->content_hash);
    return exec_stmt(st);
}

static int record_finding(store *s, int64_t run_id, int64_t tu_id, const finding *f) {
    sqlite3_stmt *st = s->st[ST_INSERT_FINDING];
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_int64(st, 2, tu_id);
    bind_text(st, 3, f->rule_id);
    bind_text(st, 4, severity_name(f->level));
    bind_text(st, 5, f->message);
    bind_text(st, 6, f->file);
    sqlite3_bind_int64(st, 7, f->line);
    sqlite3_bind_int64(st, 8, f->col);
    sqlite3_bind_int64(st, 9, f->end_line);
    sqlite3_bind_int64(st, 10, f->end_col);
    bind_text(st, 11, f->function);
    bind_text(st, 12, f->fingerprint);
    sqlite3_bind_int(st, 13, f->suppressed ? 1 : 0);
    bind_text(st, 14, f->suppression_note);
    int rc = exec_stmt(st);
    if (rc) return rc;
    int64_t finding_id = sqlite3_last_insert_rowid(s->db);

    st = s->st[ST_INSERT_STEP];
    for (size_t i = 0; i < f->nsteps; i++) {
        const finding_step *step = &f->steps[i];
        sqlite3_bind_int64(st, 1, finding_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        bind_text(st, 3, step->file);
        sqlite3_bind_int64(st, 4, step->line);
        sqlite3_bind_int64(st, 5, step->col);
        bind_text(st, 6, step->message);
        if ((rc = exec_stmt(st))) return rc;
    }
    return 0;
}

static int record_summary(store *s, int64_t run_id, const store_summary *sum) {
    sqlite3_stmt *st = s->st[ST_UPSERT_SUMMARY];
    bind_text(st, 1, sum->usr);
    bind_text(st, 2, sum->name);
    bind_text(st, 3, sum->file);
    sqlite3_bind_int64(st, 4, run_id);
    bind_text(st, 5, sum->json);
    return exec_stmt(st);
}

static int record_dep(store *s, int64_t tu_id, const store_dep *d) {
    sqlite3_stmt *st = s->st[ST_INSERT_DEP];
    sqlite3_bind_int64(st, 1, tu_id);
    bind_text(st, 2, d->kind);
    bind_text(st, 3, d->key);
    bind_text(st, 4, d->value ? d->value : "");
    return exec_stmt(st);
}

static int record_note(store *s, int64_t tu_id, size_t idx, const tool_diag *d) {
    sqlite3_stmt *st = s->st[ST_INSERT_NOTE];
    sqlite3_bind_int64(st, 1, tu_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)idx);
    bind_text(st, 3, d->tag ? d->tag : "");
    bind_text(st, 4, severity_name(d->level));
    bind_text(st, 5, d->file);
    sqlite3_bind_int64(st, 6, d->line);
    sqlite3_bind_int64(st, 7, d->col);
    bind_text(st, 8, d->message);
    return exec_stmt(st);
}

/* The rows of one TU, inside store_record_tu's transaction; 0 or an SQLite error code, the new row's id in *id. */
static int record_tu_rows(store *s, int64_t run_id, const store_tu *tu, int64_t *id) {
    sqlite3_stmt *st;
    int rc;
    if (tu->replaces > 0) {
        st = s->st[ST_DELETE_TU];
        sqlite3_bind_int64(st, 1, tu->replaces);
        sqlite3_bind_int64(st, 2, run_id);
        if ((rc = exec_stmt(st))) return rc;
    }
    st = s->st[ST_INSERT_TU];
    sqlite3_bind_int64(st, 1, run_id);
    bind_text(st, 2, tu->main_file);
    bind_text(st, 3, tu->directory);
    bind_text(st, 4, tu->args_hash);
    bind_text(st, 5, tu->status);
    bind_text(st, 6, tu->message);
    bind_text(st, 7, tu->inputs_hash);
    rc = exec_stmt(st);
    if (rc) return rc;
    int64_t tu_id = *id = sqlite3_last_insert_rowid(s->db);

    for (size_t i = 0; i < tu->nfiles; i++)
        if ((rc = record_file(s, run_id, tu_id, &tu->files[i]))) return rc;
    if (tu->findings)
        for (size_t i = 0; i < tu->findings->count; i++)
            if ((rc = record_finding(s, run_id, tu_id, &tu->findings->items[i]))) return rc;
    for (size_t i = 0; i < tu->nsummaries; i++)
        if ((rc = record_summary(s, run_id, &tu->summaries[i]))) return rc;
    for (size_t i = 0; i < tu->ndeps; i++)
        if ((rc = record_dep(s, tu_id, &tu->deps[i]))) return rc;
    if (tu->notes)
        for (size_t i = 0; i < tu->notes->count; i++)
            if ((rc = record_note(s, tu_id, i, &tu->notes->items[i]))) return rc;
    return 0;
}

int64_t store_insert_tu(store *s, int64_t run_id, const store_tu *tu, char *err, size_t errlen) {
    char what[512];
    snprintf(what, sizeof what, "cannot record the results of %s", tu && tu->main_file ? tu->main_file : "a TU");
    if (!tu) {
        set_err(err, errlen, "database %s: %s: no TU given", s->path, what);
        return -1;
    }
    if (exec_stmt(s->st[ST_BEGIN_WRITE]) != 0) {
        db_err(s, err, errlen, what);
        return -1;
    }
    int64_t id = 0;
    if (record_tu_rows(s, run_id, tu, &id) == 0 && commit_tu(s) == 0) return id;
    /* Take the message before ROLLBACK replaces it. */
    db_err(s, err, errlen, what);
    rollback(s);
    return -1;
}

int store_record_tu(store *s, int64_t run_id, const store_tu *tu, char *err, size_t errlen) {
    return store_insert_tu(s, run_id, tu, err, errlen) < 0 ? -1 : 0;
}

/* ---- the incremental cache ----------------------------------------------------------------------------------- */

int64_t store_cache_candidate(store *s, const char *main_file, const char *args_hash, const char *inputs_hash,
                              char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_CACHE_CANDIDATE];
    bind_text(st, 1, main_file);
    bind_text(st, 2, args_hash);
    bind_text(st, 3, inputs_hash);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1; /* max() of nothing is NULL: 0 */
    if (rc != SQLITE_ROW) db_err(s, err, errlen, "cannot look up the cache");
    stmt_done_with(st);
    return id;
}

/* ---- walks over rows ------------------------------------------------------------------------------------------- */

/* A walk hands each row's text columns to a callback of the caller's. Each query has one prepared statement per
 * handle, its one cursor: a callback that started the same walk again would reset it under the walk's feet, so that
 * is refused rather than looping or skipping rows. */
static bool walk_busy(store *s, sqlite3_stmt *st, const char *caller, char *err, size_t errlen) {
    if (!sqlite3_stmt_busy(st)) return false;
    set_err(err, errlen, "database %s: %s called from its own callback", s->path, caller);
    return true;
}

enum { WALK_MAX_COLUMNS = 4 };

/* Steps st (bound already) to its end or until row() returns non-zero, giving it the first ncols text columns;
 * 0, or -1 with err saying `what` could not be read. */
static int each_row(store *s, sqlite3_stmt *st, int ncols, int (*row)(void *walk, const char *const *col), void *walk,
                    const char *what, char *err, size_t errlen) {
    const char *col[WALK_MAX_COLUMNS];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncols && i < WALK_MAX_COLUMNS; i++)
            col[i] = (const char *)sqlite3_column_text(st, i);
        if (row(walk, col) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) db_err(s, err, errlen, what);
    stmt_done_with(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The callers' callbacks, each with its context, behind each_row's one signature. */
typedef struct tu_file_walk {
    store_tu_file_fn fn;
    void *ctx;
} tu_file_walk;
static int tu_file_row(void *w, const char *const *c) {
    return ((tu_file_walk *)w)->fn(((tu_file_walk *)w)->ctx, c[0], c[1]);
}

typedef struct dep_walk {
    store_dep_fn fn;
    void *ctx;
} dep_walk;
static int dep_row(void *w, const char *const *c) {
    return ((dep_walk *)w)->fn(((dep_walk *)w)->ctx, c[0], c[1], c[2]);
}

typedef struct summary_walk {
    store_summary_fn fn;
    void *ctx;
} summary_walk;
static int summary_row(void *w, const char *const *c) {
    return ((summary_walk *)w)->fn(((summary_walk *)w)->ctx, c[0], c[1], c[2], c[3]);
}

typedef struct text_walk {
    int (*fn)(void *ctx, const char *text);
    void *ctx;
} text_walk;
static int text_row(void *w, const char *const *c) {
    return ((text_walk *)w)->fn(((text_walk *)w)->ctx, c[0]);
}

int store_each_tu_file(store *s, int64_t tu_id, store_tu_file_fn fn, void *ctx, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_TU_FILES];
    if (walk_busy(s, st, __func__, err, errlen)) return -1;
    sqlite3_bind_int64(st, 1, tu_id);
    tu_file_walk w = {fn, ctx};
    return each_row(s, st, 2, tu_file_row, &w, "cannot read the files of a TU", err, errlen);
}

int store_each_tu_dep(store *s, int64_t tu_id, store_dep_fn fn, void *ctx, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_TU_DEPS];
    if (walk_busy(s, st, __func__, err, errlen)) return -1;
    sqlite3_bind_int64(st, 1, tu_id);
    dep_walk w = {fn, ctx};
    return each_row(s, st, 3, dep_row, &w, "cannot read the dependencies of a TU", err, errlen);
}

/* Runs a two-parameter copy statement (from, to); 0 or an SQLite error code. */
static int copy_rows(store *s, enum stmt_id which, int64_t from, int64_t to) {
    sqlite3_stmt *st = s->st[which];
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    return exec_stmt(st);
}

/* The rows of store_copy_tu, inside its transaction; 0 or an SQLite error code. */
static int copy_tu_rows(store *s, int64_t tu_id, int64_t run_id, int64_t *new_id) {
    int rc = copy_rows(s, ST_COPY_TU, tu_id, run_id);
    if (rc) return rc;
    if (sqlite3_changes(s->db) != 1) return SQLITE_NOTFOUND;
    int64_t to = *new_id = sqlite3_last_insert_rowid(s->db);

    /* The finding ids first: inserting while a cursor walks the same table is legal but easy to get wrong. */
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = s->st[ST_TU_FINDING_IDS];
    sqlite3_bind_int64(st, 1, tu_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    stmt_done_with(st);
    rc = rc == SQLITE_DONE ? 0 : rc;
    for (size_t i = 0; i < n && rc == 0; i++) {
        st = s->st[ST_COPY_FINDING];
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_int64(st, 2, run_id);
        sqlite3_bind_int64(st, 3, to);
        if ((rc = exec_stmt(st))) break;
        rc = copy_rows(s, ST_COPY_STEPS, ids[i], sqlite3_last_insert_rowid(s->db));
    }
    free(ids);
    return rc;
}

int64_t store_copy_tu(store *s, int64_t tu_id, int64_t run_id, char *err, size_t errlen) {
    char what[128];
    snprintf(what, sizeof what, "cannot copy TU row %lld into run %lld", (long long)tu_id, (long long)run_id);
    if (exec_stmt(s->st[ST_BEGIN_WRITE]) != 0) {
        db_err(s, err, errlen, what);
        return -1;
    }
    int64_t id = 0;
    int rc = copy_tu_rows(s, tu_id, run_id, &id);
    if (rc == 0 && commit_tu(s) == 0) return id;
    if (rc == SQLITE_NOTFOUND)
        set_err(err, errlen, "database %s: %s: no such TU row", s->path, what);
    else
        db_err(s, err, errlen, what);
    rollback(s);
    return -1;
}

/* ---- reading back -------------------------------------------------------------------------------------------- */

int store_each_summary(store *s, store_summary_fn fn, void *ctx, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_EACH_SUMMARY];
    if (walk_busy(s, st, __func__, err, errlen)) return -1;
    summary_walk w = {fn, ctx};
    return each_row(s, st, 4, summary_row, &w, "cannot read summaries", err, errlen);
}

int store_tus_including(store *s, const char *path, store_path_fn fn, void *ctx, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_TUS_INCLUDING];
    if (walk_busy(s, st, __func__, err, errlen)) return -1;
    bind_text(st, 1, path);
    text_walk w = {fn, ctx};
    return each_row(s, st, 1, text_row, &w, "cannot read which TUs include a file", err, errlen);
}

int store_run_fingerprints(store *s, int64_t run_id, store_fingerprint_fn fn, void *ctx, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_RUN_FINGERPRINTS];
    if (walk_busy(s, st, __func__, err, errlen)) return -1;
    if (run_id <= 0 && (run_id = store_latest_run(s)) < 0) {
        db_err(s, err, errlen, "cannot find the latest run");
        return -1;
    }
    sqlite3_bind_int64(st, 1, run_id);
    text_walk w = {fn, ctx};
    return each_row(s, st, 1, text_row, &w, "cannot read fingerprints", err, errlen);
}

void store_describe_error(const store *s, const char *what, char *err, size_t errlen) {
    db_err(s, err, errlen, what);
}

const char *store_path(const store *s) {
    return s->path;
}

static severity severity_from_name(const char *name) {
    if (name && strcmp(name, "note") == 0) return SEV_NOTE;
    if (name && strcmp(name, "error") == 0) return SEV_ERROR;
    return SEV_WARNING; /* the CHECK constraint admits nothing else */
}

/* Loads the steps of one finding; 0 or an SQLite error code. */
static int load_steps(store *s, int64_t finding_id, finding *f) {
    sqlite3_stmt *st = s->st[ST_LOAD_STEPS];
    sqlite3_bind_int64(st, 1, finding_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        finding_add_step(f, (const char *)sqlite3_column_text(st, 0), column_uint(st, 1), column_uint(st, 2),
                         (const char *)sqlite3_column_text(st, 3));
    stmt_done_with(st);
    return rc == SQLITE_DONE ? 0 : rc;
}

/* Reads the findings a bound ST_LOAD_FINDINGS or ST_LOAD_TU_FINDINGS statement selects into got; 0 or -1 with err
 * set. */
static int load_finding_rows(store *s, sqlite3_stmt *st, finding_list *got, char *err, size_t errlen) {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        finding *f = finding_list_add(got);
        int64_t id = sqlite3_column_int64(st, 0);
        const char *rule = (const char *)sqlite3_column_text(st, 1);
        f->rule_id = pool_intern(&s->rules, rule ? rule : "");
        f->level = severity_from_name((const char *)sqlite3_column_text(st, 2));
        f->message = column_dup(st, 3);
        f->file = column_dup(st, 4);
        f->line = column_uint(st, 5);
        f->col = column_uint(st, 6);
        f->end_line = column_uint(st, 7);
        f->end_col = column_uint(st, 8);
        f->function = column_dup(st, 9);
        f->fingerprint = column_dup(st, 10);
        f->suppressed = sqlite3_column_int(st, 11) != 0;
        f->suppression_note = column_dup(st, 12);
        if ((rc = load_steps(s, id, f)) != 0) break;
    }
    if (rc != SQLITE_DONE) db_err(s, err, errlen, "cannot read findings");
    stmt_done_with(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Reads the findings of run_id into got; 0 or -1 with err set. Runs inside store_load_findings' read transaction. */
static int load_findings(store *s, int64_t run_id, finding_list *got, char *err, size_t errlen) {
    if (run_id <= 0 && (run_id = store_latest_run(s)) < 0) {
        db_err(s, err, errlen, "cannot find the latest run");
        return -1;
    }
    sqlite3_stmt *st = s->st[ST_LOAD_FINDINGS];
    sqlite3_bind_int64(st, 1, run_id);
    return load_finding_rows(s, st, got, err, errlen);
}

int store_load_tu_findings(store *s, int64_t tu_id, finding_list *fl, char *err, size_t errlen) {
    if (exec_stmt(s->st[ST_BEGIN_READ]) != 0) {
        db_err(s, err, errlen, "cannot read findings");
        return -1;
    }
    finding_list got = {0};
    sqlite3_stmt *st = s->st[ST_LOAD_TU_FINDINGS];
    sqlite3_bind_int64(st, 1, tu_id);
    int rc = load_finding_rows(s, st, &got, err, errlen);
    exec_stmt(s->st[rc == 0 ? ST_COMMIT : ST_ROLLBACK]);
    if (rc == 0)
        finding_list_take(fl, &got);
    else
        finding_list_free(&got);
    return rc;
}

int store_load_tu_notes(store *s, int64_t tu_id, tool_diag_list *dl, char *err, size_t errlen) {
    sqlite3_stmt *st = s->st[ST_LOAD_TU_NOTES];
    sqlite3_bind_int64(st, 1, tu_id);
    tool_diag_list got = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        tool_diag_add(&got, (const char *)sqlite3_column_text(st, 0),
                      severity_from_name((const char *)sqlite3_column_text(st, 1)),
                      (const char *)sqlite3_column_text(st, 2), column_uint(st, 3), column_uint(st, 4),
                      (const char *)sqlite3_column_text(st, 5));
    if (rc != SQLITE_DONE) db_err(s, err, errlen, "cannot read the notes of a TU");
    stmt_done_with(st);
    if (rc != SQLITE_DONE) {
        tool_diag_list_free(&got);
        return -1;
    }
    tool_diag_list_take(dl, &got);
    return 0;
}

int store_load_findings(store *s, int64_t run_id, finding_list *fl, char *err, size_t errlen) {
    /* One read transaction, so the findings and their steps come from one snapshot even while another run writes. */
    if (exec_stmt(s->st[ST_BEGIN_READ]) != 0) {
        db_err(s, err, errlen, "cannot read findings");
        return -1;
    }
    /* Build into a list of our own and hand it over only when complete, so a failure leaves fl as it was. */
    finding_list got = {0};
    int rc = load_findings(s, run_id, &got, err, errlen);
    exec_stmt(s->st[rc == 0 ? ST_COMMIT : ST_ROLLBACK]);
    if (rc == 0)
        finding_list_take(fl, &got);
    else
        finding_list_free(&got);
    return rc;
}

const char *store_migration_sql(int version) {
    return version >= 0 && version < STORE_SCHEMA_VERSION ? migrations[version] : NULL;
}
