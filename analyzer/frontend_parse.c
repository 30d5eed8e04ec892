/* frontend_parse.c — one translation unit through libclang: parse, collect diagnostics and included files, pick the
 * functions to analyse (main file and project headers, never system headers) and hand each to the lowering. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontend_internal.h"

#ifndef LIFELINE_CLANG_RESOURCE_DIR
#define LIFELINE_CLANG_RESOURCE_DIR ""
#endif

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *fe_file_path(tu_lowering *tl, CXFile file) {
    if (!file) return NULL;
    if (tl->last_file && clang_File_isEqual(tl->last_file, file)) return tl->last_path;
    CXString real = clang_File_tryGetRealPathName(file);
    const char *p = clang_getCString(real);
    const char *path;
    if (p && p[0]) {
        path = ir_intern_file(tl->module, p);
    } else {
        CXString name = clang_getFileName(file);
        const char *n = clang_getCString(name);
        if (n && n[0] != '/' && tl->directory) {
            char buf[PATH_MAX * 2];
            snprintf(buf, sizeof buf, "%s/%s", tl->directory, n);
            path = ir_intern_file(tl->module, buf);
        } else {
            path = ir_intern_file(tl->module, n ? n : "");
        }
        clang_disposeString(name);
    }
    clang_disposeString(real);
    tl->last_file = file;
    tl->last_path = path;
    return path;
}

ir_loc fe_loc(tu_lowering *tl, CXCursor c) {
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile file = NULL;
    ir_loc loc = {0};
    clang_getExpansionLocation(clang_getRangeStart(r), &file, &loc.line, &loc.col, NULL);
    clang_getExpansionLocation(clang_getRangeEnd(r), NULL, &loc.end_line, &loc.end_col, NULL);
    loc.file = fe_file_path(tl, file);
    if (loc.end_line < loc.line) {
        loc.end_line = loc.line;
        loc.end_col = loc.col;
    }
    return loc;
}

static char *usr_of(CXCursor c) {
    CXString s = clang_getCursorUSR(c);
    char *r = strdup(clang_getCString(s));
    clang_disposeString(s);
    if (!r) abort();
    return r;
}

uint32_t fe_global_for(tu_lowering *tl, CXCursor decl) {
    ir_module *m = tl->module;
    char *usr = usr_of(decl);
    void *found = strmap_get(&tl->globals_by_usr, usr);
    if (found) {
        free(usr);
        return (uint32_t)((uintptr_t)found - 1);
    }
    CXString name = clang_getCursorSpelling(decl);
    uint32_t g = ir_add_global(m, clang_getCString(name), usr);
    clang_disposeString(name);
    free(usr);
    ir_global *gl = &m->globals[g];
    strmap_put(&tl->globals_by_usr, gl->usr, (void *)(uintptr_t)(g + 1));
    CXType t = clang_getCursorType(decl);
    CXString ts = clang_getTypeSpelling(t);
    gl->type = arena_strdup(&m->arena, clang_getCString(ts));
    clang_disposeString(ts);
    CXType ct = clang_getCanonicalType(t);
    gl->is_pointer = ct.kind == CXType_Pointer;
    gl->is_array = ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray;
    gl->is_record = ct.kind == CXType_Record;
    gl->is_const = clang_isConstQualifiedType(t) != 0;
    gl->is_static = clang_Cursor_getStorageClass(decl) == CX_SC_Static;
    CXCursor parent = clang_getCursorSemanticParent(decl);
    enum CXCursorKind pk = clang_getCursorKind(parent);
    gl->is_function_scope_static = pk == CXCursor_FunctionDecl;
    gl->loc = fe_loc(tl, decl);
    /* The initialiser lives on the definition, which may be another declaration than the one referenced. */
    CXCursor def = clang_getCursorDefinition(decl);
    if (clang_Cursor_isNull(def)) def = decl;
    CXCursor init = clang_Cursor_getVarDeclInitializer(def);
    if (!clang_Cursor_isNull(init)) {
        CXEvalResult r = clang_Cursor_Evaluate(init);
        if (r) {
            if (clang_EvalResult_getKind(r) == CXEval_Int) {
                gl->has_int_init = true;
                gl->init = (int64_t)clang_EvalResult_getAsLongLong(r);
            }
            clang_EvalResult_dispose(r);
        }
    } else if (clang_Cursor_getStorageClass(def) != CX_SC_Extern) {
        /* An object with static storage and no initialiser (`static int x;`, a tentative `int x;`) starts as zero.
         * If another TU initialises it, program_link sees two initialisers and drops the constant. */
        gl->has_int_init = clang_getCanonicalType(t).kind != CXType_Record && !gl->is_array;
        gl->init = 0;
    }
    return g;
}

