/* engine.c — the forward worklist dataflow engine (see engine.h for the model).
 *
 * A path state is (checker state, constants known for locals, path trace). Each block keeps the distinct states that
 * reached it, up to a bound; a state equal to one already there is dropped, and past the bound new states are joined
 * into the last slot, so every loop terminates. Constants are forgotten at blocks visited too often (widening). */
#include "engine.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "program.h"
#include "strmap.h"
#include "xalloc.h"

/* What the path knows about a local: its exact value, or only that it is not zero (after `if (p)`), which is enough
 * to decide a later `if (p)` the same way — correlated tests of one parameter are common. */
typedef struct const_pair {
    uint32_t var;
    bool nonzero_only;
    int64_t value;
} const_pair;

/* Immutable once built: states share envs and copy on change. */
typedef struct const_env {
    uint32_t n;
    const_pair items[];
} const_env;

/* A branch a path took. The note's text is made only when a finding reports the path: formatting it on every
 * edge was a twentieth of a whole run. */
typedef struct trace_node {
    const struct trace_node *prev;
    uint32_t seq;
    const ir_term *branch;
    bool holds;
} trace_node;

typedef struct path_state {
    void *cs;
    const const_env *env;
    const trace_node *trace;
    uint32_t seq;
} path_state;

typedef struct block_states {
    path_state *items;
    uint32_t n, cap;
    uint32_t visits;
} block_states;

typedef struct work_item {
    uint32_t block;
    path_state st;
} work_item;

struct engine_ctx {
    const program *prog;
    const ir_module *m;
    const ir_function *f;
    const checker_ops *ck;
    fn_summary *summary;
    engine_limits limits;
    arena arena;
    void *checker_data;
    finding_list *out;
    path_state *cur;    /* the state callbacks see: &running or &edge, NULL between steps */
    path_state running; /* state flowing through the block being processed */
    path_state edge;    /* state being pushed along one out-edge */
    block_states *blocks;
    bool *loop_head; /* target of a back edge: where constants are widened */
    work_item *work;
    uint32_t nwork, capwork;
    strmap reported;
    uint32_t visits;
    double deadline; /* monotonic seconds; 0 = none */
    /* Set by out_of_budget: the memory or time limit ran out (over_time: the time limit). run_block checks every
     * ENGINE_EVENTS_CHECK events too, since a single block of thousands of statements must not outgrow the limits
     * before the next visit. */
    bool over_budget, over_time;
};

enum { ENGINE_EVENTS_CHECK = 1024 };

static const const_env empty_env = {0};

engine_limits engine_default_limits(void) {
    return (engine_limits){.max_states_per_block = 16,
                           .max_block_visits = 400000,
                           .widen_after = 8, /* visits of a loop head */
                           /* Of curl's lib/ and collectd, every function that completes needs under 100 MB of
                            * states but one (188 MB, whose other checkers run out anyway); those that never
                            * complete took 5-10 s each to reach the former limit of 512 MB. */
                           .max_arena_bytes = (size_t)128 << 20,
                           .max_seconds = 10};
}

static double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

arena *engine_arena(engine_ctx *cx) {
    return &cx->arena;
}
const ir_module *engine_module(engine_ctx *cx) {
    return cx->m;
}
const ir_function *engine_function(engine_ctx *cx) {
    return cx->f;
}
fn_summary *engine_own_summary(engine_ctx *cx) {
    return cx->summary;
}
void **engine_checker_data(engine_ctx *cx) {
    return &cx->checker_data;
}
uint32_t engine_path_seq(engine_ctx *cx) {
    return cx->cur ? cx->cur->seq : 0;
}

const fn_summary *engine_callee_summary(engine_ctx *cx, const ir_call *call) {
    return program_call_summary(cx->prog, call);
}

const fn_summary *engine_function_summary(engine_ctx *cx, const char *usr) {
    return program_summary(cx->prog, usr);
}

const models *engine_models(engine_ctx *cx) {
    return cx->prog->models;
}

/* --- constants ------------------------------------------------------------------------------------------------- */

static bool var_tracked(const engine_ctx *cx, uint32_t var) {
    if (var >= cx->f->nvars) return false;
    const ir_var *v = &cx->f->vars[var];
    return !v->address_taken && !v->is_array && !v->is_record &&
           (v->is_integer || v->is_pointer || v->kind == VAR_TEMP);
}

