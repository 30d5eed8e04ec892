/* main.c — the lifeline command line: parses arguments and dispatches to the driver. Nothing else lives here. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_command.h"
#include "driver.h"
#include "frontend.h"
#include "lsp.h"
#include "parse_pool.h"
#include "rules.h"
#include "shard.h"

static const char usage[] =
    "usage: lifeline check [-p BUILD_DIR] [FILE...] [options] [-- COMPILER_FLAGS...]\n"
    "       lifeline summarize -p BUILD_DIR [--shard K/N] [--db OUT] [options]   (store summaries, report nothing)\n"
    "       lifeline rules [RULE_ID]\n"
    "       lifeline db runs|findings|diff|export|merge ... (lifeline db --help)\n"
    "       lifeline baseline save [-o FILE] [--run N]\n"
    "       lifeline dump-cfg FILE [--function NAME] [-- COMPILER_FLAGS...]\n"
    "       lifeline lsp [--models FILE]...   (Language Server on stdio, beside clangd; see lsp --help)\n"
    "       lifeline --version | --help\n"
    "\n"
    "check options:\n"
    "  -p DIR               analyse every TU of DIR/compile_commands.json; with FILEs, only the TUs of those\n"
    "                       files (a header: the TUs that included it in stored runs) - the pre-commit mode\n"
    "  --new                report only findings not in the last full run stored in the database\n"
    "  --baseline RUN|FILE  report only findings not in this run of the database or this SARIF log\n"
    "  --config FILE        use this config instead of looking up .lifeline.yaml from each file upward\n"
    "  --rules GLOBS        which rules to report, clang-tidy style (\"*,-missing-timeout\"), after the config's\n"
    "  --srcroot DIR        what %SRCROOT% (SARIF) and relative paths are relative to (default: current directory)\n"
    "  --format text|sarif  output format (default: text)\n"
    "  -o FILE              write the report to FILE instead of standard output\n"
    "  --category ID        SARIF run.automationDetails.id (GitHub code scanning category)\n"
    "  --db PATH            findings database (default: .lifeline/lifeline.db beside compile_commands.json,\n"
    "                       or in the current directory)\n"
    "  --models FILE        also read this model file (repeatable; see README \"Models\")\n"
    "  --no-db              neither read nor write a database\n"
    "  --no-cache           analyse every TU, even those unchanged since they were stored (the run is still stored)\n"
    "  --explain-escapes    print what each function does with its pointer parameters\n"
    "  --parse-only         parse and walk every TU, analyse nothing (the benchmark floor)\n"
    "  -j, --jobs N         worker threads (default: one per online core); the output does not depend on N\n"
    "  --shard K/N          analyse only shard K of N: the TUs whose path relative to compile_commands.json\n"
    "                       hashes to K (CI matrices; see README \"Sharding\")\n"
    "  --tu-timeout SECONDS a TU whose parse and lowering take longer is reported failed and the run goes on\n"
    "                       (default: 300; 0: no limit)\n"
    "  --in-process         parse in the lifeline process itself, not in worker processes: no crash isolation,\n"
    "                       no --tu-timeout (for debuggers and profilers)\n"
    "\n"
    "summarize takes the check options that do not shape a report (-p, FILEs, --shard, --db, --models, --config,\n"
    "--rules, --srcroot, -j, --tu-timeout, --in-process): it analyses and stores summaries and findings in the\n"
    "database, prints no findings, and exits 0 (2 usage error, 3 some TU could not be analysed)\n"
    "\n"
    "exit codes: 0 no findings, 1 findings, 2 usage or configuration error, 3 some TU could not be analysed\n";

static int usage_error(const char *fmt, const char *arg) {
    fputs("lifeline: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see lifeline --help)\n", stderr);
    return EXIT_USAGE;
}

static char *join_command_line(int argc, char **argv) {
    size_t n = 1;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = malloc(n);
    if (!s) abort();
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i) strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

/* `lifeline check`, and with summarize `lifeline summarize` (the same options, no report). */
static int cmd_check(int argc, char **argv, char *command_line, bool summarize) {
    check_options opt = {.format = FORMAT_TEXT,
                         .command_line = command_line,
                         .summarize_only = summarize,
                         .tu_timeout = DRIVER_TU_TIMEOUT_DEFAULT};
    bool tu_timeout_given = false;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    const char **model_files = calloc((size_t)argc + 1, sizeof *model_files);
    if (!files || !model_files) abort();
    size_t nfiles = 0, nmodels = 0;
    int i;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        bool has_value = i + 1 < argc;
        if (strcmp(a, "-p") == 0 || strcmp(a, "--build-dir") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a directory", a);
            opt.compdb_dir = argv[++i];
        } else if (strncmp(a, "-p", 2) == 0 && a[2]) {
            opt.compdb_dir = a + 2;
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (has_value ? argv[++i] : NULL);
            if (!v) return free(files), free(model_files), usage_error("%s needs a value", "--format");
            if (strcmp(v, "text") == 0)
                opt.format = FORMAT_TEXT;
            else if (strcmp(v, "sarif") == 0)
                opt.format = FORMAT_SARIF;
            else
                return free(files), free(model_files), usage_error("unknown --format '%s' (expected text or sarif)", v);
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a file", a);
            opt.output = argv[++i];
        } else if (strcmp(a, "--category") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a value", a);
            opt.category = argv[++i];
        } else if (strcmp(a, "--db") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a path", a);
            opt.db_path = argv[++i];
        } else if (strcmp(a, "--models") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a file", a);
            model_files[nmodels++] = argv[++i];
        } else if (strcmp(a, "--config") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a file", a);
            opt.config_path = argv[++i];
        } else if (strcmp(a, "--rules") == 0 || strcmp(a, "--checks") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a glob list", a);
            opt.cli_rules = argv[++i];
        } else if (strcmp(a, "--baseline") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a run id or a SARIF file", a);
            opt.baseline = argv[++i];
        } else if (strcmp(a, "--new") == 0) {
            opt.only_new = true;
        } else if (strcmp(a, "--srcroot") == 0) {
            if (!has_value) return free(files), free(model_files), usage_error("%s needs a directory", a);
            opt.srcroot = argv[++i];
        } else if (strcmp(a, "--no-db") == 0) {
            opt.no_db = true;
        } else if (strcmp(a, "--no-cache") == 0) {
            opt.no_cache = true;
        } else if (strcmp(a, "--explain-escapes") == 0) {
            opt.explain_escapes = true;
        } else if (strcmp(a, "--parse-only") == 0) {
            opt.parse_only = true;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 || (strncmp(a, "-j", 2) == 0 && a[2]) ||
                   strncmp(a, "--jobs=", 7) == 0) {
            const char *v = a[1] == 'j' && a[2] ? a + 2 : a[1] == '-' && a[6] == '=' ? a + 7 : NULL;
            if (!v && has_value) v = argv[++i];
            char *end = NULL;
            unsigned long n = v ? strtoul(v, &end, 10) : 0;
            if (!v || !*v || *end || n > 256)
                return free(files), free(model_files), usage_error("%s needs a number of threads (1-256)", "-j");
            opt.jobs = (unsigned)n;
        } else if (strcmp(a, "--tu-timeout") == 0 || strncmp(a, "--tu-timeout=", 13) == 0) {
            const char *v = a[12] == '=' ? a + 13 : (has_value ? argv[++i] : NULL);
            char *end = NULL;
            double t = v ? strtod(v, &end) : -1;
            if (!v || !*v || *end || !(t >= 0 && t <= 1e6))
                return free(files), free(model_files),
                       usage_error("%s needs a number of seconds (0: no limit)", "--tu-timeout");
            opt.tu_timeout = t;
            tu_timeout_given = true;
        } else if (strcmp(a, "--in-process") == 0) {
            opt.in_process = true;
        } else if (strcmp(a, "--shard") == 0 || strncmp(a, "--shard=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : (has_value ? argv[++i] : NULL);
            if (!v) return free(files), free(model_files), usage_error("%s needs K/N, e.g. --shard 2/4", "--shard");
            shard_spec spec;
            char err[256];
            if (shard_parse(v, &spec, err, sizeof err) != 0)
                return free(files), free(model_files), usage_error("%s", err);
            opt.shard_index = spec.index;
            opt.shard_count = spec.count;
        } else if (a[0] == '-' && a[1]) {
            return free(files), free(model_files), usage_error("unknown option '%s'", a);
        } else {
            files[nfiles++] = a;
        }
    }
    opt.files = files;
    opt.nfiles = nfiles;
    opt.model_files = model_files;
    opt.nmodel_files = nmodels;
    opt.flags = (const char *const *)argv + i;
    opt.nflags = i < argc ? (size_t)(argc - i) : 0;
    if (opt.in_process && tu_timeout_given && opt.tu_timeout > 0) {
        free(files);
        free(model_files);
        return usage_error("%s", "--tu-timeout needs worker processes: it cannot be combined with --in-process");
    }
    if (!opt.compdb_dir && nfiles == 0) {
        free(files);
        free(model_files);
        return usage_error("%s", "nothing to check: give -p BUILD_DIR or source files");
    }
    const char *not_for_summarize = opt.no_db        ? "--no-db"
                                    : opt.parse_only ? "--parse-only"
                                    : opt.format != FORMAT_TEXT || opt.output || opt.category
                                        ? "--format, -o or --category"
                                    : opt.baseline || opt.only_new ? "--baseline or --new"
                                    : opt.explain_escapes          ? "--explain-escapes"
                                                                   : NULL;
    if (summarize && not_for_summarize) {
        free(files);
        free(model_files);
        return usage_error("lifeline summarize does not take %s: it stores summaries and findings in the database and "
                           "prints no report",
                           not_for_summarize);
    }
    int rc = driver_check(&opt);
    free(files);
    free(model_files);
    return rc;
}