void frontend_init(void) {
    /* clang_parseTranslationUnit2 runs the parse on a thread of its own with clang's usual 8 MB stack unless
     * LIBCLANG_NOTHREADS is set. Clang's parser and Sema recurse once or twice per nesting level of an expression
     * or statement: 2,000 nested unary operators (`- - - x`), 10,000 nested `if`s or parentheses (with
     * -fbracket-depth raised) overflow 8 MB, and a stack overflow kills the whole process — libclang's crash
     * recovery cannot run its handler on an exhausted stack. With the variable set, libclang parses on the calling
     * thread: a lifeline worker, whose 512 MB stack takes some 90,000 levels. A value the user set is kept. */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
}

/* The note saying a function was left out because clang could not parse its body (see visit_top). */
#define UNPARSED_FUNCTION_NOTE "was not analysed: clang could not parse all of it"

/* An error after which clang's recovery may have dropped code: where it is, and what clang said. */
typedef struct hard_error {
    CXFile file;
    unsigned offset, line;
    char *text;
    bool echo; /* follows a missing header: counted in that header's note, not listed */
} hard_error;

typedef struct hard_errors {
    hard_error *items;
    size_t n, cap;
} hard_errors;

/* Errors with a warning option (-Wimplicit-function-declaration, -Wimplicit-int, -Wint-conversion: warnings that
 * C99 and later make errors by default) leave a complete AST: the call to the undeclared function is still there.
 * So do the lexer's and preprocessor's own errors (a byte that is not UTF-8 next to an identifier is skipped,
 * `#error` stops nothing); when they break the code, the parser's or Sema's errors that follow say so. The others
 * (an undeclared identifier, an unknown type, a nested function definition, a missing `;`) make clang drop the
 * statement or expression it could not parse. */
static bool is_hard_error(CXDiagnostic d) {
    CXString opt = clang_getDiagnosticOption(d, NULL);
    const char *o = clang_getCString(opt);
    bool hard = !o || !o[0];
    clang_disposeString(opt);
    if (hard) {
        CXString cat = clang_getDiagnosticCategoryText(d);
        const char *c = clang_getCString(cat);
        hard = !c || strcmp(c, "Lexical or Preprocessor Issue") != 0;
        clang_disposeString(cat);
    }
    return hard;
}

static void hard_error_add(hard_errors *he, CXFile file, unsigned offset, unsigned line, const char *text, bool echo) {
    if (he->n == he->cap) {
        size_t cap = he->cap ? he->cap * 2 : 8;
        hard_error *grown = realloc(he->items, cap * sizeof *grown);
        if (!grown) abort();
        he->items = grown;
        he->cap = cap;
    }
    char *t = strdup(text ? text : "");
    if (!t) abort();
    he->items[he->n++] = (hard_error){.file = file, .offset = offset, .line = line, .text = t, .echo = echo};
}

static void hard_errors_free(hard_errors *he) {
    for (size_t i = 0; i < he->n; i++)
        free(he->items[i].text);
    free(he->items);
}

/* The first error that lies inside fn's body, or NULL. */
static const hard_error *error_inside(const hard_errors *he, CXCursor fn) {
    if (!he->n) return NULL;
    CXSourceRange r = clang_getCursorExtent(fn);
    CXFile f1, f2;
    unsigned start, end;
    clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &start);
    clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &end);
    if (!f1 || !f2 || !clang_File_isEqual(f1, f2)) return NULL;
    for (size_t i = 0; i < he->n; i++)
        if (he->items[i].file && clang_File_isEqual(he->items[i].file, f1) && he->items[i].offset >= start &&
            he->items[i].offset <= end)
            return &he->items[i];
    return NULL;
}

/* Functions left out because of errors that follow a missing header: said in that header's note. */
enum { ECHOED_NAMES = 5 };
typedef struct echoed_functions {
    unsigned count;
    char names[ECHOED_NAMES * 64];
} echoed_functions;

/* A TU lists at most this many parse errors and as many functions left out because of them, as clang's driver stops
 * at -ferror-limit=20: a header that includes itself behind a broken guard makes clang report every error of 200
 * nested inclusions (tens of thousands of notes for a few small files), and past the first ones they say nothing
 * new. The rest are counted in one note. */
