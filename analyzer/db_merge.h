/* db_merge.h — `lifeline db merge A.db B.db ... -o ALL.db`: one findings database out of several, e.g. the databases
 * of the shards of a CI matrix (README "Sharding").
 *
 * The output is a new database with this build's schema (store.h), into which every input is copied, table by table
 * and column by column by name (SQLite ATTACH; the inputs are opened read-only and must have this build's schema
 * version). Row ids are renumbered and references follow them. Rules:
 *   - runs: a run that is already in the output (same start and end times, command line, root directory... — the copy
 *     an earlier merge put into several databases) is kept once, and so are its TUs, findings and steps;
 *   - rows with a unique key that is not a reference (files by path, summaries by USR): one row per key; when two
 *     inputs disagree, the row written by the most recent run (runs.started_at, then finished_at) wins, then the
 *     greater content, so the result does not depend on the order of the inputs;
 *   - everything else (TUs, findings and their steps, which file each TU read...) is copied with its run.
 * Then, when the inputs' latest finished runs are two or more different runs, one more run combines them (the
 * shards of one CI run): their TUs, and their findings without duplicates by (fingerprint, rule, file, line) — a
 * header's finding reported by two shards. It is the output's latest run, so `db findings` and `db export` show the
 * whole project; its scope is full when one of its runs was full or their `--shard K/N` options cover 1..N.
 *
 * The output must not exist; it is written to a temporary file beside it and renamed into place at the end (never
 * over a file that appeared meanwhile), so a failed or killed merge leaves no half-written database. */
#ifndef LIFELINE_DB_MERGE_H
#define LIFELINE_DB_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db_merge_stats {
    size_t runs;              /* runs in the output, the combined one included */
    size_t shared_runs;       /* input runs that were already in the output (kept once) */
    size_t tus, findings;     /* rows in the output, the combined run's included */
    size_t summaries;         /* rows in the output */
    size_t summary_conflicts; /* USRs whose summaries differed between inputs (the most recent run's kept) */
    int64_t combined_run;     /* the combined run's id, 0 when none was made */
    size_t combined_runs;     /* how many runs it combines */
    size_t combined_findings; /* its findings (suppressed ones included) */
    bool combined_full;       /* its scope */
} db_merge_stats;

/* Merges inputs[0..ninputs) into output. command_line and tool_version describe the merge in the combined run.
 * 0, or -1 with one sentence naming the culprit in err (an input that is missing, not a lifeline database or of
 * another schema version; an output that exists; a SQLite error). */
int db_merge(const char *const *inputs, size_t ninputs, const char *output, const char *command_line,
             const char *tool_version, db_merge_stats *stats, char *err, size_t errlen);

/* The `--shard K/N` of a stored command line (`lifeline check -p b --shard 2/4`, `--shard=2/4`): 1 and *spec
 * filled, or 0 when it has none. */
int db_merge_command_shard(const char *command_line, unsigned *index, unsigned *count);

#endif
