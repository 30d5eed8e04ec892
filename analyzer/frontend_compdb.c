/* frontend_compdb.c — compile jobs from compile_commands.json (through libclang's CompilationDatabase API) or from
 * explicit files and flags.
 *
 * libclang only says "cannot load" for a broken database, so on failure the file is read again with jansson to tell
 * the user what is wrong and where. */
#include <clang-c/CXCompilationDatabase.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend.h"
#include "xalloc.h"

void compile_job_free(compile_job *j) {
    free(j->file);
    free(j->directory);
    for (size_t k = 0; k < j->nargs; k++)
        free(j->args[k]);
    free(j->args);
    memset(j, 0, sizeof *j);
}

void compile_jobs_free(compile_jobs *jobs) {
    for (size_t i = 0; i < jobs->count; i++)
        compile_job_free(&jobs->items[i]);
    free(jobs->items);
    memset(jobs, 0, sizeof *jobs);
}

static compile_job *jobs_add(compile_jobs *jobs) {
    if (jobs->count == jobs->cap) {
        jobs->cap = jobs->cap ? jobs->cap * 2 : 32;
        jobs->items = xrealloc(jobs->items, jobs->cap * sizeof *jobs->items);
    }
    compile_job *j = &jobs->items[jobs->count++];
    memset(j, 0, sizeof *j);
    return j;
}

static void job_add_arg(compile_job *j, const char *arg) {
    j->args = xrealloc(j->args, (j->nargs + 1) * sizeof *j->args);
    j->args[j->nargs++] = xstrdup(arg);
}

/* dir + "/" + path unless path is absolute; then lexically normalised ("a/./b", "a/x/../b"). */
static char *join_path(const char *dir, const char *path) {
    size_t n = strlen(dir) + strlen(path) + 2;
    char *raw = malloc(n);
    if (!raw) abort();
    if (path[0] == '/' || !dir[0])
        snprintf(raw, n, "%s", path);
    else
        snprintf(raw, n, "%s/%s", dir, path);
    /* Normalise without touching the file system: the directory may no longer exist. */
    char *out = malloc(strlen(raw) + 2);
    if (!out) abort();
    size_t len = 0;
    const char *p = raw;
    bool absolute = raw[0] == '/';
    if (absolute) out[len++] = '/';
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t seglen = (size_t)(p - seg);
        if (seglen == 0 || (seglen == 1 && seg[0] == '.')) continue;
        if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
            size_t base = absolute ? 1 : 0;
            if (len > base) {
                while (len > base && out[len - 1] != '/')
                    len--;
                if (len > base) len--; /* the slash */
                continue;
            }
            if (absolute) continue;
        }
        if (len > 0 && out[len - 1] != '/') out[len++] = '/';
        memcpy(out + len, seg, seglen);
        len += seglen;
    }
    if (len == 0) out[len++] = '.';
    out[len] = '\0';
    free(raw);
    return out;
}

/* Same file? Compares normalised absolute paths, then inode when both exist. */
static bool same_file(const char *a, const char *b) {
    if (strcmp(a, b) == 0) return true;
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Arguments a compile command carries that make no sense for parsing alone. */
static bool drop_arg_with_value(const char *a) {
    return strcmp(a, "-o") == 0 || strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 || strcmp(a, "-MQ") == 0;
}

static bool drop_arg(const char *a) {
    return strcmp(a, "-c") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-E") == 0 || strcmp(a, "-M") == 0 ||
           strcmp(a, "-MM") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 || strcmp(a, "-MP") == 0 ||
           strncmp(a, "-o", 2) == 0 || strncmp(a, "-Werror", 7) == 0 || strcmp(a, "-pipe") == 0 ||
           strncmp(a, "-fdiagnostics-color", 19) == 0 || strcmp(a, "--") == 0;
}

/* Explain why compile_commands.json could not be loaded, as precisely as the file allows. */
static void explain_bad_database(const char *path, char *err, size_t errlen) {
    if (access(path, F_OK) != 0) {
        snprintf(err, errlen, "%s: no such file (build the project with CMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)",
                 path);
        return;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s: not readable", path);
        return;
    }
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        snprintf(err, errlen, "%s:%d:%d: not valid JSON: %s", path, jerr.line, jerr.column, jerr.text);
        return;
    }
    if (!json_is_array(root)) {
        snprintf(err, errlen, "%s: expected a JSON array of compile commands", path);
    } else if (json_array_size(root) == 0) {
        snprintf(err, errlen, "%s: has no entries", path);
    } else {
        size_t i;
        json_t *entry;
        bool reported = false;
        json_array_foreach(root, i, entry) {
            if (!json_is_object(entry) || !json_is_string(json_object_get(entry, "file")) ||
                !json_is_string(json_object_get(entry, "directory")) ||
                (!json_is_string(json_object_get(entry, "command")) &&
                 !json_is_array(json_object_get(entry, "arguments")))) {
                snprintf(err, errlen, "%s: entry %zu lacks \"directory\", \"file\" and \"command\" or \"arguments\"",
                         path, i + 1);
                reported = true;
                break;
            }
        }
        if (!reported) snprintf(err, errlen, "%s: libclang could not load this compilation database", path);
    }
    json_decref(root);
}