enum { PARSE_NOTES_LISTED = 20 };

typedef struct walk_ctx {
    tu_lowering *tl;
    CXFile main_file;
    unsigned functions;
    const hard_errors *errors;
    tool_diag_list *diags;
    echoed_functions echoed;
    unsigned function_notes, functions_unlisted;
} walk_ctx;

/* Globals named in a file-scope initialiser (`int *p = &flag;`, `char *q = buf;`) can be written through the
 * pointer: they are not constants. */
static enum CXChildVisitResult visit_initialiser(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    tu_lowering *tl = data;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(c);
        if (clang_getCursorKind(ref) == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(ref) == 1) {
            uint32_t g = fe_global_for(tl, ref); /* may grow the globals array: index it afterwards */
            tl->module->globals[g].written = true;
        }
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    walk_ctx *w = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl) return CXChildVisit_Recurse;
    if (k == CXCursor_VarDecl) {
        CXCursor init = clang_Cursor_getVarDeclInitializer(c);
        if (!clang_Cursor_isNull(init) && !clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
            clang_visitChildren(c, visit_initialiser, w->tl);
        return CXChildVisit_Continue;
    }
    if (k != CXCursor_FunctionDecl) return CXChildVisit_Continue;
    CXSourceLocation loc = clang_getCursorLocation(c);
    if (clang_Location_isInSystemHeader(loc)) return CXChildVisit_Continue;
    CXString name = clang_getCursorSpelling(c);
    CXString usr = clang_getCursorUSR(c);
    strmap_put(&w->tl->fn_usr_by_name, arena_strdup(&w->tl->module->arena, clang_getCString(name)),
               arena_strdup(&w->tl->module->arena, clang_getCString(usr)));
    clang_disposeString(name);
    clang_disposeString(usr);
    if (!clang_isCursorDefinition(c)) return CXChildVisit_Continue;
    CXFile file;
    clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
    bool in_header = !(file && w->main_file && clang_File_isEqual(file, w->main_file));
    const hard_error *err = error_inside(w->errors, c);
    if (err) {
        /* What clang recovered of this body lacks what it could not parse — a dropped `CLOSE(fp);` is a leak that
         * is not there. Its findings would be guesses: the function is left out, like one without a body, and
         * callers treat it as an unknown function. The note is a parse-error note: the incremental cache keeps
         * those with the TU that had the errors. */
        CXFile nf;
        unsigned line, col;
        clang_getExpansionLocation(loc, &nf, &line, &col, NULL);
        CXString name = clang_getCursorSpelling(c);
        if (err->echo) {
            /* The missing header's note lists it: one note rather than one per function using the header. */
            echoed_functions *e = &w->echoed;
            if (e->count++ < ECHOED_NAMES) {
                size_t used = strlen(e->names);
                snprintf(e->names + used, sizeof e->names - used, "%s%s", used ? ", " : "", clang_getCString(name));
            }
            clang_disposeString(name);
            return CXChildVisit_Continue;
        }
        if (w->function_notes >= PARSE_NOTES_LISTED) {
            w->functions_unlisted++;
            clang_disposeString(name);
            return CXChildVisit_Continue;
        }
        w->function_notes++;
        char msg[512];
        snprintf(msg, sizeof msg, "function '%s' " UNPARSED_FUNCTION_NOTE " (line %u: %s)", clang_getCString(name),
                 err->line, err->text);
        clang_disposeString(name);
        tool_diag_add(w->diags, "lifeline-parse-error", SEV_NOTE, fe_file_path(w->tl, nf), line, col, msg);
        return CXChildVisit_Continue;
    }
    fe_lower_function(w->tl, c, in_header);
    w->functions++;
    return CXChildVisit_Continue;
}

/* parse-only mode: touch every main-file cursor once, which is the work any libclang tool cannot avoid. */
typedef struct floor_ctx {
    CXFile main_file;
    unsigned long cursors;
} floor_ctx;

static enum CXChildVisitResult visit_floor(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    floor_ctx *fc = data;
    CXFile file;
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
    if (!file || !clang_File_isEqual(file, fc->main_file)) return CXChildVisit_Continue;
    fc->cursors++;
    return CXChildVisit_Recurse;
}

typedef struct inclusion_ctx {
    frontend_result *out;
    tu_lowering *tl;
} inclusion_ctx;

