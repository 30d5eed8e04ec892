/* incremental.h — `lifeline check` with the store as its cache (README "Database", issue 7).
 *
 * A TU whose inputs are unchanged — its compile arguments, the contents of its main file and of every file it
 * included, and what every TU of the run shares (the lifeline build, libclang, the model files, the config that
 * applies, --rules) — is not parsed: its stored row (findings with their steps and suppression state, notes) is
 * copied into the new run, and its functions' summaries stay in the summaries table, where the analysis of the other
 * TUs finds them. The rest is analysed as one program, as a cold run would.
 *
 * What a TU's results depend on outside its own files is recorded with it (store.h, store_dep): the summaries of the
 * functions it calls that it does not define, the summaries of the functions it defines, and what the run knew of
 * the globals it names (a global never written anywhere with a known initialiser is a constant). After each batch of
 * analysed TUs, every TU of the run is checked against the summaries now stored and the globals of the whole run; a
 * TU whose dependencies changed is analysed in the next batch, until nothing changes; when that takes too long (8
 * batches, or as many TUs parsed as the run has), everything is analysed at once. The findings are those of a run
 * with no cache. */
#ifndef LIFELINE_INCREMENTAL_H
#define LIFELINE_INCREMENTAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "fingerprint.h"
#include "report.h"
#include "store.h"

typedef struct incremental_input {
    const compile_jobs *jobs;
    analysis_input base; /* copied for each analysis_run, with .jobs replaced by the batch's (api, db, workers...) */
    store *db;           /* NULL (--no-db): one analysis, nothing stored, nothing reused */
    int64_t run;         /* the run being recorded */
    bool use_cache;      /* false (--no-cache, --explain-escapes): every TU analysed; rows are still recorded */
    bool keep_analysis;  /* keep the (single) analysis for --explain-escapes; implies !use_cache */
    const char *const *inputs_hashes; /* per job: incremental_tu_inputs_hash; may be NULL without a store */
    const report_options *ro;
} incremental_input;

typedef struct incremental_tu {
    const compile_job *job;
    tu_status status;
    finding_list findings; /* after the config, --rules and NOLINT */
    tool_diag_list notes;  /* its parse errors, failure, analysis budget notes */
    bool reused;           /* copied from an earlier run */
} incremental_tu;

typedef struct incremental_result {
    incremental_tu *tus; /* one per job, in job order */
    size_t ntus;
    tool_diag_list diags; /* every TU's notes (job order), then the run's own (store warnings, NOLINT problems) */
    size_t failed_tus;
    size_t analysed;   /* TUs parsed in this run */
    size_t dependents; /* of those, TUs whose files were unchanged but something they depend on was not */
    size_t reused;     /* TUs copied from an earlier run */
    size_t batches;    /* analyses run */
    analysis last;     /* with keep_analysis: the analysis (its program, for --explain-escapes) */
    bool have_last;
    /* A database error cut the recording short (incremental_check's err says which): the results above are still
     * complete — after the error the store is left alone, and every TU is analysed again if the cache had been used —
     * but the run's rows are not, so the caller must leave the run unfinished. */
    bool store_failed;
} incremental_result;

/* Analyses (or reuses) every job, stores each TU in in->run (one transaction per TU) and fills out. Returns 0 (with
 * out->store_failed and one sentence in err after a database error), or -1 with one sentence in err (a broken
 * config); out is filled as far as it got and must be freed either way. */
int incremental_check(const incremental_input *in, incremental_result *out, char *err, size_t errlen);
void incremental_result_free(incremental_result *r);

/* ---- inputs hashes ----------------------------------------------------------------------------------------------
 * The part of a TU's cache key besides its arguments and files. The run's share: this executable's contents (a
 * rebuilt lifeline analyses everything again), libclang's version, and every model file's name and text in load
 * order; each TU adds the config that applies to its main file (that file's text and any .lifeline.yaml above it)
 * and --rules. */
typedef struct inputs_hasher {
    char *buf;
    size_t len, cap;
} inputs_hasher;

/* Starts with the lifeline build and libclang's version. */
void inputs_hasher_init(inputs_hasher *h);
void inputs_hasher_add(inputs_hasher *h, const char *name, const void *data, size_t len);
/* A file's name and contents (a marker when it cannot be read). */
void inputs_hasher_add_file(inputs_hasher *h, const char *path);
/* The hash of everything added; frees the buffer. */
void inputs_hasher_finish(inputs_hasher *h, char out[FINGERPRINT_HEX_LEN + 1]);

/* A TU's inputs hash from the run's models hash, the config for its main file (NULL: none) and --rules. */
void incremental_tu_inputs_hash(char out[FINGERPRINT_HEX_LEN + 1], const char *models_hash, const char *config_file,
                                const char *cli_rules);

/* content_hash of a job's argument vector, as stored in tus.args_hash (one argument per line). */
void incremental_args_hash(char out[FINGERPRINT_HEX_LEN + 1], const compile_job *job);

#endif
