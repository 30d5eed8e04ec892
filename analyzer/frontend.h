/* frontend.h — everything lifeline learns from libclang: the compile database, parsing, and lowering to IR.
 *
 * frontend_*.c are the only files that include clang-c/Index.h. Callers get plain data back: compile jobs, an
 * ir_module per translation unit, and tool diagnostics. */
#ifndef LIFELINE_FRONTEND_H
#define LIFELINE_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "ir.h"

/* One translation unit to analyse: what compile_commands.json says, with the compiler name, `-c`, `-o X` and the input
 * file already removed. */
typedef struct compile_job {
    char *file;      /* absolute path of the main file */
    char *directory; /* absolute working directory of the command */
    char **args;     /* compiler arguments */
    size_t nargs;
} compile_job;

typedef struct compile_jobs {
    compile_job *items;
    size_t count, cap;
} compile_jobs;

/* Frees what one job owns (the job itself lives in a list's array). */
void compile_job_free(compile_job *job);
void compile_jobs_free(compile_jobs *jobs);

/* Loads DIR/compile_commands.json (DIR may also name the file itself). On failure returns -1 with one sentence naming
 * the culprit in err: a missing file, text that is not JSON (with line and column), no entries. */
int compdb_load(const char *dir, compile_jobs *out, char *err, size_t errlen);

/* Jobs for explicit files with shared flags (`lifeline check a.c b.c -- -Iinclude`), relative to the current
 * directory. A missing file is an error (-1, err set). */
int compdb_from_files(const char *const *files, size_t nfiles, const char *const *flags, size_t nflags,
                      compile_jobs *out, char *err, size_t errlen);

/* True for C++ (and Objective-C) sources, which lifeline skips with a note. */
bool compile_job_is_cxx(const compile_job *job);
/* Why lifeline does not analyse this job, as a noun phrase ("a C++ or Objective-C translation unit", "an assembler
 * source"), or NULL for C. From -x LANG, else the file's extension. */
const char *compile_job_not_c(const compile_job *job);

typedef enum tu_status { TU_OK, TU_PARSE_ERRORS, TU_FAILED, TU_SKIPPED } tu_status;
const char *tu_status_name(tu_status s);

typedef struct tu_included_file {
    char *path;
} tu_included_file;

typedef struct frontend_result {
    tu_status status;
    ir_module *module;    /* NULL when the TU failed or was skipped */
    tool_diag_list diags; /* parse errors as notes, why a TU failed */
    char **included;      /* absolute paths of the main file and every file it included (heap) */
    size_t nincluded;
    double parse_seconds, lower_seconds;
} frontend_result;

typedef struct frontend_options {
    bool parse_only; /* parse and walk, build no IR (the benchmark floor) */
    /* Unsaved contents for the main file (LSP, fuzzing); NULL to read from disk. */
    const char *unsaved_contents;
    size_t unsaved_length;
    /* Called once libclang has parsed the TU, before the lowering starts; NULL for none. A parse worker process tells
     * its parent, which then knows which of the two a crash or a timeout interrupted (parse_worker.c). */
    void (*parsed)(void *ctx);
    void *parsed_ctx;
} frontend_options;

/* Once per process, before any thread starts (main does it): makes libclang parse on the calling thread, so that
 * deeply nested code is parsed on lifeline's big worker stacks rather than on libclang's own 8 MB thread. */
void frontend_init(void);

/* Parses one TU with its own CXIndex and lowers every function defined in it (main file and project headers, never
 * system headers). Thread-safe: TUs may be processed in parallel. Never aborts on bad input. */
void frontend_process(const compile_job *job, const frontend_options *opt, frontend_result *out);
void frontend_result_free(frontend_result *r);
/* A [lifeline-parse-error] note of lifeline's own (a function left out because clang could not parse its body),
 * not one of clang's errors. */
bool frontend_note_is_unparsed_function(const tool_diag *d);

/* libclang's version string, for --version. Heap string. */
char *frontend_clang_version(void);

#endif