static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data) {
    (void)stack;
    (void)depth;
    inclusion_ctx *ic = data;
    const char *p = fe_file_path(ic->tl, file);
    if (!p) return;
    for (size_t i = 0; i < ic->out->nincluded; i++)
        if (strcmp(ic->out->included[i], p) == 0) return;
    char **grown = realloc(ic->out->included, (ic->out->nincluded + 1) * sizeof *grown);
    if (!grown) abort();
    ic->out->included = grown;
    ic->out->included[ic->out->nincluded++] = strdup(p);
}

static const char *error_code_text(enum CXErrorCode e) {
    switch (e) {
    case CXError_Success:
        return "success";
    case CXError_Failure:
        return "libclang could not parse it";
    case CXError_Crashed:
        return "libclang crashed while parsing it";
    case CXError_InvalidArguments:
        return "libclang rejected the compile arguments";
    case CXError_ASTReadError:
        return "libclang could not read it";
    }
    return "libclang failed";
}

/* A flag that only turns a warning on or into an error (-Wall, -Wconversion, -Werror=format): under -w it changes
 * nothing lifeline sees, yet clang still sets up its diagnostic groups for every TU (2% of the parse of curl's
 * lib/, which passes some 70 of them). -Wno-... stays: it can silence a diagnostic that is an error by default
 * (-Wno-int-conversion); so do -Wl, -Wa, -Wp, which pass options on. */
static bool is_warning_flag(const char *a) {
    return a[0] == '-' && a[1] == 'W' && strncmp(a, "-Wno-", 5) != 0 && strncmp(a, "-Wl,", 4) != 0 &&
           strncmp(a, "-Wa,", 4) != 0 && strncmp(a, "-Wp,", 4) != 0;
}

/* A header not found in a TU that still parsed — often one the build generates, such as config.h: the note says
 * what lifeline did about it and how many of the errors that follow it are not listed. */
static void explain_missing_header(tool_diag *d, const char *main_file, unsigned after) {
    const char *base = strrchr(main_file, '/');
    char msg[2048];
    int n = snprintf(msg, sizeof msg,
                     "%s (a generated header? build the project first); lifeline analysed the rest of %s without it",
                     d->message, base ? base + 1 : main_file);
    if (after && n > 0 && (size_t)n < sizeof msg)
        snprintf(msg + n, sizeof msg - (size_t)n, " and does not list the %u error%s that follow%s", after,
                 after == 1 ? "" : "s", after == 1 ? "s" : "");
    free(d->message);
    d->message = strdup(msg);
    if (!d->message) abort();
}

/* Appends to the missing header's note which functions its errors kept out of the analysis. */
static void echoed_note(tool_diag *d, const echoed_functions *e) {
    char more[64] = "";
    if (e->count > ECHOED_NAMES) snprintf(more, sizeof more, " and %u more", e->count - ECHOED_NAMES);
    size_t n = strlen(d->message) + strlen(e->names) + sizeof more + 128;
    char *msg = malloc(n);
    if (!msg) abort();
    snprintf(msg, n, "%s; %s that they broke %s not analysed: %s%s", d->message,
             e->count == 1 ? "one function" : "functions", e->count == 1 ? "is" : "are", e->names, more);
    free(d->message);
    d->message = msg;
}

/* One note for the parse errors, and the functions they kept out of the analysis, past the first PARSE_NOTES_LISTED. */
static void unlisted_note(tool_diag_list *diags, const char *file, unsigned errors, unsigned functions) {
    if (!errors && !functions) return;
    char what[160] = "";
    if (errors) snprintf(what, sizeof what, "%u more parse error%s", errors, errors == 1 ? "" : "s");
    if (functions) {
        size_t n = strlen(what);
        snprintf(what + n, sizeof what - n, "%s%u more function%s left out because of %s", n ? " and " : "", functions,
                 functions == 1 ? "" : "s", n ? "them" : "parse errors");
    }
    char msg[320];
    snprintf(msg, sizeof msg,
             "%s %s not listed (lifeline lists the first %d of each in a translation unit, as clang stops after %d "
             "errors)",
             what, errors + functions == 1 ? "is" : "are", PARSE_NOTES_LISTED, PARSE_NOTES_LISTED);
    tool_diag_add(diags, "lifeline-parse-error", SEV_NOTE, file, 0, 0, msg);
}