static const const_pair *env_find(const const_env *env, uint32_t var) {
    uint32_t lo = 0, hi = env->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (env->items[mid].var == var) return &env->items[mid];
        if (env->items[mid].var < var)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool env_get(const const_env *env, uint32_t var, int64_t *out) {
    const const_pair *p = env_find(env, var);
    if (!p || p->nonzero_only) return false;
    *out = p->value;
    return true;
}

static bool env_nonzero(const const_env *env, uint32_t var) {
    const const_pair *p = env_find(env, var);
    return p && (p->nonzero_only || p->value != 0);
}

static bool pair_equal(const const_pair *a, const const_pair *b) {
    return a->var == b->var && a->nonzero_only == b->nonzero_only && (a->nonzero_only || a->value == b->value);
}

/* Facts an env holds at most. Each step copies the env, and temporaries are never forgotten: without a bound, a
 * function of thousands of `n++;` (a temporary each) took quadratic time and memory (16384 of them: over 5 GB). */
enum { ENV_MAX_FACTS = 128 };

/* A copy of env with var's fact replaced by `fact` (NULL: forgotten). A fact about one more variable when the env is
 * full takes the place of the oldest temporary's (temporaries are read right after they are set), or, when it holds
 * no temporary, is not kept. */
static const const_env *env_put(engine_ctx *cx, const const_env *env, uint32_t var, const const_pair *fact) {
    const const_pair *old = env_find(env, var);
    if (!old && !fact) return env;
    if (old && fact && pair_equal(old, fact)) return env;
    uint32_t evict = UINT32_MAX;
    if (fact && !old && env->n >= ENV_MAX_FACTS) {
        for (uint32_t i = 0; i < env->n && evict == UINT32_MAX; i++)
            if (env->items[i].var < cx->f->nvars && cx->f->vars[env->items[i].var].kind == VAR_TEMP)
                evict = env->items[i].var;
        if (evict == UINT32_MAX) return env;
    }
    uint32_t n = env->n + (fact && !old ? 1 : 0) - (!fact && old ? 1 : 0) - (evict != UINT32_MAX ? 1 : 0);
    const_env *e = arena_alloc(&cx->arena, sizeof *e + n * sizeof(const_pair));
    uint32_t j = 0;
    bool placed = false;
    for (uint32_t i = 0; i < env->n; i++) {
        const const_pair *p = &env->items[i];
        if (p->var == var || p->var == evict) continue;
        if (fact && !placed && p->var > var) {
            e->items[j++] = *fact;
            placed = true;
        }
        e->items[j++] = *p;
    }
    if (fact && !placed) e->items[j++] = *fact;
    e->n = j;
    return e;
}

static const const_env *env_set(engine_ctx *cx, const const_env *env, uint32_t var, bool known, int64_t value) {
    const_pair fact = {.var = var, .value = value};
    return env_put(cx, env, var, known ? &fact : NULL);
}

static const const_env *env_set_nonzero(engine_ctx *cx, const const_env *env, uint32_t var) {
    if (env_nonzero(env, var)) return env;
    const_pair fact = {.var = var, .nonzero_only = true};
    return env_put(cx, env, var, &fact);
}

static bool env_equal(const const_env *a, const const_env *b) {
    if (a == b) return true;
    if (a->n != b->n) return false;
    for (uint32_t i = 0; i < a->n; i++)
        if (!pair_equal(&a->items[i], &b->items[i])) return false;
    return true;
}

static const const_env *env_meet(engine_ctx *cx, const const_env *a, const const_env *b) {
    if (env_equal(a, b)) return a;
    const_env *e = arena_alloc(&cx->arena, sizeof *e + (a->n < b->n ? a->n : b->n) * sizeof(const_pair));
    uint32_t j = 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const const_pair *pa = &a->items[i], *pb = env_find(b, pa->var);
        if (!pb) continue;
        if (pair_equal(pa, pb))
            e->items[j++] = *pa;
        else if (env_nonzero(a, pa->var) && env_nonzero(b, pa->var))
            e->items[j++] = (const_pair){.var = pa->var, .nonzero_only = true};
    }
    e->n = j;
    return e;
}

