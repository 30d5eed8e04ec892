/* timeouts.c — rule missing-timeout: a call that waits on a remote peer (curl_easy_perform, recv, redisCommand...)
 * made on a handle that has no time bound on the path that reaches it.
 *
 * It rides on the handle tracker (the handle family runs it): the tracker already knows which locals hold which
 * handle along each path, so a handle only needs a set of properties (models.h model_prop: `timeout`, `socket`,
 * `nonblocking`...) that calls set, clear or copy. A blocking call (model_block) on a handle acquired in this function
 * is reported when the handle lacks every set of properties that bounds it. A handle whose history is unknown — a
 * parameter, a global, a copy of one — is never reported here; instead the function's summary says it blocks on that
 * parameter, and the caller, who may know the handle, checks it there. Summaries also carry the properties a helper
 * sets on its parameter (`configure(h)`), those of a handle a wrapper returns, and whether the function waits with a
 * finite timeout (poll/select), which guards socket calls in its callers. */
#include <string.h>

#include "model_match.h"
#include "tracker_state.h"

/* Properties of a handle whose history is unknown (copied from a parameter's): treated as bounded. */
#define PROPS_UNKNOWN UINT32_MAX

typedef struct timeout_fn {
    bool guarded;              /* a wait with a finite timeout in this function or a function it calls */
    uint32_t *param_sets;      /* per parameter: properties set on the handle it holds, on some path */
    const char **param_blocks; /* per parameter: a blocking call made on it (model function name) */
    unsigned *param_block_lines;
    uint32_t returned_props;
    bool returned;
    uint32_t cur_block; /* the block whose events the engine is walking */
    uint8_t *in_loop;   /* per block: 0 not yet known, 1 no, 2 inside a cycle of the CFG */
} timeout_fn;

/* Is the block on a cycle of the CFG (inside a loop)? A depth-first walk from its successors, once per block. */
static bool block_in_loop(engine_ctx *cx, timeout_fn *tf, uint32_t block) {
    const ir_function *f = engine_function(cx);
    arena *a = engine_arena(cx);
    if (!tf->in_loop) {
        tf->in_loop = arena_alloc(a, f->nblocks + 1);
        memset(tf->in_loop, 0, f->nblocks + 1);
    }
    if (block >= f->nblocks) return false;
    if (tf->in_loop[block]) return tf->in_loop[block] == 2;
    uint8_t *seen = arena_alloc(a, f->nblocks + 1);
    memset(seen, 0, f->nblocks + 1);
    uint32_t *stack = arena_alloc(a, (f->nblocks + 1) * sizeof *stack), n = 0;
    bool found = false;
    for (uint32_t i = 0; i < f->blocks[block].nsuccs; i++)
        if (!seen[f->blocks[block].succs[i]]) seen[stack[n++] = f->blocks[block].succs[i]] = 1;
    while (n && !found) {
        uint32_t b = stack[--n];
        if (b == block) found = true;
        for (uint32_t i = 0; i < f->blocks[b].nsuccs && !found; i++) {
            uint32_t s = f->blocks[b].succs[i];
            if (!seen[s]) seen[stack[n++] = s] = 1;
        }
    }
    tf->in_loop[block] = found ? 2 : 1;
    return found;
}

void timeouts_block(engine_ctx *cx, hfn *hf, uint32_t block) {
    (void)cx;
    hf->timeouts->cur_block = block;
}

static void entry_scan(engine_ctx *cx, timeout_fn *tf) {
    const ir_function *f = engine_function(cx);
    const models *m = engine_models(cx);
    for (uint32_t b = 0; b < f->nblocks && !tf->guarded; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !tf->guarded; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_CALL) continue;
            const ir_call *call = &ev->u.call;
            const model_wait *w = models_wait(m, call->callee);
            if (w && (uint32_t)w->timeout < call->nargs) {
                /* poll(fds, n, -1) and select(..., NULL) wait forever; a variable timeout is taken as finite */
                const ir_operand *t = &call->args[w->timeout];
                bool infinite =
                    t->kind == OPND_INT && (w->infinite == INFINITE_NEGATIVE ? t->value < 0 : t->value == 0);
                if (!infinite) tf->guarded = true;
                continue;
            }
            const fn_summary *s = engine_callee_summary(cx, call);
            if (s && s->bounded_wait) tf->guarded = true;
        }
}