void frontend_process(const compile_job *job, const frontend_options *opt, frontend_result *out) {
    memset(out, 0, sizeof *out);
    const char *not_c = compile_job_not_c(job);
    if (not_c) {
        out->status = TU_SKIPPED;
        char msg[128];
        snprintf(msg, sizeof msg, "skipped: lifeline analyses C; this is %s", not_c);
        tool_diag_add(&out->diags, "lifeline-skipped", SEV_NOTE, job->file, 0, 0, msg);
        return;
    }

    /* An entry of a compile database that outlived its build tree: clang would only warn and resolve the command's
     * relative paths against the wrong directory. */
    struct stat st;
    const char *why = NULL;
    if (stat(job->directory, &st) != 0)
        why = errno == ENOENT || errno == ENOTDIR ? "does not exist" : strerror(errno);
    else if (!S_ISDIR(st.st_mode))
        why = "is not a directory";
    if (why) {
        out->status = TU_FAILED;
        char msg[PATH_MAX + 128];
        snprintf(msg, sizeof msg, "could not analyse this translation unit: its directory %s %s", job->directory, why);
        tool_diag_add(&out->diags, "lifeline-tu-failed", SEV_ERROR, job->file, 0, 0, msg);
        return;
    }

    if (!(opt && opt->unsaved_contents) && access(job->file, R_OK) != 0) {
        out->status = TU_FAILED;
        char msg[512];
        snprintf(msg, sizeof msg, "could not analyse this translation unit: cannot read the file: %s", strerror(errno));
        tool_diag_add(&out->diags, "lifeline-tu-failed", SEV_ERROR, job->file, 0, 0, msg);
        return;
    }

    /* argv: working directory and resource directory first, then the command's own flags. */
    size_t argc = 0;
    const char **argv = calloc(job->nargs + 8, sizeof *argv);
    if (!argv) abort();
    char wd[PATH_MAX + 32];
    snprintf(wd, sizeof wd, "-working-directory=%s", job->directory);
    argv[argc++] = wd;
    if (LIFELINE_CLANG_RESOURCE_DIR[0]) {
        argv[argc++] = "-resource-dir";
        argv[argc++] = LIFELINE_CLANG_RESOURCE_DIR;
    }
    for (size_t i = 0; i < job->nargs; i++) {
        /* not the value of an option that passes it on: -Xclang -Werror */
        bool passed_on = i > 0 && (strncmp(job->args[i - 1], "-X", 2) == 0 || strcmp(job->args[i - 1], "-mllvm") == 0);
        if (!is_warning_flag(job->args[i]) || passed_on) argv[argc++] = job->args[i];
    }
    argv[argc++] = "-w"; /* warnings are not ours to report; errors still are */
    argv[argc++] = "-ferror-limit=0";

    struct CXUnsavedFile unsaved = {0};
    unsigned nunsaved = 0;
    if (opt && opt->unsaved_contents) {
        unsaved.Filename = job->file;
        unsaved.Contents = opt->unsaved_contents;
        unsaved.Length = (unsigned long)opt->unsaved_length;
        nunsaved = 1;
    }

    double t0 = now_seconds();
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    unsigned flags = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    enum CXErrorCode rc = clang_parseTranslationUnit2(index, job->file, argv, (int)argc, nunsaved ? &unsaved : NULL,
                                                      nunsaved, flags, &tu);
    free(argv);
    out->parse_seconds = now_seconds() - t0;
    if (opt && opt->parsed) opt->parsed(opt->parsed_ctx);
    if (rc != CXError_Success || !tu) {
        out->status = TU_FAILED;
        char msg[512];
        snprintf(msg, sizeof msg, "could not analyse this translation unit: %s", error_code_text(rc));
        tool_diag_add(&out->diags, "lifeline-tu-failed", SEV_ERROR, job->file, 0, 0, msg);
        if (tu) clang_disposeTranslationUnit(tu);
        clang_disposeIndex(index);
        return;
    }

    out->status = TU_OK;
    unsigned ndiags = clang_getNumDiagnostics(tu);
    bool fatal_main_missing = false;
    /* The first missing #include (fatal in clang, an error under KeepGoing), an index into out->diags. */
    size_t fatal_at = SIZE_MAX;
    unsigned after_fatal = 0, errors_listed = 0, errors_unlisted = 0;
    hard_errors errors = {0};
    for (unsigned i = 0; i < ndiags; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        CXString spelling = clang_getDiagnosticSpelling(d);
        bool not_found = strstr(clang_getCString(spelling), "file not found") != NULL;
        clang_disposeString(spelling);
        if (sev >= CXDiagnostic_Error && fatal_at != SIZE_MAX && !not_found) {
            /* KeepGoing parses on past a missing header; the errors that follow are mostly its echo (every use of
             * what the header declared): counted, not listed — but they still keep their functions out of the
             * analysis, or a dropped `CLOSE(fp);` from the missing header would be a leak. */
            after_fatal++;
            CXFile file;
            unsigned line, offset;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &line, NULL, &offset);
            if (file && is_hard_error(d)) {
                CXString text = clang_getDiagnosticSpelling(d);
                hard_error_add(&errors, file, offset, line, clang_getCString(text), true);
                clang_disposeString(text);
            }
        } else if (sev >= CXDiagnostic_Error) {
            CXFile file;
            unsigned line, col, offset;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &line, &col, &offset);
            CXString fname = clang_getFileName(file);
            CXString text = clang_getDiagnosticSpelling(d);
            const char *f = file ? clang_getCString(fname) : job->file;
            char fbuf[PATH_MAX * 2];
            if (f && f[0] != '/') {
                snprintf(fbuf, sizeof fbuf, "%s/%s", job->directory, f);
                f = fbuf;
            }
            if (not_found || errors_listed < PARSE_NOTES_LISTED) {
                tool_diag_add(&out->diags, "lifeline-parse-error", SEV_NOTE, f, line, col, clang_getCString(text));
                errors_listed++;
            } else {
                errors_unlisted++;
            }
            if (file && is_hard_error(d)) hard_error_add(&errors, file, offset, line, clang_getCString(text), false);
            if (!file && sev == CXDiagnostic_Fatal) fatal_main_missing = true;
            if (file && not_found && fatal_at == SIZE_MAX) fatal_at = out->diags.count - 1; /* always listed */
            clang_disposeString(fname);
            clang_disposeString(text);
            out->status = TU_PARSE_ERRORS;
        }
        clang_disposeDiagnostic(d);
    }
    if (fatal_at != SIZE_MAX) explain_missing_header(&out->diags.items[fatal_at], job->file, after_fatal);

    CXFile main_file = clang_getFile(tu, job->file);
    if (!main_file || fatal_main_missing) {
        out->status = TU_FAILED;
        tool_diag_add(&out->diags, "lifeline-tu-failed", SEV_ERROR, job->file, 0, 0,
                      "could not analyse this translation unit: the main file could not be read");
        hard_errors_free(&errors);
        clang_disposeTranslationUnit(tu);
        clang_disposeIndex(index);
        return;
    }

    double t1 = now_seconds();
    if (opt && opt->parse_only) {
        floor_ctx fc = {.main_file = main_file};
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_floor, &fc);
    } else {
        tu_lowering tl = {.tu = tu, .directory = job->directory};
        tl.module = ir_module_new(job->file);
        strmap_init(&tl.globals_by_usr);
        strmap_init(&tl.noreturn_by_usr);
        strmap_init(&tl.fn_usr_by_name);
        walk_ctx w = {.tl = &tl, .main_file = main_file, .errors = &errors, .diags = &out->diags};
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &w);
        if (fatal_at != SIZE_MAX && w.echoed.count) echoed_note(&out->diags.items[fatal_at], &w.echoed);
        unlisted_note(&out->diags, job->file, errors_unlisted, w.functions_unlisted);
        inclusion_ctx ic = {.out = out, .tl = &tl};
        clang_getInclusions(tu, visit_inclusion, &ic);
        strmap_free(&tl.globals_by_usr);
        strmap_free(&tl.noreturn_by_usr);
        strmap_free(&tl.fn_usr_by_name);
        out->module = tl.module;
    }
    out->lower_seconds = now_seconds() - t1;
    hard_errors_free(&errors);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

bool frontend_note_is_unparsed_function(const tool_diag *d) {
    return strcmp(d->tag, "lifeline-parse-error") == 0 && strstr(d->message, UNPARSED_FUNCTION_NOTE) != NULL;
}

void frontend_result_free(frontend_result *r) {
    if (r->module) ir_module_free(r->module);
    tool_diag_list_free(&r->diags);
    for (size_t i = 0; i < r->nincluded; i++)
        free(r->included[i]);
    free(r->included);
    memset(r, 0, sizeof *r);
}

char *frontend_clang_version(void) {
    CXString v = clang_getClangVersion();
    char *r = strdup(clang_getCString(v));
    clang_disposeString(v);
    return r;
}