static bool eval_operand(engine_ctx *cx, const const_env *env, const ir_operand *op, int64_t *out) {
    switch (op->kind) {
    case OPND_INT:
        *out = op->value;
        return true;
    case OPND_PLACE:
        if (op->offset || op->place.npath) return false;
        if (op->place.root == ROOT_VAR) return env_get(env, op->place.index, out);
        if (op->place.root == ROOT_GLOBAL) return program_global_const(cx->prog, cx->m, op->place.index, out);
        return false;
    case OPND_ARITH: {
        int64_t a, b = 0;
        if (!op->lhs || !eval_operand(cx, env, op->lhs, &a)) return false;
        if (op->rhs && !eval_operand(cx, env, op->rhs, &b)) return false;
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
        switch (op->op) {
        case ARITH_ADD:
            *out = (int64_t)(ua + ub);
            return true;
        case ARITH_SUB:
            *out = (int64_t)(ua - ub);
            return true;
        case ARITH_MUL:
            *out = (int64_t)(ua * ub);
            return true;
        case ARITH_DIV:
            if (b == 0 || (a == INT64_MIN && b == -1)) return false;
            *out = a / b;
            return true;
        case ARITH_REM:
            if (b == 0 || (a == INT64_MIN && b == -1)) return false;
            *out = a % b;
            return true;
        case ARITH_AND:
            *out = a & b;
            return true;
        case ARITH_OR:
            *out = a | b;
            return true;
        case ARITH_XOR:
            *out = a ^ b;
            return true;
        case ARITH_SHL:
            if (b < 0 || b > 62) return false;
            *out = (int64_t)(ua << b);
            return true;
        case ARITH_SHR:
            if (b < 0 || b > 62) return false;
            *out = a >> b;
            return true;
        case ARITH_NEG:
            *out = (int64_t)(0 - ua);
            return true;
        case ARITH_BITNOT:
            *out = ~a;
            return true;
        case ARITH_OTHER:
            return false;
        }
        return false;
    }
    default:
        return false;
    }
}

bool engine_const_value(engine_ctx *cx, const ir_operand *op, int64_t *out) {
    return eval_operand(cx, cx->cur ? cx->cur->env : &empty_env, op, out);
}

static bool cmp_holds(ir_cmp c, int64_t a, int64_t b) {
    switch (c) {
    case CMP_EQ:
        return a == b;
    case CMP_NE:
        return a != b;
    case CMP_LT:
        return a < b;
    case CMP_LE:
        return a <= b;
    case CMP_GT:
        return a > b;
    case CMP_GE:
        return a >= b;
    }
    return false;
}

static void env_after_event(engine_ctx *cx, path_state *st, const ir_event *ev) {
    switch (ev->kind) {
    case EV_ASSIGN: {
        const ir_place *d = &ev->u.assign.dst;
        if (d->root != ROOT_VAR || d->npath || !var_tracked(cx, d->index)) return;
        int64_t v;
        bool known = eval_operand(cx, st->env, &ev->u.assign.src, &v);
        st->env = env_set(cx, st->env, d->index, known, v);
        return;
    }
    case EV_CALL: {
        int32_t r = ev->u.call.result_var;
        if (r < 0 || !var_tracked(cx, (uint32_t)r)) return;
        const fn_summary *s = engine_callee_summary(cx, &ev->u.call);
        st->env = env_set(cx, st->env, (uint32_t)r, s && s->returns_const, s ? s->return_value : 0);
        return;
    }
    case EV_DECL:
        st->env = env_set(cx, st->env, ev->u.decl.var, false, 0);
        return;
    case EV_SCOPE_END:
        return;
    }
}

/* --- path notes ------------------------------------------------------------------------------------------------ */

static const char *operand_text(engine_ctx *cx, const ir_operand *op, bool pointer_context) {
    switch (op->kind) {
    case OPND_INT:
        if (op->value == 0 && pointer_context) return "NULL";
        return arena_printf(&cx->arena, "%" PRId64, op->value);
    case OPND_PLACE:
        if (op->place.root == ROOT_VAR && op->place.index < cx->f->nvars &&
            cx->f->vars[op->place.index].kind == VAR_TEMP)
            return NULL; /* a call's result: the source text says it better than we can */
        return ir_place_str(&cx->arena, cx->m, cx->f, &op->place);
    case OPND_ADDR:
        return arena_printf(&cx->arena, "&%s", ir_place_str(&cx->arena, cx->m, cx->f, &op->place));
    default:
        return NULL;
    }
}

