/* analysis.h — compile jobs in, findings per TU out: parse, lower, link the program, compute summaries bottom-up
 * over the whole call graph, run every checker, fingerprint. Shared by `lifeline check` and `lifeline lsp`; knows
 * nothing of options, output formats or suppressions. */
#ifndef LIFELINE_ANALYSIS_H
#define LIFELINE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "frontend.h"
#include "models.h"
#include "program.h"
#include "source_cache.h"
#include "store.h"

typedef struct analysis_tu {
    const compile_job *job;
    frontend_result fe;
    finding_list findings; /* deduplicated and fingerprinted */
} analysis_tu;

typedef struct analysis {
    program prog;          /* every TU's IR and the summaries */
    arena *summary_arenas; /* one per analysis worker: the summaries it computed (program_fn.summary points here) */
    unsigned nsummary_arenas;
    analysis_tu *tus; /* one per job, in job order */
    size_t ntus;
    tool_diag_list diags; /* parse errors, failed TUs, budget notes */
    size_t failed_tus;
    source_cache sources; /* files read for fingerprints (and by callers, for suppressions) */
} analysis;

typedef struct analysis_input {
    const compile_jobs *jobs;
    const models *api;
    store *db;                /* summaries stored by earlier runs fill in functions not parsed now; may be NULL */
    const char *unsaved_path; /* an editor buffer standing in for this main file (LSP); NULL for none */
    const char *unsaved_text;
    size_t unsaved_len;
    bool parse_only; /* the benchmark floor: parse and walk every TU, analyse nothing */
    /* Worker threads (`-j N`); 0 = one per online core. TUs are parsed and lowered in parallel, then independent
     * SCCs of the call graph are analysed in parallel; the results do not depend on the number. */
    unsigned workers;
    double function_seconds; /* wall time for one function, all checkers together; 0 = ANALYSIS_FUNCTION_SECONDS */
    /* Parse and lower each TU in a worker process (parse_pool.h), so a TU that crashes libclang, hangs or exhausts
     * memory fails alone. false: in this process (the LSP server, unit tests, --in-process). */
    bool isolate;
    double tu_seconds; /* with isolate: wall time for one TU's parse and lowering, 0 for no limit */
} analysis_input;

/* Past this much wall time a function is abandoned: its findings are dropped, callers treat it as a function without
 * a summary, and a `lifeline-budget` note names it. */
#define ANALYSIS_FUNCTION_SECONDS 10.0

/* Runs everything on threads with a large stack (lowering and the engine recurse over deeply nested code). Never
 * fails as a whole: a TU that cannot be parsed is counted in failed_tus with a diagnostic. Findings and diagnostics
 * come out in the same order whatever in->workers is. */
void analysis_run(analysis *an, const analysis_input *in);

/* Stores each TU (its files with content hashes, findings, summaries) in run `run`, one transaction per TU. */
int analysis_store(analysis *an, store *db, int64_t run, char *err, size_t errlen);

void analysis_free(analysis *an);

#endif
