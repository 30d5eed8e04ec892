/* fuzz_source.c — libFuzzer target: arbitrary bytes as the text of a small C program, through the whole pipeline
 * that `lifeline check` and `lifeline lsp` run.
 *
 * The input is an editor's unsaved buffer for a main file that does not exist on disk (libclang's CXUnsavedFile, as
 * the LSP server passes it). analysis_run() parses it with libclang, lowers every function to IR (frontend_lower.c),
 * links the program, computes summaries and runs the engine with every checker, then fingerprints the findings.
 * After it: report_filter() (NOLINT scan), the text and SARIF emitters, the --explain-escapes text, the dump-cfg IR
 * dump, each TU's IR through the worker processes' wire format and back (ir_serial.c), and each summary's JSON
 * round trip, which the findings database relies on (a summary that does not read back
 * as itself is a crash here: the store would lose facts).
 *
 * Several files in one input: a line `//@@ NAME` (NAME: letters, digits, `_-.`, at most 32) starts the file NAME,
 * written beside the main file for this input only. NAME.c is one more translation unit (cross-TU summaries, the
 * same function defined twice...), anything else a file to #include. The main file is DIR/src/input.c, and
 * DIR/include is testcases/include (the stub library headers the samples include as "../include/curl/curl.h").
 *
 * Built only with -DLIFELINE_FUZZ=ON and CMAKE_C_COMPILER=clang-19 (libclang-rt-19-dev has the fuzzer runtime);
 * testcases/check-fuzz.sh builds it into build-fuzz/, makes a seed corpus of testcases/'s samples and runs it for a
 * bounded time. To fuzz longer:
 *
 *   testcases/check-fuzz.sh 3600 build-fuzz/corpus   # one hour; the corpus grows in build-fuzz/corpus/
 *   build-fuzz/fuzz_source CRASH-FILE                 # replay one input (a crash reproducer) once
 *   FUZZ_SOURCE_VERBOSE=1 build-fuzz/fuzz_source FILE  # ... and print lifeline's findings and notes for it
 *
 * The built-in models are loaded once (LLVMFuzzerInitialize). Inputs that name device or /proc files (an #include or
 * #embed of /dev/zero would only test the kernel's patience) are skipped. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "emit.h"
#include "ir.h"
#include "ir_serial.h"
#include "models.h"
#include "report.h"
#include "summary.h"

static models g_api;
static char g_dir[] = "/tmp/lifeline-fuzz-XXXXXX";
static char g_src[sizeof g_dir + 8];
static char g_file[sizeof g_dir + 16];
static FILE *g_null;
static bool g_verbose; /* FUZZ_SOURCE_VERBOSE=1: print what lifeline reports, to see what a reproducer does */

enum { MAX_FILES = 8, MAX_NAME = 32 };

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char err[1024];
    models_init(&g_api);
    if (models_load_builtin(&g_api, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_source: built-in models: %s\n", err);
        abort();
    }
    /* DIR/src holds the input's files, DIR/include the samples' stub headers; nothing else is reachable by a
     * relative #include but what the input names. */
    char include[sizeof g_dir + 16];
    if (!mkdtemp(g_dir)) {
        perror("fuzz_source: mkdtemp");
        abort();
    }
    snprintf(g_src, sizeof g_src, "%s/src", g_dir);
    snprintf(g_file, sizeof g_file, "%s/input.c", g_src);
    snprintf(include, sizeof include, "%s/include", g_dir);
    if (mkdir(g_src, 0700) != 0 || symlink(LIFELINE_SOURCE_DIR "/testcases/include", include) != 0) {
        perror("fuzz_source: setting up the fuzz directory");
        abort();
    }
    g_null = fopen("/dev/null", "w");
    if (!g_null) abort();
    g_verbose = getenv("FUZZ_SOURCE_VERBOSE") && strcmp(getenv("FUZZ_SOURCE_VERBOSE"), "1") == 0;
    return 0;
}

typedef struct extra_file {
    char path[sizeof g_src + MAX_NAME + 2];
    bool is_tu;
} extra_file;

/* The `//@@ NAME` sections after the main file's text: written to DIR/src, returned in files; returns the length of
 * the main file's text. Sections with a bad or repeated name, and those past MAX_FILES, are dropped. */