static int cmd_rules(int argc, char **argv) {
    const char *only = argc > 2 ? argv[2] : NULL;
    if (only && !rule_find(only)) return usage_error("unknown rule '%s' (run lifeline rules)", only);
    for (size_t i = 0; i < rules_count(); i++) {
        const rule_info *r = rule_at(i);
        if (only && strcmp(only, r->id) != 0) continue;
        char uri[1024];
        const char *help = rule_help_uri(r->id, uri, sizeof uri);
        printf("%s (%s)\n  %s.\n  %s\n", r->id, severity_name(r->level), r->short_desc, r->full_desc);
        if (help) printf("  docs: %s\n", help);
        if (only) {
            const char *md = rule_doc_markdown(r->id);
            if (md) printf("\n%s\n", md);
        }
        if (!only && i + 1 < rules_count()) putchar('\n');
    }
    return 0;
}

static int cmd_dump_cfg(int argc, char **argv) {
    const char *file = NULL, *function = NULL;
    int i;
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "--function") == 0 && i + 1 < argc)
            function = argv[++i];
        else if (argv[i][0] == '-')
            return usage_error("unknown option '%s'", argv[i]);
        else if (!file)
            file = argv[i];
        else
            return usage_error("dump-cfg takes one file, got '%s' too", argv[i]);
    }
    if (!file) return usage_error("%s", "dump-cfg needs a file");
    return driver_dump_cfg(file, function, (const char *const *)argv + i, i < argc ? (size_t)(argc - i) : 0);
}

