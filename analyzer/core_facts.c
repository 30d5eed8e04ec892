/* core_facts.c — summary facts every checker relies on, computed with the engine like any checker: whether a
 * function always returns the same constant (so `if (globalReturnsTrue())` prunes in its callers) and whether it
 * never returns (so paths through a project's own `die()` end there). It reports nothing. */
#include "core_facts.h"

#include <stdint.h>

typedef struct facts {
    bool any_return;
    bool all_const;
    int64_t value;
} facts;

static const int dummy_state; /* every path has the same (empty) state */

static void *cf_entry(engine_ctx *cx) {
    facts *f = arena_alloc(engine_arena(cx), sizeof *f);
    f->all_const = true;
    *engine_checker_data(cx) = f;
    return (void *)&dummy_state;
}

static void *cf_clone(engine_ctx *cx, const void *st) {
    (void)cx;
    return (void *)st;
}

static bool cf_equal(const void *a, const void *b) {
    return a == b;
}
static void cf_join(engine_ctx *cx, void *into, const void *from) {
    (void)cx;
    (void)into;
    (void)from;
}
static void cf_event(engine_ctx *cx, void *st, const ir_event *ev) {
    (void)cx;
    (void)st;
    (void)ev;
}

static void cf_ret(engine_ctx *cx, void *st, const ir_term *t) {
    (void)st;
    facts *f = *engine_checker_data(cx);
    int64_t v;
    bool known = t->has_ret && engine_const_value(cx, &t->ret, &v);
    if (!known || (f->any_return && v != f->value)) f->all_const = false;
    if (known) f->value = v;
    f->any_return = true;
}

/* Globals this function may assign: its own assignments, and what its callees clobber. */
static void collect_clobbers(engine_ctx *cx, fn_summary *s) {
    const ir_function *fn = engine_function(cx);
    const ir_module *m = engine_module(cx);
    for (uint32_t b = 0; b < fn->nblocks; b++)
        for (uint32_t e = 0; e < fn->blocks[b].nevents; e++) {
            const ir_event *ev = &fn->blocks[b].events[e];
            if (ev->kind == EV_ASSIGN && ev->u.assign.dst.root == ROOT_GLOBAL && !ir_place_has_deref(&ev->u.assign.dst))
                summary_add_clobber(s, m->globals[ev->u.assign.dst.index].usr);
            if (ev->kind == EV_CALL) {
                const fn_summary *callee = engine_callee_summary(cx, &ev->u.call);
                for (uint32_t i = 0; callee && i < callee->nclobbers; i++)
                    summary_add_clobber(s, callee->clobbers[i]);
            }
        }
}

static void cf_finish(engine_ctx *cx) {
    facts *f = *engine_checker_data(cx);
    fn_summary *s = engine_own_summary(cx);
    if (!f || !s) return;
    collect_clobbers(cx, s);
    s->noreturn = !f->any_return;
    s->returns_const = f->any_return && f->all_const;
    s->return_value = s->returns_const ? f->value : 0;
}

const checker_ops core_facts_checker = {
    .name = "core-facts",
    .entry = cf_entry,
    .clone = cf_clone,
    .equal = cf_equal,
    .join = cf_join,
    .event = cf_event,
    .ret = cf_ret,
    .finish = cf_finish,
};
