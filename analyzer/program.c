/* program.c — the run's modules linked together: the function table by USR, program-wide constant globals, and the
 * bottom-up order (Tarjan's SCCs over the call graph) that summaries are computed in. */
#include "program.h"

#include <stdlib.h>
#include <string.h>

void program_init(program *p) {
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    strmap_init(&p->fn_by_usr);
    strmap_init(&p->stored_summaries);
    strmap_init(&p->global_consts);
    strmap_init(&p->model_summaries);
}

void program_free(program *p) {
    for (uint32_t i = 0; i < p->nmodules; i++)
        ir_module_free(p->modules[i]);
    strmap_free(&p->fn_by_usr);
    strmap_free(&p->stored_summaries);
    strmap_free(&p->global_consts);
    strmap_free(&p->model_summaries);
    arena_free(&p->arena);
    memset(p, 0, sizeof *p);
}

void program_add_module(program *p, ir_module *m) {
    if (p->nmodules == p->cap_modules) {
        uint32_t cap = p->cap_modules ? p->cap_modules * 2 : 16;
        p->modules = arena_grow(&p->arena, p->modules, p->nmodules, cap, sizeof *p->modules);
        p->cap_modules = cap;
    }
    p->modules[p->nmodules++] = m;
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        ir_function *f = m->functions[i];
        /* A header's inline function is analysed once per run, from the first TU that defines it. The same name
         * defined in two main files (each test program's `main`, a function linked into two executables) is two
         * functions: both are analysed; calls by USR resolve to the first. */
        if (!f->usr[0]) continue;
        bool duplicate = strmap_has(&p->fn_by_usr, f->usr);
        if (duplicate && f->is_inline_header) continue;
        if (p->nfns == p->cap_fns) {
            uint32_t cap = p->cap_fns ? p->cap_fns * 2 : 64;
            p->fns = arena_grow(&p->arena, p->fns, p->nfns, cap, sizeof *p->fns);
            p->cap_fns = cap;
        }
        p->fns[p->nfns] = (program_fn){.module = m, .fn = f, .index = p->nfns};
        if (!duplicate) strmap_put(&p->fn_by_usr, f->usr, (void *)(uintptr_t)(p->nfns + 1));
        p->nfns++;
    }
}

const program_fn *program_find_fn(const program *p, const char *usr) {
    if (!usr) return NULL;
    uintptr_t i = (uintptr_t)strmap_get(&p->fn_by_usr, usr);
    return i ? &p->fns[i - 1] : NULL;
}

const fn_summary *program_summary(const program *p, const char *usr) {
    const program_fn *pf = program_find_fn(p, usr);
    if (pf) return pf->summary;
    return usr ? strmap_get(&p->stored_summaries, usr) : NULL;
}

const fn_summary *program_call_summary(const program *p, const ir_call *call) {
    const fn_summary *s = program_summary(p, call->callee_usr);
    if (s || !call->callee || call->defined_in_program) return s;
    return strmap_get(&p->model_summaries, call->callee);
}

/* `functions:` models (memcpy returns its argument 0...) become summaries, so every checker applies them like the
 * summaries of functions with a body. */
static void synthesise_model_summaries(program *p) {
    if (!p->models) return;
    for (uint32_t i = 0; i < p->models->nfns; i++) {
        const model_fn *mf = &p->models->fns[i];
        if (mf->role != ROLE_RETURNS_ARG || mf->arg < 0) continue;
        fn_summary *s = strmap_get(&p->model_summaries, mf->function);
        uint32_t nparams = (uint32_t)mf->arg + 1;
        if (!s || s->nparams < nparams) {
            fn_summary *grown = summary_new(&p->arena, "", mf->function, mf->file, mf->line, nparams);
            if (s)
                for (uint32_t k = 0; k < s->nparams; k++)
                    grown->params[k] = s->params[k];
            s = grown;
            strmap_put(&p->model_summaries, s->name, s);
        }
        s->params[mf->arg].escapes |= ESC_RETURN;
    }
}

typedef struct global_fact {
    bool written;
    bool has_init;
    int64_t init;
    bool conflicting; /* different initialisers seen (two statics with one USR cannot happen; be safe) */
} global_fact;