int compdb_load(const char *dir_or_file, compile_jobs *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    char dir[PATH_MAX];
    struct stat st;
    if (stat(dir_or_file, &st) != 0) {
        snprintf(err, errlen, "%s: no such directory", dir_or_file);
        return -1;
    }
    snprintf(dir, sizeof dir, "%s", dir_or_file);
    if (!S_ISDIR(st.st_mode)) { /* -p build/compile_commands.json */
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
    }
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/compile_commands.json", dir);

    /* libclang prints nothing and accepts some malformed files partially; check the JSON first so the user gets a
     * line and column instead of a silent empty run. */
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root || !json_is_array(root) || json_array_size(root) == 0) {
        json_decref(root);
        explain_bad_database(path, err, errlen);
        return -1;
    }
    json_decref(root);

    CXCompilationDatabase_Error dberr = CXCompilationDatabase_NoError;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &dberr);
    if (dberr != CXCompilationDatabase_NoError || !db) {
        explain_bad_database(path, err, errlen);
        return -1;
    }
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
    for (unsigned i = 0; i < n; i++) {
        CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
        CXString cdir = clang_CompileCommand_getDirectory(cmd);
        CXString cfile = clang_CompileCommand_getFilename(cmd);
        compile_job *job = jobs_add(out);
        char *absdir = join_path(dir, clang_getCString(cdir));
        /* A relative "directory" is relative to the database's own directory. */
        if (absdir[0] != '/') {
            char cwd[PATH_MAX];
            if (getcwd(cwd, sizeof cwd)) {
                char *tmp = join_path(cwd, absdir);
                free(absdir);
                absdir = tmp;
            }
        }
        job->directory = absdir;
        job->file = join_path(job->directory, clang_getCString(cfile));
        unsigned nargs = clang_CompileCommand_getNumArgs(cmd);
        for (unsigned k = 1; k < nargs; k++) { /* argv[0] is the compiler */
            CXString a = clang_CompileCommand_getArg(cmd, k);
            const char *arg = clang_getCString(a);
            if (drop_arg_with_value(arg)) {
                k++;
            } else if (!drop_arg(arg)) {
                /* The input file itself: as written, or as an absolute path. */
                char *abs = join_path(job->directory, arg);
                bool is_input =
                    arg[0] != '-' && (strcmp(arg, clang_getCString(cfile)) == 0 || same_file(abs, job->file));
                free(abs);
                if (!is_input) job_add_arg(job, arg);
            }
            clang_disposeString(a);
        }
        clang_disposeString(cdir);
        clang_disposeString(cfile);
    }
    if (cmds) clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    if (out->count == 0) {
        snprintf(err, errlen, "%s: has no entries", path);
        return -1;
    }
    return 0;
}

int compdb_from_files(const char *const *files, size_t nfiles, const char *const *flags, size_t nflags,
                      compile_jobs *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) {
        snprintf(err, errlen, "cannot determine the current directory");
        return -1;
    }
    for (size_t i = 0; i < nfiles; i++) {
        struct stat st;
        if (stat(files[i], &st) != 0 || !S_ISREG(st.st_mode)) {
            snprintf(err, errlen, "%s: no such file", files[i]);
            compile_jobs_free(out);
            return -1;
        }
        compile_job *job = jobs_add(out);
        job->directory = xstrdup(cwd);
        job->file = join_path(cwd, files[i]);
        for (size_t k = 0; k < nflags; k++)
            job_add_arg(job, flags[k]);
    }
    return 0;
}

static const char NOT_C_CXX[] = "a C++ or Objective-C translation unit", NOT_C_ASM[] = "an assembler source";

const char *compile_job_not_c(const compile_job *job) {
    for (size_t i = 0; i < job->nargs; i++) {
        const char *a = job->args[i];
        const char *lang = NULL;
        if (strcmp(a, "-x") == 0 && i + 1 < job->nargs)
            lang = job->args[i + 1];
        else if (strncmp(a, "-x", 2) == 0 && a[2])
            lang = a + 2;
        if (!lang) continue;
        if (strncmp(lang, "c++", 3) == 0 || strncmp(lang, "objective", 9) == 0) return NOT_C_CXX;
        if (strncmp(lang, "assembler", 9) == 0) return NOT_C_ASM; /* also assembler-with-cpp */
        return NULL;
    }
    const char *slash = strrchr(job->file, '/');
    const char *dot = strrchr(slash ? slash : job->file, '.');
    if (!dot) return NULL;
    static const char *const cxx_ext[] = {".cc", ".cpp", ".cxx", ".c++", ".C", ".mm", ".m", ".cppm", ".ixx"};
    for (size_t i = 0; i < sizeof cxx_ext / sizeof cxx_ext[0]; i++)
        if (strcmp(dot, cxx_ext[i]) == 0) return NOT_C_CXX;
    /* Build systems list assembler sources beside C (curl, collectd, cpuminer...): .s is plain, .S and .sx go
     * through the preprocessor first. */
    static const char *const asm_ext[] = {".s", ".S", ".sx", ".asm"};
    for (size_t i = 0; i < sizeof asm_ext / sizeof asm_ext[0]; i++)
        if (strcmp(dot, asm_ext[i]) == 0) return NOT_C_ASM;
    return NULL;
}

bool compile_job_is_cxx(const compile_job *job) {
    return compile_job_not_c(job) == NOT_C_CXX;
}

const char *tu_status_name(tu_status s) {
    switch (s) {
    case TU_OK:
        return "ok";
    case TU_PARSE_ERRORS:
        return "parse-errors";
    case TU_FAILED:
        return "failed";
    case TU_SKIPPED:
        return "skipped";
    }
    return "failed";
}