static size_t split_files(const uint8_t *data, size_t size, extra_file *files, size_t *nfiles) {
    *nfiles = 0;
    size_t main_len = size;
    bool in_main = true;
    const uint8_t *end = data + size, *body = data;
    const char *name = NULL; /* of the section starting at body; NULL: a bad name, or the main file */
    size_t name_len = 0;
    for (;;) {
        const uint8_t *m = NULL;
        for (const uint8_t *q = body; q + 5 <= end && !m; q++)
            if ((q == data || q[-1] == '\n') && memcmp(q, "//@@ ", 5) == 0) m = q;
        const uint8_t *stop = m ? m : end;
        if (in_main) {
            main_len = (size_t)(stop - data);
            in_main = false;
        } else if (name && *nfiles < MAX_FILES) {
            extra_file *f = &files[*nfiles];
            snprintf(f->path, sizeof f->path, "%s/%.*s", g_src, (int)name_len, name);
            bool dup = strcmp(f->path, g_file) == 0;
            for (size_t i = 0; i < *nfiles; i++)
                if (strcmp(files[i].path, f->path) == 0) dup = true;
            FILE *out = dup ? NULL : fopen(f->path, "wb");
            if (out) {
                fwrite(body, 1, (size_t)(stop - body), out);
                fclose(out);
                f->is_tu = name_len > 2 && memcmp(name + name_len - 2, ".c", 2) == 0;
                (*nfiles)++;
            }
        }
        if (!m) break;
        const uint8_t *n = m + 5, *eol = n;
        while (eol < end && *eol != '\n')
            eol++;
        name = (const char *)n;
        name_len = (size_t)(eol - n);
        bool ok = name_len > 0 && name_len <= MAX_NAME && n[0] != '.';
        for (size_t i = 0; ok && i < name_len; i++)
            ok = (n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') || (n[i] >= '0' && n[i] <= '9') ||
                 n[i] == '_' || n[i] == '-' || n[i] == '.';
        if (!ok) name = NULL;
        body = eol < end ? eol + 1 : end;
    }
    return main_len;
}

static bool mentions_special_files(const uint8_t *data, size_t size) {
    static const char *const needles[] = {"/dev/", "/proc/", "/sys/", "/dev\"", "/dev>"};
    for (size_t n = 0; n < sizeof needles / sizeof needles[0]; n++)
        if (memmem(data, size, needles[n], strlen(needles[n]))) return true;
    return false;
}

static void check_summary_round_trip(const program_fn *pf) {
    char *json = summary_to_json(pf->summary);
    if (!json) abort();
    arena a;
    arena_init(&a);
    fn_summary *back = summary_from_json(&a, pf->summary->usr, pf->summary->name, pf->summary->file, json);
    if (!back || !summary_equal(pf->summary, back)) {
        fprintf(stderr, "fuzz_source: the summary of %s does not read back from its JSON:\n%s\n", pf->fn->name, json);
        abort();
    }
    arena_free(&a);
    free(json);
}

/* The dump of a module's every function, in a heap string. */
static char *dump_module(const ir_module *m) {
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) abort();
    for (uint32_t i = 0; i < m->nfunctions; i++)
        ir_dump_function(out, m, m->functions[i]);
    fclose(out);
    return text;
}

/* `lifeline check` lowers each TU in a worker process and reads its IR back from bytes (ir_serial.c): whatever the
 * front end makes of an input must cross that wire unchanged, or the CLI would analyse something else than this. */
static void check_ir_round_trip(const ir_module *m) {
    wire_buf b = {0};
    ir_module_write(&b, m);
    wire_reader r = wire_reader_of(&b);
    ir_module *copy = ir_module_read(&r);
    if (!copy) {
        fprintf(stderr, "fuzz_source: a module does not read back from its own bytes\n");
        abort();
    }
    char *before = dump_module(m), *after = dump_module(copy);
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "fuzz_source: a module read back from its bytes dumps differently:\n%s\n---\n%s\n", before,
                after);
        abort();
    }
    free(before);
    free(after);
    ir_module_free(copy);
    wire_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (mentions_special_files(data, size)) return -1; /* not added to the corpus */

    extra_file files[MAX_FILES];
    size_t nfiles;
    size_t main_len = split_files(data, size, files, &nfiles);

    char *argv0 = "-std=gnu17";
    compile_job jobs_storage[1 + MAX_FILES];
    compile_jobs jobs = {.items = jobs_storage, .count = 0, .cap = 1 + MAX_FILES};
    jobs_storage[jobs.count++] = (compile_job){.file = g_file, .directory = g_src, .args = &argv0, .nargs = 1};
    for (size_t i = 0; i < nfiles; i++)
        if (files[i].is_tu)
            jobs_storage[jobs.count++] =
                (compile_job){.file = files[i].path, .directory = g_src, .args = &argv0, .nargs = 1};
    /* NULL data for an empty input: give libclang a valid pointer. */
    const char *text = main_len ? (const char *)data : "";
    analysis_input in = {.jobs = &jobs,
                         .api = &g_api,
                         .unsaved_path = g_file,
                         .unsaved_text = text,
                         .unsaved_len = main_len,
                         .workers = 1,
                         .function_seconds = 2.0};
    analysis an;
    analysis_run(&an, &in);

    report_options ro = {0};
    char err[1024];
    if (report_filter(&an, &ro, err, sizeof err) != 0) abort(); /* no config: cannot fail */

    emit_options eo = {.srcroot = g_dir, .relative_paths = true, .show_suppressed = true, .tool_version = "fuzz"};
    FILE *text_out = g_verbose ? stderr : g_null;
    emit_text_diags(text_out, &an.diags, &eo);
    for (size_t t = 0; t < an.ntus; t++) {
        emit_text_findings(text_out, &an.tus[t].findings, &eo);
        if (emit_sarif(g_null, &an.tus[t].findings, &an.diags, &eo, err, sizeof err) != 0) abort();
    }

    for (size_t t = 0; t < an.ntus; t++)
        if (an.tus[t].fe.module) check_ir_round_trip(an.tus[t].fe.module);
    for (uint32_t i = 0; i < an.prog.nfns; i++) {
        const program_fn *pf = &an.prog.fns[i];
        ir_dump_function(g_null, pf->module, pf->fn);
        if (!pf->summary) continue;
        const char **names = calloc(pf->fn->nparams + 1, sizeof *names);
        if (!names) abort();
        for (uint32_t k = 0; k < pf->fn->nparams; k++)
            names[k] = pf->fn->vars[k].name[0] ? pf->fn->vars[k].name : NULL;
        summary_explain(g_null, pf->summary, names);
        free(names);
        check_summary_round_trip(pf);
    }
    analysis_free(&an);
    for (size_t i = 0; i < nfiles; i++)
        unlink(files[i].path);
    return 0;
}