int main(int argc, char **argv) {
    /* Each function's analysis fills an arena (up to the engine's 128 MB budget) and frees it. With glibc's default
     * trim threshold that memory goes back to the kernel after every function and comes back as fresh zeroed pages
     * on the next one: a quarter of a cold run's CPU was page faults. Keeping it costs nothing the peak does not
     * already cost. */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    frontend_init(); /* before any thread exists: it sets an environment variable */
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        char *clang = frontend_clang_version();
        printf("lifeline %s (%s)\n", LIFELINE_VERSION, clang);
        free(clang);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "check") == 0) {
        char *command_line = join_command_line(argc, argv);
        int rc = cmd_check(argc, argv, command_line, false);
        free(command_line);
        return rc;
    }
    if (strcmp(cmd, "summarize") == 0) {
        char *command_line = join_command_line(argc, argv);
        int rc = cmd_check(argc, argv, command_line, true);
        free(command_line);
        return rc;
    }
    if (strcmp(cmd, "rules") == 0) return cmd_rules(argc, argv);
    if (strcmp(cmd, "db") == 0) return db_command(argc - 1, argv + 1);
    if (strcmp(cmd, "baseline") == 0) return baseline_command(argc - 1, argv + 1);
    if (strcmp(cmd, "dump-cfg") == 0) return cmd_dump_cfg(argc, argv);
    if (strcmp(cmd, "lsp") == 0) return lsp_main(argc, argv);
    if (strcmp(cmd, PARSE_WORKER_COMMAND) == 0) return parse_worker_command(argc > 2 ? argv[2] : NULL);
    return usage_error("unknown command '%s'", cmd);
}