void program_link(program *p) {
    synthesise_model_summaries(p);
    /* A global never written anywhere in the run, with a known integer initialiser, is a constant for branch
     * pruning; so is a const-qualified one. */
    strmap facts;
    strmap_init(&facts);
    for (uint32_t mi = 0; mi < p->nmodules; mi++) {
        ir_module *m = p->modules[mi];
        for (uint32_t g = 0; g < m->nglobals; g++) {
            const ir_global *gl = &m->globals[g];
            global_fact *f = strmap_get(&facts, gl->usr);
            if (!f) {
                f = arena_alloc(&p->arena, sizeof *f);
                strmap_put(&facts, gl->usr, f);
            }
            if (gl->written && !gl->is_const) f->written = true;
            if (gl->has_int_init) {
                if (f->has_init && f->init != gl->init) f->conflicting = true;
                f->has_init = true;
                f->init = gl->init;
            }
        }
        for (uint32_t fi = 0; fi < m->nfunctions; fi++) {
            ir_function *fn = m->functions[fi];
            for (uint32_t b = 0; b < fn->nblocks; b++) {
                ir_block *blk = &fn->blocks[b];
                for (uint32_t e = 0; e < blk->nevents; e++) {
                    ir_event *ev = &blk->events[e];
                    /* A summary stored by an earlier run (a TU the cache reused, one outside a pre-commit run) is
                     * a body in the project too: the same as when that TU is analysed in this run. */
                    if (ev->kind == EV_CALL && ev->u.call.callee_usr)
                        ev->u.call.defined_in_program = program_find_fn(p, ev->u.call.callee_usr) != NULL ||
                                                        strmap_has(&p->stored_summaries, ev->u.call.callee_usr);
                }
            }
        }
    }
    for (size_t i = 0; i < facts.cap; i++) {
        if (!facts.slots[i].key) continue;
        global_fact *f = facts.slots[i].value;
        if (f->written || !f->has_init || f->conflicting) continue;
        int64_t *box = arena_alloc(&p->arena, sizeof *box);
        *box = f->init;
        strmap_put(&p->global_consts, facts.slots[i].key, box);
    }
    strmap_free(&facts);
}

bool program_global_const(const program *p, const ir_module *m, uint32_t global_index, int64_t *out) {
    if (global_index >= m->nglobals) return false;
    const ir_global *g = &m->globals[global_index];
    if (g->is_const && g->has_int_init) {
        *out = g->init;
        return true;
    }
    const int64_t *box = strmap_get(&p->global_consts, g->usr);
    if (!box) return false;
    *out = *box;
    return true;
}

/* --- bottom-up order: iterative Tarjan so deep call chains cannot overflow the stack ------------------------------ */

typedef struct callee_list {
    uint32_t *items;
    uint32_t n;
} callee_list;

static callee_list callees_of(const program *p, arena *a, const program_fn *pf) {
    callee_list cl = {0};
    uint32_t cap = 0;
    const ir_function *f = pf->fn;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const ir_block *blk = &f->blocks[b];
        for (uint32_t e = 0; e < blk->nevents; e++) {
            const ir_event *ev = &blk->events[e];
            if (ev->kind != EV_CALL) continue;
            /* The called function, and every function whose address is passed (callbacks, thread start routines:
             * whether a routine detaches itself decides what its creator must do), are summarised first. */
            for (uint32_t i = 0; i <= ev->u.call.nargs; i++) {
                const program_fn *callee = NULL;
                if (i == ev->u.call.nargs)
                    callee = program_find_fn(p, ev->u.call.callee_usr);
                else if (ev->u.call.args[i].kind == OPND_FUNC)
                    callee = program_find_fn(p, ev->u.call.args[i].usr);
                if (!callee) continue;
                if (cl.n == cap) {
                    cap = cap ? cap * 2 : 8;
                    cl.items = arena_grow(a, cl.items, cl.n, cap, sizeof *cl.items);
                }
                cl.items[cl.n++] = callee->index;
            }
        }
    }
    return cl;
}

