/* config.h — `.lifeline.yaml`, the per-project configuration, found and read the way clang-tidy finds `.clang-tidy`.
 *
 * The file (read with libyaml; every key is optional, an empty file is a valid empty config):
 *
 *   # .lifeline.yaml — looked up from the analysed file's directory upward (also `.lifeline.yml`)
 *   rules: "*,-missing-timeout"     # which rules run: clang-tidy `Checks` syntax
 *   models: [models/acme.yaml]      # extra model files, relative to this file's directory
 *   header-filter: "^(src|include)/" # which headers findings are reported in
 *   severity:                       # per-rule severity: note | warning | error
 *     handle-leak: error
 *   inherit: true                   # apply the parent directory's config first
 *
 * rules          A string of comma-separated globs ('*' matches any run of characters), or a list of such strings.
 *                A glob enables the rules it matches; with a '-' prefix it disables them; later globs win over
 *                earlier ones; a rule no glob matches is disabled. Globs may carry clang-tidy's check prefix:
 *                "lifeline-handle-*" is "handle-*". Absent: "*" (every rule). A glob that matches no rule at all
 *                ("handel-*") is an error.
 * models         A list of model files (or one), relative to the config file's directory; each must exist.
 * header-filter  A POSIX extended regular expression. A finding in a file other than the translation unit's main
 *                file is reported only when the regex matches the file's path, taken relative to the directory of
 *                the config file that sets the filter when the file is below it, else absolute. Absent: every
 *                header is reported. `~` (null) explicitly sets "no filter" (to undo an inherited one).
 * severity       A mapping of rule id (optionally "lifeline-" prefixed) to note, warning or error.
 * inherit        true: the nearest config above this file's directory applies first — its rules globs come before
 *                this file's, models are the union, header-filter and each severity entry are overridden by this
 *                file where it sets them. false (default): the nearest config wins entirely.
 *
 * Every problem (YAML syntax, unknown key, wrong type, bad regex, unknown rule, glob matching nothing, bad severity,
 * missing model file) is one line: `PATH:LINE:COL: sentence`, at the offending node.
 *
 * A config_set caches parsed configs per directory, so asking for the config of every finding's file is cheap. It
 * holds no global state and guards its cache with a mutex: parallel workers may share one set. Configs it returns
 * live until config_set_free. It never re-reads a file: to see edits (LSP), make a new set. */
#ifndef LIFELINE_CONFIG_H
#define LIFELINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

typedef struct lifeline_config lifeline_config;
typedef struct config_set config_set;

/* explicit_path: `--config FILE` — this file alone (its `inherit` is ignored) applies to every path. NULL: look up
 * `.lifeline.yaml` / `.lifeline.yml` from each file's directory upward. */
config_set *config_set_new(const char *explicit_path);
void config_set_free(config_set *cs);

/* The config that applies to `path` (a file; relative paths are taken from the current directory). *out = NULL when
 * there is none. Returns 0, or -1 with the one-line error in err when the config (or one it inherits) is broken;
 * asking again gives the same error. */
int config_for_file(config_set *cs, const char *path, const lifeline_config **out, char *err, size_t errlen);

/* The queries take c == NULL as "no config": every rule enabled, every file reported, no severity override. */
bool config_rule_enabled(const lifeline_config *c, const char *rule_id);
/* Header filter: is a finding in `path` reported when analysing the TU whose main file is `tu_main_file`? */
bool config_reports_file(const lifeline_config *c, const char *path, const char *tu_main_file);
/* Does the config override rule_id's severity? Then *out is the level. */
bool config_severity(const lifeline_config *c, const char *rule_id, severity *out);
/* Extra model files (absolute paths, inherited ones first). */
size_t config_model_count(const lifeline_config *c);
const char *config_model_at(const lifeline_config *c, size_t i);
/* The config file itself (the nearest one when inheriting); NULL for c == NULL. */
const char *config_path(const lifeline_config *c);

/* ---- rule globs, shared with a `--rules` command-line option and NOLINT(...) lists ---- */

/* Does the glob pattern[0..len) match all of s? '*' matches any run of characters; everything else is literal. */
bool glob_match(const char *pattern, size_t len, const char *s);
/* Is rule_id enabled by a clang-tidy style glob list ("*,-missing-timeout", "-*,lifeline-handle-*"; separators are
 * ',' and newlines, whitespace around globs is ignored)? Globs match the rule id with or without "lifeline-". */
bool rule_glob_list_enabled(const char *globs, const char *rule_id);
/* Does every glob of the list match some rule? false with "rules glob 'handel-*' matches no rule" in err. */
bool rule_glob_list_check(const char *globs, char *err, size_t errlen);

#endif
