/* program.h — the whole run: every module's IR, the function table by USR, program-wide facts and the summaries.
 *
 * Holding every TU's IR (not its AST) lets summaries be computed over the global call graph before any checker
 * reports, so cross-TU findings do not depend on the order TUs were listed in. */
#ifndef LIFELINE_PROGRAM_H
#define LIFELINE_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ir.h"
#include "models.h"
#include "strmap.h"
#include "summary.h"

typedef struct program_fn {
    ir_module *module;
    ir_function *fn;
    fn_summary *summary; /* being computed / final; NULL until the bottom-up pass reaches it */
    uint32_t index;      /* position in program.fns */
} program_fn;

typedef struct program {
    arena arena;
    ir_module **modules;
    uint32_t nmodules, cap_modules;
    program_fn *fns;
    uint32_t nfns, cap_fns;
    strmap fn_by_usr;        /* USR -> index+1 into fns */
    strmap stored_summaries; /* USR -> fn_summary* loaded from the store (functions not parsed in this run) */
    strmap global_consts;    /* global USR -> int64 box: never written anywhere in the run, known initialiser */
    const models *models;    /* API facts (built-in and the user's); NULL in hand-built tests */
    strmap model_summaries;  /* function name -> fn_summary* synthesised from `functions:` models */
} program;

void program_init(program *p);
void program_free(program *p); /* frees the modules too */
/* Takes ownership of m. Functions already present (a header's inline function seen from a second TU) are skipped. */
void program_add_module(program *p, ir_module *m);
/* After all modules are added: mark calls to defined functions, compute program-wide constant globals. */
void program_link(program *p);
const program_fn *program_find_fn(const program *p, const char *usr);
/* A summary for a USR: this run's, else the store's, else NULL. */
const fn_summary *program_summary(const program *p, const char *usr);
/* A summary for a call: by USR as above, else one synthesised from the models for the callee's name. */
const fn_summary *program_call_summary(const program *p, const ir_call *call);
bool program_global_const(const program *p, const ir_module *m, uint32_t global_index, int64_t *out);

/* Indices into fns in bottom-up order (callees before callers); SCC members are adjacent, scc_id tells them apart. */
uint32_t *program_bottom_up(const program *p, arena *a, uint32_t **scc_id);

/* The bottom-up order as a DAG of SCCs, for running independent SCCs in parallel: SCC k is the functions
 * order[first[k]] .. order[first[k + 1] - 1]; it calls into ncallees[k] other SCCs (all earlier in the order), and
 * the SCCs calling into it are callers[caller_first[k]] .. callers[caller_first[k + 1] - 1]. All in arena a. */
typedef struct program_sccs {
    uint32_t *order; /* as program_bottom_up */
    uint32_t nsccs;
    uint32_t *first;        /* nsccs + 1 */
    uint32_t *ncallees;     /* distinct other SCCs called */
    uint32_t *caller_first; /* nsccs + 1 */
    uint32_t *callers;
} program_sccs;

void program_scc_dag(const program *p, arena *a, program_sccs *out);

#endif
