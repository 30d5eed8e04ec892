/* store.h — the SQLite database: runs, translation units, files, findings with their steps, function summaries.
 *
 * One database per project (default .lifeline/lifeline.db beside compile_commands.json). WAL mode, a busy timeout so
 * two runs on one database wait for each other instead of failing, and one transaction per TU result so a run that is
 * killed leaves every TU either fully stored or absent. The schema is versioned with PRAGMA user_version; older
 * databases are migrated in place, a newer one is refused without being touched. */
#ifndef LIFELINE_STORE_H
#define LIFELINE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding.h"

enum { STORE_SCHEMA_VERSION = 3 };

typedef struct store store;

/* Opens (creating the file and its parent directories when missing) and migrates. On failure returns NULL and writes
 * one human-readable sentence naming the path into err (e.g. "database /x/.lifeline/lifeline.db was written by a newer
 * lifeline (schema 7, this build knows 2); use --db to pick another file"). Every error sentence, here and below,
 * says what to do about it (free space, make the file writable, delete a damaged file, or use --db).
 * Test hook: the environment variable LIFELINE_TEST_KILL makes the process kill itself at a chosen TU transaction
 * (store.c, kill_hook). */
store *store_open(const char *path, char *err, size_t errlen);
void store_close(store *s);
/* For commands that only read (`lifeline db`): an existing database (never created), opened as store_open opens it
 * when this process can write it and its directory, else read-only — which needs the current schema, since upgrading
 * an older one writes. On failure NULL, and one sentence naming the path in err. */
store *store_open_for_reading(const char *path, char *err, size_t errlen);

/* A run: one `lifeline check` invocation. Returns the run id, or -1 with err set. */
int64_t store_begin_run(store *s, const char *tool_version, const char *command_line, const char *root_dir, char *err,
                        size_t errlen);
/* Records how the run ended (exit code 0..3 and counts). */
int store_end_run(store *s, int64_t run_id, int exit_code, size_t nfindings, size_t nfailed_tus, char *err,
                  size_t errlen);

typedef struct store_file {
    const char *path;         /* absolute */
    const char *content_hash; /* fingerprint.h content_hash of the contents the TU read ("" when unreadable) */
} store_file;

/* What a TU's results depend on beyond its own files (schema 3, the incremental cache; README "Database"):
 *   "calls"        key: USR of a function it calls or passes, defined in no file of the TU; value: content_hash of
 *                  the summary JSON in effect when it was analysed ("" for none)
 *   "defines"      key: USR of a function it defines; value: content_hash of that function's summary JSON
 *   "reads-global" key: USR of a global it names; value: what the whole run knew of it ("=N": a constant N, "": not
 *                  a constant)
 *   "sets-global"  key: USR of a global it writes or initialises; value: "w" written, "=N" initialised to N, "w=N"
 * A cached TU is reused only while every "calls"/"defines" value still matches the store's summaries and every
 * "reads-global" value the run's globals. */
typedef struct store_dep {
    const char *kind;
    const char *key;
    const char *value;
} store_dep;

typedef struct store_summary {
    const char *usr;  /* clang USR of the function: the key */
    const char *name; /* function name, for people */
    const char *file; /* where it is defined */
    const char *json; /* summary facts, JSON text (see summary.h) */
} store_summary;

typedef struct store_tu {
    const char *main_file;   /* absolute */
    const char *directory;   /* working directory of the compile command */
    const char *args_hash;   /* content_hash of the argument vector */
    const char *status;      /* "ok", "parse-errors", "failed", "skipped" */
    const char *message;     /* why failed/skipped, else NULL */
    const store_file *files; /* the main file and every file it included */
    size_t nfiles;
    const finding_list *findings; /* findings whose analysis belongs to this TU (may be NULL) */
    const store_summary *summaries;
    size_t nsummaries;
    /* schema 3: the cache entry. A row without inputs_hash is never reused. */
    const char *inputs_hash; /* content_hash of the models, config, rules and lifeline build in effect */
    const store_dep *deps;   /* unique (kind, key) pairs */
    size_t ndeps;
    const tool_diag_list
        *notes;       /* the TU's notes (parse errors, budget), replayed when the row is reused; may be NULL */
    int64_t replaces; /* a row of the same run this one replaces (deleted in the same transaction); 0: none */
} store_tu;

/* Everything about one TU in one transaction: the TU row, its files, its findings and steps, its summaries
 * (INSERT OR REPLACE by USR). Returns 0, or -1 with err set and nothing written. */
int store_record_tu(store *s, int64_t run_id, const store_tu *tu, char *err, size_t errlen);
/* The same, returning the new TU row's id (-1 with err set on failure). */
int64_t store_insert_tu(store *s, int64_t run_id, const store_tu *tu, char *err, size_t errlen);

/* Summaries stored by earlier runs or other TUs: calls fn for each, in USR order; stops early if fn returns non-zero.
 * The strings passed to fn are valid only during the call, and fn must not start another walk on the same handle. */
typedef int (*store_summary_fn)(void *ctx, const char *usr, const char *name, const char *file, const char *json);
int store_each_summary(store *s, store_summary_fn fn, void *ctx, char *err, size_t errlen);

/* Findings of one run (run_id <= 0: the latest finished run), in file/line order, appended to fl (left as it was on
 * failure). finding.rule_id cannot point into the rule table, which the store does not know: it points into a string
 * pool owned by this handle (one copy per distinct rule id), valid until store_close. */
int store_load_findings(store *s, int64_t run_id, finding_list *fl, char *err, size_t errlen);

