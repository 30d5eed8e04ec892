/* engine.h — the dataflow engine and the interface checkers register with.
 *
 * The engine walks one function's CFG forward with a worklist. Each state on the worklist is a checker's own abstract
 * state plus the engine's: integer constants known for locals (so `if (0)`, `for (i = 0; i < 1; i++)` and
 * `if (GLOBAL_TRUE)` prune infeasible edges) and the path taken so far (for the notes of a finding). At a branch the
 * state splits and the checker may refine each side or declare it infeasible; at a join, states that differ stay apart
 * up to a bound, past which the checker's join merges them, so loops terminate.
 *
 * A checker is a checker_ops: a handful of callbacks over plain IR. It never sees libclang. */
#ifndef LIFELINE_ENGINE_H
#define LIFELINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "finding.h"
#include "ir.h"
#include "models.h"
#include "rules.h"
#include "summary.h"

typedef struct engine_ctx engine_ctx;
typedef struct program program;

typedef struct checker_ops {
    const char *name;
    const rule_info *rules;
    size_t nrules;

    /* The state at function entry. NULL: nothing in this function concerns the checker; it is skipped (no other
     * callback, not even finish, is called for it). */
    void *(*entry)(engine_ctx *cx);
    void *(*clone)(engine_ctx *cx, const void *st);
    bool (*equal)(const void *a, const void *b);
    /* Merge `from` into `into` (over-approximation). Called only when a block holds too many distinct states. */
    void (*join)(engine_ctx *cx, void *into, const void *from);

    void (*event)(engine_ctx *cx, void *st, const ir_event *ev);
    /* The path goes along the edge where `cond` is `holds`. Return false if the state makes that edge impossible. */
    bool (*branch)(engine_ctx *cx, void *st, const ir_cond *cond, bool holds);
    /* A path leaves the function through `return`. Not called for paths ending in noreturn calls. */
    void (*ret)(engine_ctx *cx, void *st, const ir_term *term);
    /* After the fixpoint: write this checker's part of the function's summary, flush collected findings. */
    void (*finish)(engine_ctx *cx);
    /* Optional: a path enters block `block` (index into ir_function.blocks), before its events. */
    void (*block)(engine_ctx *cx, void *st, uint32_t block);
} checker_ops;

/* --- what a checker may ask the engine ------------------------------------------------------------------------ */

arena *engine_arena(engine_ctx *cx); /* lives for this function's run */
const ir_module *engine_module(engine_ctx *cx);
const ir_function *engine_function(engine_ctx *cx);
/* The summary of the called function (from this run or the store), or NULL when none is known. */
const fn_summary *engine_callee_summary(engine_ctx *cx, const ir_call *call);
/* The summary of a function by USR (a thread's start routine, a callback), or NULL. */
const fn_summary *engine_function_summary(engine_ctx *cx, const char *usr);
/* API facts from the model files (never NULL when run by the driver; may be NULL in hand-built tests). */
const models *engine_models(engine_ctx *cx);
/* The function being analysed's own summary, to be filled in `finish` (or as facts are found). */
fn_summary *engine_own_summary(engine_ctx *cx);
/* The checker's private slot for data that lives across the whole run of this function (not per path). */
void **engine_checker_data(engine_ctx *cx);

/* Append room for one more element to an array in the function's arena (arr/n/cap: pointer, count, capacity),
 * for checker state that grows along a path. */
#define ENGINE_GROW(cx, arr, n, cap)                                                                                   \
    do {                                                                                                               \
        if ((n) == (cap)) {                                                                                            \
            uint32_t newcap_ = (cap) ? (cap)*2 : 8;                                                                    \
            (arr) = arena_grow(engine_arena(cx), (arr), (n), newcap_, sizeof *(arr));                                  \
            (cap) = newcap_;                                                                                           \
        }                                                                                                              \
    } while (0)

/* Integer value of an operand on the current path, if the engine knows it. */
bool engine_const_value(engine_ctx *cx, const ir_operand *op, int64_t *out);

/* Position on the current path; notes and steps recorded with it are ordered against branch steps. */
uint32_t engine_path_seq(engine_ctx *cx);

typedef struct report_step {
    ir_loc loc;
    const char *message;
    uint32_t seq; /* engine_path_seq() when the step happened; 0 = put first */
} report_step;

/* Report a finding at `loc`. The steps are the checker's; the engine adds the branch choices of the current path made
 * after `path_since` (pass UINT32_MAX for none) and merges both by path order. Identical reports from several paths
 * are kept once. */
void engine_report(engine_ctx *cx, const char *rule_id, ir_loc loc, const char *message, const report_step *steps,
                   size_t nsteps, uint32_t path_since);

/* The branch choices of the current path made after `since`, as steps (arena memory), for a checker that reports
 * later (in `finish`) what it found on several paths. */
size_t engine_path_notes(engine_ctx *cx, uint32_t since, report_step **out);

/* --- running ------------------------------------------------------------------------------------------------------ */

typedef struct engine_limits {
    uint32_t max_states_per_block; /* distinct states kept per block before joining */
    uint32_t max_block_visits;     /* per function, all blocks together; past it the function is abandoned */
    uint32_t widen_after;          /* visits of one block after which its constants are forgotten */
    size_t max_arena_bytes;        /* memory for one function's states; 0 = no limit */
    double max_seconds;            /* wall time for one run, checked every ENGINE_CLOCK_EVERY visits; 0 = no limit */
} engine_limits;

/* How many block visits pass between two looks at the clock (a power of two). */
enum { ENGINE_CLOCK_EVERY = 256 };

engine_limits engine_default_limits(void);

typedef struct engine_result {
    bool budget_exhausted; /* the function was too big for the limits: findings so far are kept, a note is added */
    bool timed_out;        /* max_seconds ran out (budget_exhausted is set too); what was found depends on timing */
    uint32_t block_visits;
} engine_result;

/* Run one checker over one function. Findings go to `out` (heap-owned); the summary being built is `summary`. */
engine_result engine_run(const program *prog, const ir_module *m, const ir_function *f, const checker_ops *checker,
                         fn_summary *summary, const engine_limits *limits, finding_list *out);

#endif