static const char *branch_note(engine_ctx *cx, const ir_term *t, bool holds) {
    static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
    static const ir_cmp negated[] = {CMP_NE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT};
    if (t->what && strcmp(t->what, "case") == 0) return holds ? "taking this case" : NULL;
    bool ptr = t->cond.lhs.is_pointer || t->cond.rhs.is_pointer;
    const char *l = operand_text(cx, &t->cond.lhs, ptr);
    const char *r = operand_text(cx, &t->cond.rhs, ptr);
    ir_cmp c = holds ? t->cond.cmp : negated[t->cond.cmp];
    /* No "branch taken" wording: `if (!p)` tests `p != 0` with the edges swapped, so the IR's true edge is the
     * statement's else branch; the assumption itself is always right. */
    if ((!l || !r) && !t->what)
        return arena_printf(&cx->arena, "assuming this condition is %s", holds ? "true" : "false");
    if (!l || !r)
        return arena_printf(&cx->arena, "assuming this '%s' condition is %s", t->what, holds ? "true" : "false");
    if (t->cond.rhs.kind == OPND_INT && t->cond.rhs.value == 0 && (c == CMP_NE || c == CMP_EQ))
        return arena_printf(&cx->arena, "assuming '%s' is %s", l,
                            c == CMP_EQ ? (ptr ? "NULL" : "zero") : (ptr ? "not NULL" : "non-zero"));
    return arena_printf(&cx->arena, "assuming '%s %s %s'", l, ops[c], r);
}

static void push_trace(engine_ctx *cx, path_state *st, const ir_term *branch, bool holds) {
    if (!holds && branch->what && strcmp(branch->what, "case") == 0) return; /* no note: see branch_note */
    trace_node *n = arena_alloc(&cx->arena, sizeof *n);
    n->prev = st->trace;
    n->seq = ++st->seq;
    n->branch = branch;
    n->holds = holds;
    st->trace = n;
}

/* --- reporting ------------------------------------------------------------------------------------------------- */

typedef struct merged_step {
    uint32_t seq;
    int order; /* branches before checker steps at the same seq */
    uint32_t n;
    ir_loc loc;
    const char *message;
} merged_step;

static int merged_cmp(const void *pa, const void *pb) {
    const merged_step *a = pa, *b = pb;
    if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return a->n < b->n ? -1 : (a->n > b->n);
}

static severity rule_level(const checker_ops *ck, const char *rule_id) {
    for (size_t i = 0; i < ck->nrules; i++)
        if (strcmp(ck->rules[i].id, rule_id) == 0) return ck->rules[i].level;
    return SEV_WARNING;
}

void engine_report(engine_ctx *cx, const char *rule_id, ir_loc loc, const char *message, const report_step *steps,
                   size_t nsteps, uint32_t path_since) {
    const char *key =
        arena_printf(&cx->arena, "%s|%s|%u|%u|%s", rule_id, loc.file ? loc.file : "", loc.line, loc.col, message);
    if (strmap_has(&cx->reported, key)) return;
    strmap_put(&cx->reported, key, (void *)1);

    size_t ntrace = 0;
    if (cx->cur && path_since != UINT32_MAX)
        for (const trace_node *t = cx->cur->trace; t && t->seq > path_since; t = t->prev)
            ntrace++;
    merged_step *all = arena_alloc(&cx->arena, (nsteps + ntrace + 1) * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < nsteps; i++, n++) /* n++ apart: `all[n++] = {.., n, ..}` is unsequenced */
        all[n] = (merged_step){steps[i].seq, 1, (uint32_t)n, steps[i].loc, steps[i].message};
    if (ntrace)
        for (const trace_node *t = cx->cur->trace; t && t->seq > path_since; t = t->prev, n++)
            all[n] = (merged_step){t->seq, 0, (uint32_t)n, t->branch->loc, branch_note(cx, t->branch, t->holds)};
    qsort(all, n, sizeof *all, merged_cmp);

    finding *f = finding_list_add(cx->out);
    f->rule_id = rule_id;
    for (size_t i = 0; i < cx->ck->nrules; i++)
        if (strcmp(cx->ck->rules[i].id, rule_id) == 0) f->rule_id = cx->ck->rules[i].id; /* static storage */
    f->level = rule_level(cx->ck, rule_id);
    f->message = xstrdup(message);
    f->file = xstrdup(loc.file ? loc.file : "");
    f->line = loc.line;
    f->col = loc.col;
    f->end_line = loc.end_line;
    f->end_col = loc.end_col;
    f->function = xstrdup(cx->f->name ? cx->f->name : "");
    for (size_t i = 0; i < n; i++)
        finding_add_step(f, all[i].loc.file, all[i].loc.line, all[i].loc.col, all[i].message);
}

