/* db_command.h — `lifeline db ...` (queries over the findings database) and `lifeline baseline save`.
 *
 *   lifeline db runs [--format text|json]
 *   lifeline db findings [--run N] [--rule GLOB]... [--file PATH]... [--new] [--format text|json|sarif] [-o FILE]
 *   lifeline db diff A B [--format text|json] [-o FILE]
 *   lifeline db export [--format sarif|json] [--run N] [--category ID] [-o FILE]
 *   lifeline db merge A.db B.db... -o OUT.db   (db_merge.h; takes no --db or -p)
 *   lifeline baseline save [-o FILE] [--run N]
 *
 * Every subcommand finds the database with --db PATH, or -p BUILD_DIR (BUILD_DIR/.lifeline/lifeline.db, the rule
 * `lifeline check -p` follows), or ./.lifeline/lifeline.db; a database that does not exist is an error, never
 * created. The run defaults to the latest finished run (the latest finished full run for `baseline save`).
 *
 * JSON shapes (stable; "version" changes only when a field changes meaning or goes away):
 *   run     {"id", "started_at", "finished_at" (null if it did not finish), "tool_version", "command_line",
 *            "root_dir", "scope" ("full"|"partial"), "exit_code", "findings", "failed_tus" (null if not finished)}
 *   finding {"rule", "severity" ("note"|"warning"|"error"), "message", "file" (absolute), "line", "column",
 *            "end_line", "end_column", "function", "fingerprint", "suppressed", "suppression_note",
 *            "steps": [{"file", "line", "column", "message"}]}
 *   db findings / db export: {"format": "lifeline-findings", "version": 1, "run": run, "findings": [finding]}
 *   db diff:   {"format": "lifeline-diff", "version": 1, "from": run, "to": run,
 *               "counts": {"new", "fixed", "unchanged"}, "new": [finding], "fixed": [finding]}
 *   db runs:   {"format": "lifeline-runs", "version": 1, "runs": [run]} */
#ifndef LIFELINE_DB_COMMAND_H
#define LIFELINE_DB_COMMAND_H

/* argv[0] is "db" (resp. "baseline"), the subcommand follows. Returns a process exit code (driver.h): 0, or
 * EXIT_USAGE after one `lifeline: error: ...` line on stderr. Queries exit 0 whatever they find. */
int db_command(int argc, char **argv);
int baseline_command(int argc, char **argv);

/* The default database path for a compile database directory (or compile_commands.json file) given with -p:
 * DIR/.lifeline/lifeline.db; with NULL, the current directory's .lifeline/lifeline.db. malloc'd. */
char *db_default_path(const char *compdb_dir);

#endif
