/* frontend_internal.h — shared between frontend_parse.c (the TU) and frontend_lower.c (function bodies). */
#ifndef LIFELINE_FRONTEND_INTERNAL_H
#define LIFELINE_FRONTEND_INTERNAL_H

#include <clang-c/Index.h>

#include "frontend.h"
#include "ir.h"
#include "strmap.h"

/* Per-TU state of the front end. Lives on the stack of frontend_process: nothing global. */
typedef struct tu_lowering {
    CXTranslationUnit tu;
    ir_module *module;
    const char *directory;  /* working directory of the compile command, for relative file names */
    strmap globals_by_usr;  /* USR -> index+1 into module->globals */
    strmap noreturn_by_usr; /* USR -> (void*)1 noreturn, (void*)2 returns */
    strmap fn_usr_by_name;  /* function name -> USR (for __attribute__((cleanup(f)))) */
    CXFile last_file;       /* cache for file name lookups */
    const char *last_path;
} tu_lowering;

/* Location of a cursor's extent (expansion locations: a macro's use site, not its definition). */
ir_loc fe_loc(tu_lowering *tl, CXCursor c);
/* Interned absolute path of a CXFile. */
const char *fe_file_path(tu_lowering *tl, CXFile file);
/* The module global for a VarDecl with static storage (file-scope or function-scope static), created on demand. */
uint32_t fe_global_for(tu_lowering *tl, CXCursor decl);
/* Lowers one function definition into tl->module. */
void fe_lower_function(tu_lowering *tl, CXCursor fn, bool in_header);

#endif