size_t engine_path_notes(engine_ctx *cx, uint32_t since, report_step **out) {
    size_t n = 0;
    *out = NULL;
    if (!cx->cur || since == UINT32_MAX) return 0;
    for (const trace_node *t = cx->cur->trace; t && t->seq > since; t = t->prev)
        n++;
    if (!n) return 0;
    report_step *steps = arena_alloc(&cx->arena, n * sizeof *steps);
    size_t i = n;
    for (const trace_node *t = cx->cur->trace; t && t->seq > since; t = t->prev)
        steps[--i] = (report_step){t->branch->loc, branch_note(cx, t->branch, t->holds), t->seq};
    *out = steps;
    return n;
}

/* --- the worklist ---------------------------------------------------------------------------------------------- */

static void push_work(engine_ctx *cx, uint32_t block, path_state st) {
    if (cx->nwork == cx->capwork) {
        uint32_t cap = cx->capwork ? cx->capwork * 2 : 64;
        work_item *w = malloc(cap * sizeof *w);
        if (!w) abort();
        if (cx->nwork) memcpy(w, cx->work, cx->nwork * sizeof *w);
        free(cx->work);
        cx->work = w;
        cx->capwork = cap;
    }
    cx->work[cx->nwork++] = (work_item){block, st};
}

static bool same_state(engine_ctx *cx, const path_state *a, const path_state *b) {
    return env_equal(a->env, b->env) && cx->ck->equal(a->cs, b->cs);
}

/* Offer a state to a block: dropped if already there, kept if there is room, otherwise joined into the last slot. */
static void add_state(engine_ctx *cx, uint32_t block, path_state st) {
    block_states *bs = &cx->blocks[block];
    bs->visits++;
    if (cx->loop_head[block] && bs->visits > cx->limits.widen_after) {
        /* Widen: keep only what this state agrees on with an earlier one of the same checker state (the loop
         * counter goes, a flag set before the loop stays). */
        /* The first state of its kind here keeps its facts: it has nothing to disagree with yet. */
        const const_env *widened = st.env;
        for (uint32_t i = 0; i < bs->n; i++)
            if (cx->ck->equal(bs->items[i].cs, st.cs)) {
                widened = env_meet(cx, st.env, bs->items[i].env);
                break;
            }
        st.env = widened;
    }
    for (uint32_t i = 0; i < bs->n; i++)
        if (same_state(cx, &bs->items[i], &st)) return;
    if (bs->n < cx->limits.max_states_per_block) {
        if (bs->n == bs->cap) {
            uint32_t cap = bs->cap ? bs->cap * 2 : 4;
            bs->items = arena_grow(&cx->arena, bs->items, bs->n, cap, sizeof *bs->items);
            bs->cap = cap;
        }
        bs->items[bs->n++] = st;
        push_work(cx, block, st);
        return;
    }
    path_state *last = &bs->items[bs->n - 1];
    path_state joined = *last;
    joined.cs = cx->ck->clone(cx, last->cs);
    cx->ck->join(cx, joined.cs, st.cs);
    joined.env = env_meet(cx, last->env, st.env);
    if (same_state(cx, &joined, last)) return;
    *last = joined;
    push_work(cx, block, joined);
}

static path_state fork_state(engine_ctx *cx, const path_state *st) {
    path_state c = *st;
    c.cs = cx->ck->clone(cx, st->cs);
    return c;
}

