/* emit.h — turning findings into what people and tools read: compiler-style text and SARIF 2.1.0.
 *
 * Both emitters take the same finding list the store holds, so `lifeline check` and `lifeline db export` print
 * identical results. SARIF is built with jansson; nothing here escapes JSON by hand. */
#ifndef LIFELINE_EMIT_H
#define LIFELINE_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"

typedef struct emit_options {
    const char *srcroot;      /* absolute directory that %SRCROOT% stands for (SARIF) and text paths are shown from */
    bool relative_paths;      /* text: print paths relative to srcroot when they are below it */
    bool show_suppressed;     /* text: also print suppressed findings (marked "suppressed") */
    const char *tool_version; /* e.g. "0.1.0" */
    const char *category;     /* SARIF run.automationDetails.id; NULL for none */
    const char *command_line; /* SARIF invocations[0].commandLine */
    int exit_code;            /* SARIF invocations[0].exitCode; executionSuccessful = exit_code < 2 */
    size_t max_results;       /* SARIF: results kept in the log (0: GitHub's limit, SARIF_GITHUB_MAX_RESULTS) */
} emit_options;

/* GitHub code scanning rejects a run with more results than this; the rest are dropped with a run-level
 * notification (toolExecutionNotifications, id lifeline-results-truncated). */
enum { SARIF_GITHUB_MAX_RESULTS = 25000 };
size_t emit_sarif_result_limit(const emit_options *opt);

/* `path:line:col: warning: message [rule-id]` then `path:line:col: note: step` lines; tool diagnostics as
 * `path:line:col: note: message [tag]` (on stderr by the caller's choice of stream). Returns 0 or -1 on I/O error. */
int emit_text_findings(FILE *out, const finding_list *fl, const emit_options *opt);
int emit_text_diags(FILE *out, const tool_diag_list *dl, const emit_options *opt);

/* The part of `path` below the directory `srcroot` ("src/a.c" for "/r/src/a.c" under "/r" or "/r/"), or NULL when it
 * is not below it. A pointer into `path`; no normalisation of "." or "..". Shared by both emitters. */
const char *emit_path_below(const char *srcroot, const char *path);

/* A complete SARIF 2.1.0 log with one run. Returns 0, or -1 with a sentence in err. */
int emit_sarif(FILE *out, const finding_list *fl, const tool_diag_list *dl, const emit_options *opt, char *err,
               size_t errlen);

#endif
