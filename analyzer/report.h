/* report.h — what of an analysis gets reported: the project config's rules, header filter and severities, a
 * `--rules` list on the command line, and NOLINT comments. Shared by `lifeline check` and `lifeline lsp`, so the
 * editor and CI agree on every finding.
 *
 * Disabled rules and filtered headers drop their findings (the user asked not to see them); NOLINT only marks them
 * suppressed, because suppressed findings are stored and emitted (SARIF `suppressions`), never silently lost. */
#ifndef LIFELINE_REPORT_H
#define LIFELINE_REPORT_H

#include <stddef.h>

#include "analysis.h"
#include "config.h"

typedef struct report_options {
    config_set *configs;   /* .lifeline.yaml lookup; NULL: no config */
    const char *cli_rules; /* --rules GLOBS, applied after the config's rules (clang-tidy's --checks); NULL: none */
} report_options;

/* Applies the options to every TU's findings, in place. Problems with NOLINT comments (an unmatched NOLINTBEGIN) go
 * to an->diags. Returns 0, or -1 with `PATH:LINE:COL: sentence` in err when a config file is broken. */
int report_filter(analysis *an, const report_options *opt, char *err, size_t errlen);

/* The config that applies to a TU's main file, for callers that need its model files before analysing. */
int report_config_for(const report_options *opt, const char *main_file, const lifeline_config **out, char *err,
                      size_t errlen);

#endif