void timeouts_entry(engine_ctx *cx, hfn *hf) {
    arena *a = engine_arena(cx);
    uint32_t np = engine_function(cx)->nparams;
    timeout_fn *tf = arena_alloc(a, sizeof *tf);
    memset(tf, 0, sizeof *tf);
    tf->param_sets = arena_alloc(a, (np + 1) * sizeof *tf->param_sets);
    tf->param_blocks = arena_alloc(a, (np + 1) * sizeof *tf->param_blocks);
    tf->param_block_lines = arena_alloc(a, (np + 1) * sizeof *tf->param_block_lines);
    memset(tf->param_sets, 0, (np + 1) * sizeof *tf->param_sets);
    memset(tf->param_blocks, 0, (np + 1) * sizeof *tf->param_blocks);
    memset(tf->param_block_lines, 0, (np + 1) * sizeof *tf->param_block_lines);
    entry_scan(cx, tf);
    hf->timeouts = tf;
}

/* The parameter whose value handle h is (not its pointee or a part), or -1. */
static int32_t param_value(const hfn *hf, uint32_t h) {
    const handle_info *hi = &hf->handles[h];
    return hi->param >= 0 && !hi->pointee && !hi->nsub ? hi->param : -1;
}

static void apply(hslot *s, uint32_t sets, uint32_t clears) {
    if (s->props == PROPS_UNKNOWN) return;
    s->props = (s->props & ~clears) | sets;
}

static void property_call(engine_ctx *cx, hstate *st, const ir_event *ev, const model_prop *p) {
    const ir_call *call = &ev->u.call;
    hfn *hf = tracker_fn(cx);
    if (!model_option_is(cx, call, p->option, p->is_name, p->has_is_value, p->is_value)) return;
    uint32_t sets = p->sets, clears = p->clears;
    int64_t v;
    /* CURLOPT_TIMEOUT, 0L: "no timeout" — the property is cleared, not set */
    if (p->value >= 0 && (uint32_t)p->value < call->nargs && engine_const_value(cx, &call->args[p->value], &v) &&
        v == 0)
        clears |= sets, sets = 0;
    if (p->flags >= 0) {
        if ((uint32_t)p->flags >= call->nargs) return;
        tri t = model_has_flag(cx, &call->args[p->flags], p->flag);
        if (t == T_NO) clears |= sets, sets = 0; /* fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) */
        if (t == T_NO && p->handle < 0) return;  /* socket() without SOCK_NONBLOCK: nothing to clear yet */
    }
    if (p->handle < 0) {
        int32_t h = tracker_site_handle(hf, ev);
        if (h < 0 || st->slots[h].status != H_OPEN || hf->handles[h].kind != p->kind) return;
        apply(&st->slots[h], sets, clears);
        if (p->copies >= 0 && (uint32_t)p->copies < call->nargs) {
            /* curl_easy_duphandle(src): the copy has src's options; of an unknown handle, unknown ones */
            hvalue src = tracker_eval(cx, st, &call->args[p->copies]);
            uint32_t props = src.n ? 0 : PROPS_UNKNOWN;
            for (uint32_t i = 0; i < src.n; i++)
                props |= param_value(hf, src.handles[i]) >= 0 || hf->handles[src.handles[i]].param >= 0
                             ? PROPS_UNKNOWN
                             : st->slots[src.handles[i]].props;
            st->slots[h].props = props;
        }
        return;
    }
    if ((uint32_t)p->handle >= call->nargs) return;
    hvalue hv = tracker_eval(cx, st, &call->args[p->handle]);
    for (uint32_t i = 0; i < hv.n; i++) {
        uint32_t h = hv.handles[i];
        int32_t param = param_value(hf, h);
        if (param >= 0)
            hf->timeouts->param_sets[param] |= sets;
        else if (st->slots[h].status == H_OPEN && hf->handles[h].kind == p->kind)
            apply(&st->slots[h], sets, clears);
    }
}