/* last: st is not used again, so the edge takes it over instead of a copy. */
static void take_edge(engine_ctx *cx, const path_state *st, const ir_term *t, uint32_t succ, bool holds, bool decided,
                      bool last) {
    cx->edge = last ? *st : fork_state(cx, st);
    path_state *next_p = &cx->edge;
    cx->cur = next_p;
    /* Learn the tested value on this edge: `x == 5` holding makes x 5. */
    const ir_cond *c = &t->cond;
    if (c->lhs.kind == OPND_PLACE && c->lhs.place.root == ROOT_VAR && !c->lhs.place.npath && !c->lhs.offset &&
        var_tracked(cx, c->lhs.place.index)) {
        int64_t k;
        if (eval_operand(cx, next_p->env, &c->rhs, &k) && ((holds && c->cmp == CMP_EQ) || (!holds && c->cmp == CMP_NE)))
            next_p->env = env_set(cx, next_p->env, c->lhs.place.index, true, k);
        else if (c->rhs.kind == OPND_INT && c->rhs.value == 0 &&
                 ((holds && c->cmp == CMP_NE) || (!holds && c->cmp == CMP_EQ)))
            next_p->env = env_set_nonzero(cx, next_p->env, c->lhs.place.index);
    }
    if (cx->ck->branch && !cx->ck->branch(cx, next_p->cs, c, holds)) {
        cx->cur = NULL;
        return;
    }
    if (!decided) push_trace(cx, next_p, t, holds);
    cx->cur = NULL;
    add_state(cx, succ, *next_p);
}

/* Whether the memory limit, or (when check_clock) the time limit, has run out; records it in cx. Memory is looked at
 * first: the clock costs a system call, so callers read it only every so often. */
static bool out_of_budget(engine_ctx *cx, bool check_clock) {
    cx->over_time = false;
    if (cx->limits.max_arena_bytes && cx->arena.total > cx->limits.max_arena_bytes) return cx->over_budget = true;
    cx->over_time = check_clock && cx->deadline > 0 && monotonic_seconds() > cx->deadline;
    return cx->over_budget = cx->over_time;
}

static void run_block(engine_ctx *cx, uint32_t b, path_state st) {
    const ir_block *blk = &cx->f->blocks[b];
    cx->running = fork_state(cx, &st);
    cx->cur = &cx->running;
    if (cx->ck->block) cx->ck->block(cx, cx->running.cs, b);
    for (uint32_t i = 0; i < blk->nevents; i++) {
        const ir_event *ev = &blk->events[i];
        if (i && i % ENGINE_EVENTS_CHECK == 0 && out_of_budget(cx, true)) {
            cx->cur = NULL;
            return;
        }
        cx->ck->event(cx, cx->running.cs, ev);
        env_after_event(cx, &cx->running, ev);
        if (ev->kind == EV_CALL) {
            /* A project function that never returns (die(), fatal()) ends the path like exit() does. */
            const fn_summary *s = engine_callee_summary(cx, &ev->u.call);
            if (s && s->noreturn) {
                cx->cur = NULL;
                return;
            }
        }
    }
    const ir_term *t = &blk->term;
    switch (t->kind) {
    case TERM_GOTO:
        cx->cur = NULL;
        if (blk->nsuccs) add_state(cx, blk->succs[0], cx->running);
        break;
    case TERM_MULTI:
        cx->cur = NULL;
        for (uint32_t i = 0; i < blk->nsuccs; i++)
            add_state(cx, blk->succs[i], i + 1 < blk->nsuccs ? fork_state(cx, &cx->running) : cx->running);
        break;
    case TERM_BRANCH: {
        int64_t l, r;
        cx->cur = NULL;
        if (blk->nsuccs < 2) break;
        const ir_cond *c = &t->cond;
        bool nonzero_test = c->rhs.kind == OPND_INT && c->rhs.value == 0 && (c->cmp == CMP_EQ || c->cmp == CMP_NE) &&
                            c->lhs.kind == OPND_PLACE && c->lhs.place.root == ROOT_VAR && !c->lhs.place.npath &&
                            !c->lhs.offset && env_nonzero(cx->running.env, c->lhs.place.index);
        if (eval_operand(cx, cx->running.env, &c->lhs, &l) && eval_operand(cx, cx->running.env, &c->rhs, &r)) {
            bool holds = cmp_holds(c->cmp, l, r);
            take_edge(cx, &cx->running, t, blk->succs[holds ? 0 : 1], holds, true, true);
        } else if (nonzero_test) {
            bool holds = c->cmp == CMP_NE;
            take_edge(cx, &cx->running, t, blk->succs[holds ? 0 : 1], holds, true, true);
        } else {
            take_edge(cx, &cx->running, t, blk->succs[0], true, false, false);
            take_edge(cx, &cx->running, t, blk->succs[1], false, false, true);
        }
        break;
    }
    case TERM_RETURN:
        if (cx->ck->ret) cx->ck->ret(cx, cx->running.cs, t);
        cx->cur = NULL;
        break;
    case TERM_UNREACHABLE:
        cx->cur = NULL;
        break;
    }
}

