/* suppress.h — NOLINT comments, with clang-tidy's syntax and meaning, so one habit silences both tools.
 *
 *   x = f();  // NOLINT                          every rule, on this line
 *   x = f();  // NOLINT(lifeline-handle-leak)    only these checks (comma-separated, '*' globs, spaces allowed)
 *   // NOLINTNEXTLINE(lifeline-handle-*)         the next line only
 *   // NOLINTBEGIN(lifeline-thread-not-joined)   every line from here ...
 *   // NOLINTEND(lifeline-thread-not-joined)     ... to here (both lines included)
 *
 * lifeline's rules are the checks `lifeline-<rule id>`: NOLINT(lifeline-*) and NOLINT(*) match them,
 * NOLINT(handle-leak) and other tools' names (NOLINT(bugprone-*)) do not; '-' globs are ignored, NOLINT() matches
 * nothing. Text after the directive (`// NOLINT: reason`) is allowed. Directives count only inside comments (`//`
 * or block), never in string or character literals; the scan is lexical (no preprocessing) and linear.
 *
 * NOLINTBEGIN and NOLINTEND pair like clang-tidy's: an END closes the innermost open BEGIN with the same check list
 * (compared with whitespace removed). An END that closes nothing and a BEGIN never closed are reported as tool
 * diagnostics tagged "lifeline-nolint"; an unclosed BEGIN suppresses nothing. Directives whose check list names no
 * lifeline rule are other tools' business: they neither suppress nor take part in pairing. */
#ifndef LIFELINE_SUPPRESS_H
#define LIFELINE_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

#define NOLINT_TAG "lifeline-nolint"

typedef struct nolint_index nolint_index;

/* Scan a file's text (len bytes, need not be NUL-terminated; LF, CRLF or CR line ends). Unmatched BEGIN/END
 * directives are added to diags (may be NULL) with `path`. Never NULL. */
nolint_index *nolint_scan(const char *path, const char *text, size_t len, tool_diag_list *diags);
/* Does a directive suppress rule_id ("handle-leak") at line (1-based)? When it does and comment is not NULL,
 * *comment is the directive as written, e.g. "NOLINTNEXTLINE(lifeline-handle-leak)" (owned by the index), for
 * finding.suppression_note. ix may be NULL (nothing suppressed). */
bool nolint_suppresses(const nolint_index *ix, unsigned line, const char *rule_id, const char **comment);
/* How many directives concerning lifeline the scan found (for tests and statistics). */
size_t nolint_count(const nolint_index *ix);
void nolint_free(nolint_index *ix);

#endif