/* The id of the latest run that finished, or 0 when there is none (-1 on a database error). */
int64_t store_latest_run(store *s);

/* One sentence about the handle's last SQLite error, as the functions above put in err: "database P: WHAT: why; what
 * to do". For the functions that return only -1 (store_latest_run and the like). */
void store_describe_error(const store *s, const char *what, char *err, size_t errlen);

/* The path the handle was opened with, for messages. */
const char *store_path(const store *s);

/* ---- run scope (schema 2) ----------------------------------------------------------------------------------------
 * A run is "full" when it analysed every TU of the project (the default, and what every run before schema 2 was) or
 * "partial" when it analysed only some (a pre-commit run over changed files). Comparisons that need "everything the
 * project had" — baselines, `db findings --new` — use full runs only. */
int store_set_run_scope(store *s, int64_t run_id, const char *scope, char *err, size_t errlen);
/* The latest finished full run, or 0 when there is none (-1 on a database error). */
int64_t store_latest_full_run(store *s);
/* The latest finished full run with an id below run_id, or 0 when there is none (-1 on a database error). */
int64_t store_full_run_before(store *s, int64_t run_id);

/* ---- queries for pre-commit runs and `lifeline db` --------------------------------------------------------------
 * The walks below call fn once per row and stop early when it returns non-zero; the strings passed to fn are valid
 * only during the call, and fn must not start the same walk again on the same handle. 0, or -1 with err set. */
typedef int (*store_path_fn)(void *ctx, const char *path);
typedef int (*store_fingerprint_fn)(void *ctx, const char *fingerprint);

/* The main files of the TUs that read `path` (an absolute path, compared as stored: the driver records the paths
 * clang reports), each once, in path order: a changed header maps to the TUs to analyse again. For each main file
 * only the TU row that speaks for it counts — its latest analysed row (status ok or parse-errors), or its latest row
 * when it was never analysed — so a header a TU stopped including no longer maps to it. */
int store_tus_including(store *s, const char *path, store_path_fn fn, void *ctx, char *err, size_t errlen);

/* The distinct non-empty fingerprints of a run's findings (suppressed ones included), in order; run_id <= 0: the
 * latest finished run. A run that does not exist has none. */
int store_run_fingerprints(store *s, int64_t run_id, store_fingerprint_fn fn, void *ctx, char *err, size_t errlen);

/* A row of runs, heap-owned. */
typedef struct store_run {
    int64_t id;
    char *started_at;   /* ISO 8601 UTC */
    char *finished_at;  /* NULL while running, or when the run was killed */
    char *tool_version; /* may be NULL */
    char *command_line; /* may be NULL */
    char *root_dir;     /* may be NULL */
    char *scope;        /* "full" or "partial" */
    int exit_code;      /* -1 when not finished */
    int64_t findings;   /* reported (unsuppressed) findings; -1 when not finished */
    int64_t failed_tus; /* -1 when not finished */
} store_run;

typedef struct store_run_list {
    store_run *items;
    size_t count, cap;
} store_run_list;

/* Every run, in id order, appended to out (left as it was on failure). */
int store_list_runs(store *s, store_run_list *out, char *err, size_t errlen);
/* One run: 1 and *out filled, 0 when there is no such run, -1 with err set on a database error. */
int store_get_run(store *s, int64_t run_id, store_run *out, char *err, size_t errlen);
void store_run_free(store_run *r);
void store_run_list_free(store_run_list *l);

/* ---- the incremental cache (schema 3) -----------------------------------------------------------------------
 * A TU row can stand for a job of a later run when the job's arguments, inputs and files are unchanged; the run then
 * copies the row instead of parsing the TU. */

/* The latest analysed (ok or parse-errors) row for main_file with these args_hash and inputs_hash: its id, 0 when
 * there is none, -1 with err set on a database error. */
int64_t store_cache_candidate(store *s, const char *main_file, const char *args_hash, const char *inputs_hash,
                              char *err, size_t errlen);

typedef int (*store_tu_file_fn)(void *ctx, const char *path, const char *content_hash);
typedef int (*store_dep_fn)(void *ctx, const char *kind, const char *key, const char *value);
/* The files a TU row read, with the hash of each as it read it (NULL for rows written before schema 3), in path
 * order; and its dependencies, in (kind, key) order. For a copied row, those of the row it copies. Walks as above. */
int store_each_tu_file(store *s, int64_t tu_id, store_tu_file_fn fn, void *ctx, char *err, size_t errlen);
int store_each_tu_dep(store *s, int64_t tu_id, store_dep_fn fn, void *ctx, char *err, size_t errlen);

/* Copies TU row tu_id into run run_id, in one transaction: the row and its findings with their steps and suppression
 * state. The copy's files, dependencies and notes stay the analysed row's (tus.cache_of: not duplicated run after
 * run), and its summaries stay where they are (keyed by USR). Returns the new row's id, or -1 with err set and
 * nothing written. */
int64_t store_copy_tu(store *s, int64_t tu_id, int64_t run_id, char *err, size_t errlen);

/* A TU row's findings in the order they were recorded, appended to fl (left as it was on failure); rule ids as in
 * store_load_findings. */
int store_load_tu_findings(store *s, int64_t tu_id, finding_list *fl, char *err, size_t errlen);
/* A TU row's notes in order, appended to dl. */
int store_load_tu_notes(store *s, int64_t tu_id, tool_diag_list *dl, char *err, size_t errlen);

/* The SQL that takes a database from schema version `version` to version + 1 (NULL when out of range). For tests
 * that build a database of an older version the way that version's lifeline did. */
const char *store_migration_sql(int version);

#endif
