/* driver.h — `lifeline check`: compile jobs in, findings out, with the store and the emitters in between. */
#ifndef LIFELINE_DRIVER_H
#define LIFELINE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes, as documented in the README. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_TU_FAILED = 3 };

typedef enum output_format { FORMAT_TEXT, FORMAT_SARIF } output_format;

typedef struct check_options {
    const char *compdb_dir;   /* -p DIR; with files too, only the TUs of those files are analysed (pre-commit) */
    const char *const *files; /* explicit files, or with -p the changed files */
    size_t nfiles;
    const char *const *flags; /* after `--` */
    size_t nflags;
    const char *db_path; /* --db, or NULL for the default */
    output_format format;
    const char *output; /* -o FILE, or NULL for stdout */
    const char *category;
    bool explain_escapes;
    bool parse_only; /* benchmark floor: parse and walk, analyse nothing, store nothing */
    bool no_db;      /* --no-db: analyse without reading or writing a database */
    bool no_cache;   /* --no-cache: analyse every TU even when the database holds its unchanged results */
    const char *command_line;
    const char *const *model_files; /* --models FILE, repeatable: the user's own model files */
    size_t nmodel_files;
    const char *config_path; /* --config FILE: this config for every file instead of looking up .lifeline.yaml */
    const char *cli_rules;   /* --rules GLOBS, applied after the config's rules */
    const char *baseline;    /* --baseline RUN_ID|FILE.sarif: do not report findings whose fingerprint is in it */
    bool only_new;           /* --new: do not report findings already in the last full run */
    const char *srcroot;     /* --srcroot DIR: what %SRCROOT% and relative paths stand for (default: cwd) */
    unsigned shard_index;    /* --shard K/N: analyse only the TUs of shard K (1..N) of N (shard.h); N = 0: all */
    unsigned shard_count;
    bool summarize_only; /* `lifeline summarize`: analyse and store summaries and findings, report nothing */
    unsigned jobs;       /* -j N: worker threads; 0 = one per online core */
    /* --tu-timeout SECONDS: a TU whose parse and lowering take longer fails (its worker process is killed); 0 = no
     * limit. main() sets DRIVER_TU_TIMEOUT_DEFAULT when the option is not given. */
    double tu_timeout;
    bool in_process; /* --in-process: parse in this process (no worker processes: no crash isolation, no timeout) */
} check_options;

/* Generous: the largest real-world TUs (sqlite3.c, 9 MB preprocessed) parse and lower in a few seconds. */
#define DRIVER_TU_TIMEOUT_DEFAULT 300.0

/* Runs the whole check and returns the process exit code. Errors are printed to stderr as one line each. */
int driver_check(const check_options *opt);

/* `lifeline dump-cfg FILE [--function NAME] -- flags`: prints the IR of the file's functions. */
int driver_dump_cfg(const char *file, const char *function, const char *const *flags, size_t nflags);

#endif