static bool bounded(uint32_t props, const model_block *b) {
    for (uint32_t i = 0; i < b->nbounded; i++)
        if ((props & b->bounded_by[i]) == b->bounded_by[i]) return true;
    return false;
}

/* A blocking call `b` on the handle in `operand`, made here or (via != NULL) by the project function `via` at
 * via_line, which blocks on the argument it was given. */
static void blocking_call(engine_ctx *cx, hstate *st, const ir_event *ev, const model_block *b,
                          const ir_operand *operand, const char *via, unsigned via_line) {
    hfn *hf = tracker_fn(cx);
    timeout_fn *tf = hf->timeouts;
    arena *a = engine_arena(cx);
    const char *rule = hf->fam->timeout_rule;
    const char *what = via ? arena_printf(a, "'%s' (which calls '%s' at line %u)", via, b->function, via_line)
                           : arena_printf(a, "'%s'", b->function);
    if (b->conninfo >= 0) {
        /* PQconnectdb("host=db dbname=app"): a literal the code cannot change at run time */
        if (operand->kind != OPND_STRING || !operand->text || strstr(operand->text, b->contains)) return;
        const char *msg = arena_printf(a, "%s connects with no time bound: the connection string has no '%s'%s%s", what,
                                       b->contains, b->hint ? "; " : "", b->hint ? b->hint : "");
        engine_report(cx, rule, ev->loc, msg, NULL, 0, UINT32_MAX);
        return;
    }
    if (b->guarded_by_wait && tf->guarded) return;
    if (b->dontwait >= 0 && (uint32_t)b->dontwait < ev->u.call.nargs &&
        model_has_flag(cx, &ev->u.call.args[b->dontwait], b->dontwait_flag) != T_NO)
        return; /* recv(..., MSG_DONTWAIT): this call does not wait */
    if (b->ok_in_loop && block_in_loop(cx, tf, tf->cur_block)) return;
    hvalue hv = tracker_eval(cx, st, operand);
    for (uint32_t i = 0; i < hv.n && !hv.address; i++) {
        uint32_t h = hv.handles[i];
        const handle_info *hi = &hf->handles[h];
        const hslot *s = &st->slots[h];
        int32_t param = param_value(hf, h);
        if (param >= 0 && !tf->param_blocks[param]) {
            tf->param_blocks[param] = b->function;
            tf->param_block_lines[param] = via ? via_line : ev->loc.line;
        }
        /* handed off (to poll() inside a struct, to a project function that keeps it) is still this handle, with
         * the properties followed here; one given to an unknown function has unknown ones (below) */
        bool live = s->status == H_OPEN || s->status == H_HANDED_OFF;
        if (hi->param >= 0 || !live || hi->kind != b->kind || s->props == PROPS_UNKNOWN) continue;
        if ((s->props & b->requires) != b->requires || bounded(s->props, b)) continue;
        const char *partial =
            (s->props & b->partial) && b->partial_note ? arena_printf(a, " (%s)", b->partial_note) : "";
        const char *msg =
            arena_printf(a, "%s may wait forever: %s has no timeout on this path%s%s%s", what,
                         tracker_handle_desc(cx, st, h), partial, b->hint ? "; " : "", b->hint ? b->hint : "");
        report_step step = {
            .loc = hi->loc, .message = arena_printf(a, "%s %s here", hi->kind_name, hf->fam->acquired), .seq = s->seq};
        engine_report(cx, rule, ev->loc, msg, &step, 1, s->seq);
    }
}