static uint32_t *bottom_up(const program *p, arena *a, uint32_t **scc_id_out, callee_list **callees_out) {
    uint32_t n = p->nfns;
    uint32_t *order = arena_alloc(a, (n + 1) * sizeof *order);
    uint32_t *scc_id = arena_alloc(a, (n + 1) * sizeof *scc_id);
    uint32_t *index = arena_alloc(a, (n + 1) * sizeof *index); /* 0 = unvisited, else dfs number + 1 */
    uint32_t *low = arena_alloc(a, (n + 1) * sizeof *low);
    bool *on_stack = arena_alloc(a, (n + 1) * sizeof *on_stack);
    uint32_t *stack = arena_alloc(a, (n + 1) * sizeof *stack);
    callee_list *callees = arena_alloc(a, (n + 1) * sizeof *callees);
    typedef struct frame {
        uint32_t v, next_edge;
    } frame;
    frame *dfs = arena_alloc(a, (n + 1) * sizeof *dfs);
    for (uint32_t i = 0; i < n; i++)
        callees[i] = callees_of(p, a, &p->fns[i]);

    uint32_t counter = 0, sp = 0, norder = 0, nscc = 0;
    for (uint32_t root = 0; root < n; root++) {
        if (index[root]) continue;
        uint32_t depth = 0;
        dfs[depth++] = (frame){root, 0};
        index[root] = low[root] = ++counter;
        stack[sp++] = root;
        on_stack[root] = true;
        while (depth) {
            frame *fr = &dfs[depth - 1];
            uint32_t v = fr->v;
            if (fr->next_edge < callees[v].n) {
                uint32_t w = callees[v].items[fr->next_edge++];
                if (!index[w]) {
                    index[w] = low[w] = ++counter;
                    stack[sp++] = w;
                    on_stack[w] = true;
                    dfs[depth++] = (frame){w, 0};
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = false;
                    scc_id[norder] = nscc;
                    order[norder++] = w;
                } while (w != v);
                nscc++;
            }
            depth--;
            if (depth) {
                uint32_t parent = dfs[depth - 1].v;
                if (low[v] < low[parent]) low[parent] = low[v];
            }
        }
    }
    if (scc_id_out) *scc_id_out = scc_id;
    if (callees_out) *callees_out = callees;
    return order;
}

uint32_t *program_bottom_up(const program *p, arena *a, uint32_t **scc_id_out) {
    return bottom_up(p, a, scc_id_out, NULL);
}

void program_scc_dag(const program *p, arena *a, program_sccs *out) {
    uint32_t n = p->nfns, *scc_id;
    callee_list *callees;
    memset(out, 0, sizeof *out);
    out->order = bottom_up(p, a, &scc_id, &callees);
    out->nsccs = n ? scc_id[n - 1] + 1 : 0;
    uint32_t ns = out->nsccs;
    out->first = arena_alloc(a, (ns + 1) * sizeof *out->first);
    out->ncallees = arena_alloc(a, (ns + 1) * sizeof *out->ncallees);
    out->caller_first = arena_alloc(a, (ns + 2) * sizeof *out->caller_first);
    uint32_t *scc_of = arena_alloc(a, (n + 1) * sizeof *scc_of); /* by function index */
    for (uint32_t i = 0; i < n; i++) {
        scc_of[out->order[i]] = scc_id[i];
        if (i == 0 || scc_id[i] != scc_id[i - 1]) out->first[scc_id[i]] = i;
    }
    out->first[ns] = n;
    /* Edges caller SCC -> callee SCC, each once: seen[callee] remembers the last caller SCC that named it. */
    uint32_t *seen = arena_alloc(a, (ns + 1) * sizeof *seen);
    for (uint32_t k = 0; k < ns; k++)
        seen[k] = UINT32_MAX;
    uint32_t nedges = 0, cap = 0;
    uint32_t *edge_from = NULL, *edge_to = NULL;
    for (uint32_t k = 0; k < ns; k++)
        for (uint32_t i = out->first[k]; i < out->first[k + 1]; i++) {
            const callee_list *cl = &callees[out->order[i]];
            for (uint32_t e = 0; e < cl->n; e++) {
                uint32_t to = scc_of[cl->items[e]];
                if (to == k || seen[to] == k) continue;
                seen[to] = k;
                if (nedges == cap) {
                    uint32_t ncap = cap ? cap * 2 : 64;
                    edge_from = arena_grow(a, edge_from, nedges, ncap, sizeof *edge_from);
                    edge_to = arena_grow(a, edge_to, nedges, ncap, sizeof *edge_to);
                    cap = ncap;
                }
                edge_from[nedges] = k;
                edge_to[nedges++] = to;
                out->ncallees[k]++;
            }
        }
    /* Callers grouped by callee (counting sort keeps them in caller order). */
    for (uint32_t e = 0; e < nedges; e++)
        out->caller_first[edge_to[e] + 2]++;
    for (uint32_t k = 0; k < ns; k++)
        out->caller_first[k + 2] += out->caller_first[k + 1];
    out->callers = arena_alloc(a, (nedges + 1) * sizeof *out->callers);
    for (uint32_t e = 0; e < nedges; e++)
        out->callers[out->caller_first[edge_to[e] + 1]++] = edge_from[e];
}
