/* finding.h — a finding as every later stage sees it: the store persists it, the emitters print it, the LSP server
 * publishes it. Plain heap-owned data (not arena memory) because findings outlive the TU that produced them. */
#ifndef LIFELINE_FINDING_H
#define LIFELINE_FINDING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR } severity;

typedef struct finding_step {
    char *file; /* absolute path */
    unsigned line, col;
    char *message;
} finding_step;

typedef struct finding {
    const char *rule_id; /* static string owned by the rule table */
    severity level;
    char *message;
    char *file; /* absolute path of the primary location */
    unsigned line, col, end_line, end_col;
    char *function;    /* enclosing function, "" at file scope */
    char *fingerprint; /* 32 hex digits, see fingerprint.h */
    finding_step *steps;
    size_t nsteps;
    bool suppressed;        /* NOLINT and friends: kept, stored and emitted as suppressed, never dropped */
    char *suppression_note; /* the comment that suppressed it */
} finding;

typedef struct finding_list {
    finding *items;
    size_t count, cap;
} finding_list;

/* Append a finding; the list takes ownership of the strings (use strdup'd or fl_* built strings). */
finding *finding_list_add(finding_list *fl);
void finding_add_step(finding *f, const char *file, unsigned line, unsigned col, const char *message);
/* Keep at most the first `head` and the last `tail` steps, with one step between them (at the first step left out)
 * saying how many were left out. A path through a generated 10,000-branch function would otherwise carry one
 * "assuming ..." note per branch: megabytes of SARIF for one finding, and nothing a reader can follow. */
void finding_cap_steps(finding *f, size_t head, size_t tail);
void finding_list_free(finding_list *fl);
/* Frees what one finding owns (not the finding itself, which lives in a list's array). */
void finding_clear(finding *f);
/* Move every finding of src to the end of dst; src becomes empty. */
void finding_list_take(finding_list *dst, finding_list *src);
/* Stable order: file, line, column, rule, message. */
void finding_list_sort(finding_list *fl);
/* Drop exact duplicates (same rule, location, message) — a header function analysed twice, a path found twice. */
void finding_list_dedupe(finding_list *fl);

const char *severity_name(severity s); /* "note", "warning", "error" */

/* Something lifeline says about the run rather than about the code: parse errors of a TU (tag
 * "lifeline-parse-error"), a TU that could not be analysed, an analysis budget hit. Text output prints them as
 * notes; SARIF carries them as toolExecutionNotifications. */
typedef struct tool_diag {
    char *tag; /* "lifeline-parse-error", "lifeline-tu-failed", "lifeline-budget", "lifeline-skipped" */
    severity level;
    char *file; /* may be NULL for run-level messages */
    unsigned line, col;
    char *message;
} tool_diag;

typedef struct tool_diag_list {
    tool_diag *items;
    size_t count, cap;
} tool_diag_list;

void tool_diag_add(tool_diag_list *dl, const char *tag, severity level, const char *file, unsigned line, unsigned col,
                   const char *message);
void tool_diag_list_take(tool_diag_list *dst, tool_diag_list *src);
void tool_diag_list_free(tool_diag_list *dl);

#endif