/* Targets of back edges in a depth-first walk from the entry (iterative: functions can be huge). Widening only
 * there keeps correlated branches in long straight-line code precise. */
static bool *find_loop_heads(arena *a, const ir_function *f) {
    bool *head = arena_alloc(a, (f->nblocks + 1) * sizeof *head);
    uint8_t *mark = arena_alloc(a, (f->nblocks + 1) * sizeof *mark); /* 0 new, 1 on stack, 2 done */
    uint32_t *stack = arena_alloc(a, (f->nblocks + 1) * sizeof *stack);
    uint32_t *next = arena_alloc(a, (f->nblocks + 1) * sizeof *next);
    uint32_t sp = 0;
    stack[sp++] = 0;
    mark[0] = 1;
    while (sp) {
        uint32_t b = stack[sp - 1];
        const ir_block *blk = &f->blocks[b];
        if (next[b] < blk->nsuccs) {
            uint32_t s = blk->succs[next[b]++];
            if (s >= f->nblocks) continue;
            if (mark[s] == 1)
                head[s] = true;
            else if (mark[s] == 0) {
                mark[s] = 1;
                stack[sp++] = s;
            }
            continue;
        }
        mark[b] = 2;
        sp--;
    }
    return head;
}

engine_result engine_run(const program *prog, const ir_module *m, const ir_function *f, const checker_ops *checker,
                         fn_summary *summary, const engine_limits *limits, finding_list *out) {
    engine_ctx cx = {.prog = prog, .m = m, .f = f, .ck = checker, .summary = summary, .out = out};
    cx.limits = limits ? *limits : engine_default_limits();
    if (cx.limits.max_states_per_block == 0) cx.limits.max_states_per_block = 1;
    arena_init(&cx.arena);
    strmap_init(&cx.reported);
    engine_result res = {0};
    if (f->nblocks == 0) {
        arena_free(&cx.arena);
        strmap_free(&cx.reported);
        return res;
    }
    cx.blocks = arena_alloc(&cx.arena, f->nblocks * sizeof *cx.blocks);
    cx.loop_head = find_loop_heads(&cx.arena, f);
    path_state entry = {.env = &empty_env};
    entry.cs = checker->entry(&cx);
    if (!entry.cs) {
        free(cx.work);
        strmap_free(&cx.reported);
        arena_free(&cx.arena);
        return res;
    }
    cx.deadline = cx.limits.max_seconds > 0 ? monotonic_seconds() + cx.limits.max_seconds : 0;
    add_state(&cx, 0, entry);
    /* LIFO: finishes one path's straight-line continuation before starting another, which keeps states few. */
    while (cx.nwork) {
        work_item w = cx.work[--cx.nwork];
        if (++cx.visits > cx.limits.max_block_visits || out_of_budget(&cx, cx.visits % ENGINE_CLOCK_EVERY == 0)) {
            res.budget_exhausted = true;
            res.timed_out = cx.over_time;
            break;
        }
        run_block(&cx, w.block, w.st);
        if (cx.over_budget) {
            res.budget_exhausted = true;
            res.timed_out = cx.over_time;
            break;
        }
    }
    res.block_visits = cx.visits;
    if (checker->finish) checker->finish(&cx);
    free(cx.work);
    strmap_free(&cx.reported);
    arena_free(&cx.arena);
    return res;
}