void timeouts_call(engine_ctx *cx, hstate *st, const ir_event *ev) {
    const ir_call *call = &ev->u.call;
    if (!call->callee) return;
    const models *m = engine_models(cx);
    hfn *hf = tracker_fn(cx);
    for (const model_prop *p = models_prop_next(m, call->callee, NULL); p; p = models_prop_next(m, call->callee, p))
        property_call(cx, st, ev, p);
    for (const model_block *b = models_block_next(m, call->callee, NULL); b;
         b = models_block_next(m, call->callee, b)) {
        int32_t arg = b->conninfo >= 0 ? b->conninfo : b->handle;
        if ((uint32_t)arg < call->nargs) blocking_call(cx, st, ev, b, &call->args[arg], NULL, 0);
    }
    const fn_summary *sum = engine_callee_summary(cx, call);
    if (!sum && !call->system_callee && !models_first(m, call->callee)) {
        /* a function we know nothing of may configure what it is given */
        for (uint32_t i = 0; i < call->nargs; i++) {
            hvalue hv = tracker_eval(cx, st, &call->args[i]);
            for (uint32_t k = 0; k < hv.n; k++)
                st->slots[hv.handles[k]].props = PROPS_UNKNOWN;
        }
        return;
    }
    if (!sum) return;
    int32_t site = tracker_site_handle(hf, ev);
    if (site >= 0 && sum->returns_handle && st->slots[site].status == H_OPEN)
        st->slots[site].props = models_prop_mask(m, sum->returns_props);
    for (uint32_t i = 0; i < call->nargs && i < sum->nparams; i++) {
        const param_session_facts *pf = &sum->params[i].session;
        if (pf->sets) {
            uint32_t sets = models_prop_mask(m, pf->sets);
            hvalue hv = tracker_eval(cx, st, &call->args[i]);
            for (uint32_t k = 0; k < hv.n && !hv.address; k++) {
                int32_t param = param_value(hf, hv.handles[k]);
                if (param >= 0)
                    hf->timeouts->param_sets[param] |= sets;
                else if (st->slots[hv.handles[k]].status == H_OPEN)
                    apply(&st->slots[hv.handles[k]], sets, 0);
            }
        }
        if (pf->blocks) {
            /* the helper's own blocking call, judged with the model entry it matched there */
            for (const model_block *b = models_block_next(m, pf->blocks, NULL); b;
                 b = models_block_next(m, pf->blocks, b))
                if (b->handle >= 0) {
                    blocking_call(cx, st, ev, b, &call->args[i], call->callee, pf->block_line);
                    break;
                }
        }
    }
}

void timeouts_ret(engine_ctx *cx, hstate *st, const ir_term *term) {
    if (!term->has_ret) return;
    hfn *hf = tracker_fn(cx);
    hvalue hv = tracker_eval(cx, st, &term->ret);
    for (uint32_t i = 0; i < hv.n && !hv.address; i++) {
        uint32_t h = hv.handles[i];
        if (hf->handles[h].param >= 0 || st->slots[h].status != H_OPEN) continue;
        /* a bound set on any returning path counts: quiet rather than guess */
        hf->timeouts->returned_props |= st->slots[h].props;
        hf->timeouts->returned = true;
    }
}

void timeouts_finish(engine_ctx *cx, hfn *hf, fn_summary *s) {
    const timeout_fn *tf = hf->timeouts;
    const models *m = engine_models(cx);
    for (uint32_t i = 0; i < s->nparams && i < engine_function(cx)->nparams; i++) {
        param_session_facts *pf = &s->params[i].session;
        if (tf->param_sets[i])
            pf->sets = arena_strdup(s->home, models_prop_list(engine_arena(cx), m, tf->param_sets[i]));
        if (tf->param_blocks[i]) {
            pf->blocks = arena_strdup(s->home, tf->param_blocks[i]);
            pf->block_line = tf->param_block_lines[i];
        }
    }
    if (tf->returned && tf->returned_props && s->returns_handle) {
        uint32_t props = tf->returned_props == PROPS_UNKNOWN ? 0 : tf->returned_props;
        if (tf->returned_props == PROPS_UNKNOWN) props = UINT32_MAX >> (32 - (m && m->nprops ? m->nprops : 1));
        s->returns_props = arena_strdup(s->home, models_prop_list(engine_arena(cx), m, props));
    }
    if (tf->guarded) s->bounded_wait = true;
}
