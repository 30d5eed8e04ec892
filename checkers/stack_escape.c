/* stack_escape.c — rule stack-address-escape: the address of an automatic object outlives its frame.
 *
 * A small points-to analysis per path. Objects are the function's automatic variables (locals, parameters' own
 * storage, compound literals, alloca memory), the objects its pointer parameters point to (the caller's memory),
 * "outside" memory reached through globals, and unknown memory. A cell is an object plus a field/element path; the
 * state maps cells to the objects whose addresses they may hold. When a path returns, a local address still held by
 * the return value, a global, or the caller's memory is a finding — so an address stored and cleared again before the
 * return is not. The same facts, for the parameters' objects, become the function's escape summary, which callers
 * (in this TU or another) apply at each call. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "objset.h"
#include "registry.h"

static const rule_info stack_escape_rules[] = {
    {.id = "stack-address-escape",
     .name = "StackAddressEscape",
     .short_desc = "Address of an automatic object outlives its frame",
     .full_desc = "The address of a local variable, parameter, compound literal or alloca'd memory is returned, stored "
                  "in a global or static, stored into memory the caller can reach, or handed to a function that keeps "
                  "it; once the function returns, that pointer dangles.",
     .level = SEV_WARNING,
     .tags = "reliability security external/cwe/cwe-562",
     .precision = "high",
     .security_severity = "7.5"},
};

/* --- objects and sets ------------------------------------------------------------------------------------------ */

typedef struct esc_fn {
    uint32_t nvars, nparams, nglobals;
    uint32_t nobj;          /* objects that sets can hold: locals, param pointees, OUTSIDE, UNKNOWN */
    uint32_t nsites;        /* calls returning a pointer: each call site is one heap-or-unknown object */
    const ir_event **sites; /* sorted by address, for lookup */
    ir_loc *site_loc;
    ir_loc *addr_loc; /* where each local's address was first taken */
    bool *addr_seen;
    /* summary accumulation over all returning paths */
    param_facts *facts;
    uint32_t returns;       /* returning paths seen */
    uint32_t *global_paths; /* per parameter: returning paths on which it ended up in a global */
    /* Does the return value tell the caller whether the parameter was kept? Per parameter: a constant returned on
     * every path that kept it, and the values returned on paths that did not keep it. */
    int64_t *kept_value;
    uint8_t *kept_value_state; /* 0 none yet, 1 one constant, 2 varies or unknown */
    struct value_list *other_values;
    /* findings, merged over paths and reported in finish: one per escaping statement */
    struct pending *pending;
    uint32_t npending, cappending;
} esc_fn;

typedef struct value_list {
    int64_t *values;
    uint32_t n, cap;
    bool unknown;
} value_list;

typedef struct pending {
    ir_loc at;
    const char *how, *note;
    objset objs;
    report_step *steps; /* path notes of the first path that found it, plus the store/return steps */
    size_t nsteps;
} pending;

/* Object ids: [0, nvars) locals; [nvars, nvars+nparams) what param i points to; then OUTSIDE and UNKNOWN; then one
 * object per call site returning a pointer (fresh heap memory, or memory we know nothing about). Cell bases
 * additionally use GLOBAL(g) = nobj + g. */
static uint32_t obj_param(const esc_fn *ef, uint32_t i) {
    return ef->nvars + i;
}
static uint32_t obj_outside(const esc_fn *ef) {
    return ef->nvars + ef->nparams;
}
static uint32_t obj_unknown(const esc_fn *ef) {
    return ef->nvars + ef->nparams + 1;
}
static uint32_t obj_site(const esc_fn *ef, uint32_t k) {
    return ef->nvars + ef->nparams + 2 + k;
}
static bool is_site(const esc_fn *ef, uint32_t o) {
    return o >= obj_site(ef, 0) && o < ef->nobj;
}
static uint32_t base_global(const esc_fn *ef, uint32_t g) {
    return ef->nobj + g;
}

static int event_ptr_cmp(const void *a, const void *b) {
    const ir_event *x = *(const ir_event *const *)a, *y = *(const ir_event *const *)b;
    return x < y ? -1 : x > y;
}

static int32_t site_of(const esc_fn *ef, const ir_event *ev) {
    uint32_t lo = 0, hi = ef->nsites;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ef->sites[mid] == ev) return (int32_t)mid;
        if (ef->sites[mid] < ev)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

enum { MAX_CELL_PATH = 6 };

static void set_add(engine_ctx *cx, objset *s, uint32_t o) {
    *s = objset_with(engine_arena(cx), *s, o);
}
static void set_union(engine_ctx *cx, objset *d, objset s) {
    *d = objset_union(engine_arena(cx), *d, s);
}

static bool is_automatic(const ir_function *f, uint32_t v) {
    return v < f->nvars && (f->vars[v].kind == VAR_LOCAL || f->vars[v].kind == VAR_PARAM);
}

/* --- state ----------------------------------------------------------------------------------------------------- */

typedef struct esc_cell {
    uint32_t base;
    uint16_t npath;
    const ir_path_step *path; /* FIELD/INDEX steps only */
    objset objs;
    ir_loc loc;     /* the store that put a local address here */
    uint32_t seq;   /* path position of that store */
    bool from_call; /* written by a callee (its summary), or since handed to one that may undo it: not reported */
} esc_cell;

/* A local address handed to a callee that keeps it. */
typedef struct esc_call {
    objset objs;
    ir_loc loc;
    uint32_t seq;
    const char *callee;
    uint32_t how;       /* ESC_GLOBAL / ESC_HEAP */
    const char *global; /* for ESC_GLOBAL */
} esc_call;

typedef struct esc_state {
    esc_cell *cells;
    uint32_t ncells, cap;
    esc_call *calls;
    uint32_t ncalls, capcalls;
} esc_state;

static esc_fn *fn_of(engine_ctx *cx) {
    return *engine_checker_data(cx);
}

static bool steps_equal(const ir_path_step *a, const ir_path_step *b, uint16_t n) {
    for (uint16_t i = 0; i < n; i++) {
        if (a[i].kind != b[i].kind) return false;
        if (a[i].kind == STEP_FIELD && strcmp(a[i].field, b[i].field) != 0) return false;
    }
    return true;
}

static esc_cell *find_cell(esc_state *st, uint32_t base, const ir_path_step *path, uint16_t npath) {
    for (uint32_t i = 0; i < st->ncells; i++) {
        esc_cell *c = &st->cells[i];
        if (c->base == base && c->npath == npath && steps_equal(c->path, path, npath)) return c;
    }
    return NULL;
}

static esc_cell *add_cell(engine_ctx *cx, esc_state *st, uint32_t base, const ir_path_step *path, uint16_t npath) {
    if (st->ncells == st->cap) {
        uint32_t cap = st->cap ? st->cap * 2 : 8;
        st->cells = arena_grow(engine_arena(cx), st->cells, st->ncells, cap, sizeof *st->cells);
        st->cap = cap;
    }
    esc_cell *c = &st->cells[st->ncells++];
    *c = (esc_cell){.base = base, .npath = npath, .path = path};
    return c;
}

/* Remove cells at or below (base, path): a strong update overwrites the whole sub-object. */
static void kill_cells(esc_state *st, uint32_t base, const ir_path_step *path, uint16_t npath) {
    uint32_t out = 0;
    for (uint32_t i = 0; i < st->ncells; i++) {
        esc_cell *c = &st->cells[i];
        bool below = c->base == base && c->npath >= npath && steps_equal(c->path, path, npath);
        if (!below) st->cells[out++] = *c;
    }
    st->ncells = out;
}

static void *esc_entry(engine_ctx *cx) {
    const ir_function *f = engine_function(cx);
    const ir_module *m = engine_module(cx);
    esc_fn *ef = arena_alloc(engine_arena(cx), sizeof *ef);
    ef->nvars = f->nvars;
    ef->nparams = f->nparams;
    ef->nglobals = m->nglobals;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind == EV_CALL && ev->u.call.result_var >= 0 && f->vars[ev->u.call.result_var].is_pointer)
                ef->nsites++;
        }
    ef->sites = arena_alloc(engine_arena(cx), (ef->nsites + 1) * sizeof *ef->sites);
    ef->site_loc = arena_alloc(engine_arena(cx), (ef->nsites + 1) * sizeof *ef->site_loc);
    uint32_t k = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind == EV_CALL && ev->u.call.result_var >= 0 && f->vars[ev->u.call.result_var].is_pointer)
                ef->sites[k++] = ev;
        }
    qsort(ef->sites, ef->nsites, sizeof *ef->sites, event_ptr_cmp);
    for (uint32_t i = 0; i < ef->nsites; i++)
        ef->site_loc[i] = ef->sites[i]->loc;
    ef->nobj = f->nvars + f->nparams + 2 + ef->nsites;
    ef->addr_loc = arena_alloc(engine_arena(cx), (f->nvars + 1) * sizeof *ef->addr_loc);
    ef->addr_seen = arena_alloc(engine_arena(cx), (f->nvars + 1) * sizeof *ef->addr_seen);
    ef->facts = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *ef->facts);
    ef->global_paths = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *ef->global_paths);
    ef->kept_value = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *ef->kept_value);
    ef->kept_value_state = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *ef->kept_value_state);
    ef->other_values = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *ef->other_values);
    *engine_checker_data(cx) = ef;

    esc_state *st = arena_alloc(engine_arena(cx), sizeof *st);
    /* Each pointer parameter starts out pointing to the caller's object. */
    for (uint32_t i = 0; i < f->nparams; i++) {
        esc_cell *c = add_cell(cx, st, i, NULL, 0);
        set_add(cx, &c->objs, obj_param(ef, i));
    }
    return st;
}

static void *esc_clone(engine_ctx *cx, const void *p) {
    const esc_state *s = p;
    esc_state *d = arena_alloc(engine_arena(cx), sizeof *d);
    d->cap = s->ncells;
    d->ncells = s->ncells;
    /* The sets are immutable: the copy shares them. */
    if (s->ncells) {
        d->cells = arena_dup(engine_arena(cx), s->cells, s->ncells * sizeof *d->cells);
    }
    d->capcalls = d->ncalls = s->ncalls;
    if (s->ncalls) {
        d->calls = arena_dup(engine_arena(cx), s->calls, s->ncalls * sizeof *d->calls);
    }
    return d;
}

static bool esc_equal(const void *pa, const void *pb) {
    const esc_state *a = pa, *b = pb;
    if (a->ncells != b->ncells || a->ncalls != b->ncalls) return false;
    /* Cell order can differ between paths: compare as maps. */
    for (uint32_t i = 0; i < a->ncells; i++) {
        const esc_cell *ca = &a->cells[i];
        const esc_cell *cb = find_cell((esc_state *)b, ca->base, ca->path, ca->npath);
        if (!cb || !objset_equal(ca->objs, cb->objs)) return false;
    }
    for (uint32_t i = 0; i < a->ncalls; i++) {
        bool found = false;
        for (uint32_t j = 0; j < b->ncalls && !found; j++)
            found = a->calls[i].loc.line == b->calls[j].loc.line && a->calls[i].loc.col == b->calls[j].loc.col &&
                    a->calls[i].loc.file == b->calls[j].loc.file;
        if (!found) return false;
    }
    return true;
}

static void esc_join(engine_ctx *cx, void *pinto, const void *pfrom) {
    esc_state *into = pinto;
    const esc_state *from = pfrom;
    for (uint32_t i = 0; i < from->ncells; i++) {
        const esc_cell *c = &from->cells[i];
        esc_cell *d = find_cell(into, c->base, c->path, c->npath);
        if (!d) {
            d = add_cell(cx, into, c->base, c->path, c->npath);
            d->loc = c->loc;
            d->seq = c->seq;
        }
        set_union(cx, &d->objs, c->objs);
    }
    for (uint32_t i = 0; i < from->ncalls; i++) {
        bool found = false;
        for (uint32_t j = 0; j < into->ncalls && !found; j++)
            found =
                into->calls[j].loc.line == from->calls[i].loc.line && into->calls[j].loc.col == from->calls[i].loc.col;
        if (found) continue;
        if (into->ncalls == into->capcalls) {
            uint32_t cap = into->capcalls ? into->capcalls * 2 : 4;
            into->calls = arena_grow(engine_arena(cx), into->calls, into->ncalls, cap, sizeof *into->calls);
            into->capcalls = cap;
        }
        into->calls[into->ncalls++] = from->calls[i];
    }
}

/* --- evaluation ------------------------------------------------------------------------------------------------ */

/* Bases (objects) whose memory a place denotes, plus the trailing non-deref path. The place's path is walked: each
 * DEREF replaces the bases by the objects the current cells point to. */
typedef struct resolved {
    objset bases;    /* objects (locals, param pointees, OUTSIDE, UNKNOWN) */
    uint32_t global; /* UINT32_MAX, or the global whose own storage is the base (no deref seen) */
    const ir_path_step *path;
    uint16_t npath;
} resolved;

static void read_cells(engine_ctx *cx, esc_state *st, const resolved *r, objset *out);

static resolved resolve(engine_ctx *cx, esc_state *st, const ir_place *p) {
    const esc_fn *ef = fn_of(cx);
    resolved r = {.global = UINT32_MAX};
    if (p->root == ROOT_VAR)
        set_add(cx, &r.bases, p->index);
    else if (p->root == ROOT_GLOBAL)
        r.global = p->index;
    else
        set_add(cx, &r.bases, obj_unknown(ef));
    uint16_t start = 0;
    for (uint16_t i = 0; i < p->npath; i++) {
        if (p->path[i].kind != STEP_DEREF) continue;
        resolved prefix = r;
        prefix.path = p->path + start;
        prefix.npath = (uint16_t)(i - start);
        objset next = {0};
        read_cells(cx, st, &prefix, &next);
        r.bases = next;
        r.global = UINT32_MAX;
        start = (uint16_t)(i + 1);
    }
    r.path = p->path ? p->path + start : NULL; /* no path steps: NULL, and NULL + 0 is undefined */
    r.npath = (uint16_t)(p->npath - start);
    return r;
}

/* Union of what the cells of r hold. Reading memory nothing was stored into: a global's or the caller's memory
 * holds outside pointers, anything else unknown ones. */
static void read_cells(engine_ctx *cx, esc_state *st, const resolved *r, objset *out) {
    const esc_fn *ef = fn_of(cx);
    if (r->global != UINT32_MAX) {
        esc_cell *c = find_cell(st, base_global(ef, r->global), r->path, r->npath);
        if (c)
            set_union(cx, out, c->objs);
        else
            set_add(cx, out, obj_outside(ef));
        return;
    }
    for (uint32_t k = 0; k < r->bases.n; k++) {
        uint32_t o = r->bases.items[k];
        esc_cell *c = find_cell(st, o, r->path, r->npath);
        if (c)
            set_union(cx, out, c->objs);
        else if (o >= ef->nvars && o != obj_unknown(ef) && !is_site(ef, o))
            set_add(cx, out, obj_outside(ef));
        else
            set_add(cx, out, obj_unknown(ef));
    }
}

static void note_addr(engine_ctx *cx, uint32_t v, ir_loc loc) {
    esc_fn *ef = fn_of(cx);
    if (v < ef->nvars && !ef->addr_seen[v]) {
        ef->addr_seen[v] = true;
        ef->addr_loc[v] = loc;
    }
}

/* The objects whose addresses an operand's value may hold. */
static objset eval(engine_ctx *cx, esc_state *st, const ir_operand *op, ir_loc loc) {
    objset out = {0};
    switch (op->kind) {
    case OPND_ADDR: {
        if (!ir_place_has_deref(&op->place)) {
            if (op->place.root == ROOT_VAR) {
                set_add(cx, &out, op->place.index);
                note_addr(cx, op->place.index, loc);
            }
            return out; /* &global: static storage, never dangles */
        }
        resolved r = resolve(cx, st, &op->place);
        if (r.global == UINT32_MAX) out = r.bases;
        return out;
    }
    case OPND_PLACE: {
        resolved r = resolve(cx, st, &op->place);
        read_cells(cx, st, &r, &out);
        return out;
    }
    default:
        return out;
    }
}

/* Copy the sub-cells of a record-typed source place below a destination (struct assignment / return by value). */
static void copy_subcells(engine_ctx *cx, esc_state *st, const resolved *src, uint32_t dst_base,
                          const ir_path_step *dst_path, uint16_t dst_npath, bool strong, ir_loc loc) {
    const esc_fn *ef = fn_of(cx);
    uint32_t n = st->ncells;
    for (uint32_t i = 0; i < n; i++) {
        esc_cell c = st->cells[i];
        bool from_src = (src->global != UINT32_MAX ? c.base == base_global(ef, src->global)
                                                   : c.base < ef->nobj && objset_has(src->bases, c.base)) &&
                        c.npath > src->npath && steps_equal(c.path, src->path, src->npath);
        if (!from_src) continue;
        uint16_t extra = (uint16_t)(c.npath - src->npath);
        ir_path_step *path = arena_alloc(engine_arena(cx), (size_t)(dst_npath + extra) * sizeof *path + 1);
        if (dst_npath) memcpy(path, dst_path, dst_npath * sizeof *path);
        memcpy(path + dst_npath, c.path + src->npath, extra * sizeof *path);
        /* Copying a struct into a part of itself (`n = n.next` on nested structs) in a loop would grow paths
         * forever: deeper paths fold into their prefix, which only merges what they hold. */
        uint16_t npath = (uint16_t)(dst_npath + extra);
        bool folded = npath > MAX_CELL_PATH;
        if (folded) npath = MAX_CELL_PATH;
        esc_cell *d = find_cell(st, dst_base, path, npath);
        if (!d) d = add_cell(cx, st, dst_base, path, npath);
        if (strong && !folded) d->objs = (objset){0};
        set_union(cx, &d->objs, st->cells[i].objs);
        d->loc = loc;
        d->seq = engine_path_seq(cx);
    }
}

static void write_cell(engine_ctx *cx, esc_state *st, uint32_t base, const ir_path_step *path, uint16_t npath,
                       objset objs, bool strong, ir_loc loc, const resolved *record_src, bool from_call) {
    if (strong) kill_cells(st, base, path, npath);
    if (!objset_empty(objs)) {
        esc_cell *c = find_cell(st, base, path, npath);
        if (!c) c = add_cell(cx, st, base, path, npath);
        set_union(cx, &c->objs, objs);
        c->loc = loc;
        c->seq = engine_path_seq(cx);
        c->from_call = from_call;
    }
    if (record_src) copy_subcells(cx, st, record_src, base, path, npath, strong, loc);
}

static void assign(engine_ctx *cx, esc_state *st, const ir_place *dst, objset objs, ir_loc loc,
                   const resolved *record_src) {
    const esc_fn *ef = fn_of(cx);
    resolved r = resolve(cx, st, dst);
    bool has_index = false;
    for (uint16_t i = 0; i < r.npath; i++)
        if (r.path[i].kind == STEP_INDEX) has_index = true;
    if (r.global != UINT32_MAX) {
        write_cell(cx, st, base_global(ef, r.global), r.path, r.npath, objs, !has_index, loc, record_src, false);
        return;
    }
    uint32_t nbases = r.bases.n;
    for (uint32_t k = 0; k < r.bases.n; k++) {
        uint32_t o = r.bases.items[k];
        if (o == obj_unknown(ef)) continue;
        /* A single target is overwritten even when it stands for many objects (OUTSIDE, a call site): clearing
         * `lfields->inv = NULL` after `lfields->inv = &inv` must count, and precision comes before soundness. */
        write_cell(cx, st, o, r.path, r.npath, objs, nbases == 1 && !has_index, loc, record_src, false);
    }
}

static bool operand_is_record(engine_ctx *cx, const ir_operand *op) {
    if (op->kind != OPND_PLACE) return false;
    const ir_function *f = engine_function(cx);
    if (op->place.npath == 0 && op->place.root == ROOT_VAR) return f->vars[op->place.index].is_record;
    if (op->place.npath == 0 && op->place.root == ROOT_GLOBAL)
        return engine_module(cx)->globals[op->place.index].is_record;
    return op->place.npath > 0; /* a field may itself be a struct: copying sub-cells is harmless otherwise */
}

static void add_call_escape(engine_ctx *cx, esc_state *st, objset objs, ir_loc loc, const char *callee, uint32_t how,
                            const char *global) {
    if (st->ncalls == st->capcalls) {
        uint32_t cap = st->capcalls ? st->capcalls * 2 : 4;
        st->calls = arena_grow(engine_arena(cx), st->calls, st->ncalls, cap, sizeof *st->calls);
        st->capcalls = cap;
    }
    st->calls[st->ncalls++] = (esc_call){
        .objs = objs, .loc = loc, .seq = engine_path_seq(cx), .callee = callee, .how = how, .global = global};
}

static void esc_event(engine_ctx *cx, void *p, const ir_event *ev) {
    esc_state *st = p;
    const esc_fn *ef = fn_of(cx);
    switch (ev->kind) {
    case EV_ASSIGN: {
        const ir_operand *src = &ev->u.assign.src;
        objset objs = eval(cx, st, src, ev->loc);
        resolved rs;
        const resolved *record_src = NULL;
        if (operand_is_record(cx, src)) {
            rs = resolve(cx, st, &src->place);
            record_src = &rs;
        }
        assign(cx, st, &ev->u.assign.dst, objs, ev->loc, record_src);
        return;
    }
    case EV_CALL: {
        const ir_call *call = &ev->u.call;
        objset result = {0};
        const fn_summary *sum = engine_callee_summary(cx, call);
        /* A callee that assigns a global may have cleared what we stored there: forget it (precision first). */
        for (uint32_t i = 0; sum && i < sum->nclobbers; i++) {
            int32_t g = ir_find_global(engine_module(cx), sum->clobbers[i]);
            if (g >= 0) kill_cells(st, base_global(ef, (uint32_t)g), NULL, 0);
            /* and what an earlier callee parked in that global (scriptPrepareForRun, then scriptResetRun) — the
             * global may be static in another file: match by the name at the end of its USR */
            const char *at = strrchr(sum->clobbers[i], '@');
            const char *gname = at ? at + 1 : sum->clobbers[i];
            uint32_t out = 0;
            for (uint32_t k = 0; k < st->ncalls; k++)
                if (!(st->calls[k].how == ESC_GLOBAL && st->calls[k].global && strcmp(st->calls[k].global, gname) == 0))
                    st->calls[out++] = st->calls[k];
            st->ncalls = out;
        }
        objset *args = arena_alloc(engine_arena(cx), (call->nargs + 1) * sizeof *args);
        for (uint32_t i = 0; i < call->nargs; i++)
            args[i] = eval(cx, st, &call->args[i], ev->loc);
        /* A local linked into the caller's memory (`middle->prev = &tail`, `q->prev->next = &tail`: a list
         * sentinel on the stack), then handed to a function of the project: that function may unlink it again
         * through another alias (nginx's ngx_queue_sort splits into a local `tail` and ngx_queue_merge relinks it),
         * which this analysis does not follow. The store is no longer reported (precision first). */
        if (!call->system_callee)
            for (uint32_t i = 0; i < st->ncells; i++) {
                esc_cell *c = &st->cells[i];
                if (c->base < ef->nvars || c->base > obj_outside(ef) || c->from_call) continue;
                for (uint32_t a = 0; a < call->nargs && !c->from_call; a++)
                    for (uint32_t k = 0; k < args[a].n && args[a].items[k] < ef->nvars && !c->from_call; k++)
                        if (objset_has(c->objs, args[a].items[k])) c->from_call = true;
            }
        if (sum) {
            for (uint32_t i = 0; i < call->nargs && i < sum->nparams; i++) {
                const param_facts *pf = &sum->params[i];
                if (!pf->escapes || objset_empty(args[i])) continue;
                /* A callee that keeps the pointer in a global on some of its paths only (`if (busy) return -1;
                 * cur = c;`): whether it did is decided by its result, which is not followed; not reported. */
                if (pf->escapes & (ESC_GLOBAL | ESC_HEAP))
                    add_call_escape(cx, st, args[i], ev->loc, call->callee,
                                    (pf->escapes & ESC_GLOBAL) && !(pf->escapes & ESC_SOME_PATHS) ? ESC_GLOBAL
                                                                                                  : ESC_HEAP,
                                    pf->escape_global);
                if ((pf->escapes & ESC_PARAM) && pf->escape_param >= 0 && (uint32_t)pf->escape_param < call->nargs) {
                    /* the callee did *arg_k = arg_i */
                    objset targets = args[pf->escape_param];
                    for (uint32_t k = 0; k < targets.n; k++)
                        if (targets.items[k] != obj_unknown(ef))
                            write_cell(cx, st, targets.items[k], NULL, 0, args[i], false, ev->loc, NULL, true);
                }
                if (pf->escapes & ESC_RETURN) set_union(cx, &result, args[i]);
            }
        }
        int32_t site = site_of(ef, ev);
        if (site >= 0 && objset_empty(result)) set_add(cx, &result, obj_site(ef, (uint32_t)site));
        if (call->result_var >= 0) {
            ir_place rp = ir_place_var((uint32_t)call->result_var);
            assign(cx, st, &rp, result, ev->loc, NULL);
        }
        return;
    }
    case EV_DECL:
        /* A new lifetime of the variable: nothing it held before is in it. */
        kill_cells(st, ev->u.decl.var, NULL, 0);
        return;
    case EV_SCOPE_END:
        return;
    }
}

/* --- findings and summary at return ---------------------------------------------------------------------------- */

/* "local 'x'", "parameter 'p'", "a compound literal", "memory from alloca()". */
static const char *object_name(engine_ctx *cx, uint32_t v) {
    const ir_var *var = &engine_function(cx)->vars[v];
    if (strcmp(var->name, "compound literal") == 0) return "a compound literal";
    if (strcmp(var->name, "alloca'd memory") == 0) return "memory from alloca()";
    return arena_printf(engine_arena(cx), "%s '%s'", var->kind == VAR_PARAM ? "parameter" : "local", var->name);
}

static const char *cell_desc(engine_ctx *cx, const esc_cell *c) {
    const esc_fn *ef = fn_of(cx);
    const ir_function *f = engine_function(cx);
    const ir_module *m = engine_module(cx);
    ir_place p = {0};
    if (c->base >= ef->nobj) {
        p.root = ROOT_GLOBAL;
        p.index = c->base - ef->nobj;
        p.path = c->path;
        p.npath = c->npath;
        return ir_place_str(engine_arena(cx), m, f, &p);
    }
    if (c->base >= ef->nvars && c->base < obj_outside(ef)) {
        /* *param.path */
        ir_path_step *steps = arena_alloc(engine_arena(cx), (c->npath + 1u) * sizeof *steps);
        steps[0].kind = STEP_DEREF;
        if (c->npath) memcpy(steps + 1, c->path, c->npath * sizeof *steps);
        p.root = ROOT_VAR;
        p.index = c->base - ef->nvars;
        p.path = steps;
        p.npath = (uint16_t)(c->npath + 1);
        return ir_place_str(engine_arena(cx), m, f, &p);
    }
    return NULL;
}

/* Which heap objects (call-site objects) are reachable, at this return, from something that outlives the frame:
 * the return value, a global, the caller's memory. root_global[k] names the global it hangs from, if any. */
typedef struct heap_reach {
    bool *escaped;
    const char **root_global;
} heap_reach;

static bool cell_outlives(const esc_fn *ef, const esc_cell *c, const heap_reach *hr) {
    if (c->base >= ef->nobj) return true;                                    /* a global */
    if (c->base >= ef->nvars && c->base <= obj_outside(ef)) return true;     /* caller's or outside memory */
    if (is_site(ef, c->base)) return hr->escaped[c->base - obj_site(ef, 0)]; /* heap hanging from those */
    return false;
}

static heap_reach reach_heap(engine_ctx *cx, const esc_state *st, objset ret_objs) {
    const esc_fn *ef = fn_of(cx);
    const ir_module *m = engine_module(cx);
    heap_reach hr = {arena_alloc(engine_arena(cx), (ef->nsites + 1) * sizeof(bool)),
                     arena_alloc(engine_arena(cx), (ef->nsites + 1) * sizeof(const char *))};
    for (uint32_t k = 0; k < ret_objs.n; k++)
        if (is_site(ef, ret_objs.items[k])) hr.escaped[ret_objs.items[k] - obj_site(ef, 0)] = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t i = 0; i < st->ncells; i++) {
            const esc_cell *c = &st->cells[i];
            if (!cell_outlives(ef, c, &hr)) continue;
            const char *root = c->base >= ef->nobj    ? m->globals[c->base - ef->nobj].name
                               : is_site(ef, c->base) ? hr.root_global[c->base - obj_site(ef, 0)]
                                                      : NULL;
            for (uint32_t j = 0; j < c->objs.n; j++) {
                if (!is_site(ef, c->objs.items[j])) continue;
                uint32_t k = c->objs.items[j] - obj_site(ef, 0);
                if (hr.escaped[k]) continue;
                hr.escaped[k] = true;
                hr.root_global[k] = root;
                changed = true;
            }
        }
    }
    return hr;
}

/* One finding per escaping statement, naming every automatic object whose address escapes there on any path. The
 * first path that reaches it supplies the branch notes. */
static void report_site(engine_ctx *cx, objset objs, ir_loc at, const char *how, const char *store_note, uint32_t since,
                        ir_loc ret_loc) {
    esc_fn *ef = fn_of(cx);
    const ir_function *f = engine_function(cx);
    bool any = false;
    for (uint32_t k = 0; k < objs.n && !any; k++)
        any = is_automatic(f, objs.items[k]);
    if (!any) return;
    for (uint32_t i = 0; i < ef->npending; i++) {
        pending *pd = &ef->pending[i];
        if (pd->at.file == at.file && pd->at.line == at.line && pd->at.col == at.col && strcmp(pd->how, how) == 0) {
            set_union(cx, &pd->objs, objs);
            return;
        }
    }
    if (ef->npending == ef->cappending) {
        uint32_t cap = ef->cappending ? ef->cappending * 2 : 8;
        ef->pending = arena_grow(engine_arena(cx), ef->pending, ef->npending, cap, sizeof *ef->pending);
        ef->cappending = cap;
    }
    pending *pd = &ef->pending[ef->npending++];
    *pd = (pending){.at = at, .how = how, .note = store_note, .objs = objs};
    report_step *path = NULL;
    size_t npath = store_note ? engine_path_notes(cx, since, &path) : 0;
    pd->steps = arena_alloc(engine_arena(cx), (npath + 2) * sizeof *pd->steps);
    if (npath) memcpy(pd->steps, path, npath * sizeof *path);
    pd->nsteps = npath;
    if (store_note) {
        pd->steps[pd->nsteps++] = (report_step){at, store_note, since};
        pd->steps[pd->nsteps++] =
            (report_step){ret_loc, "the function returns here while the address is still stored", engine_path_seq(cx)};
    }
}

static void flush_pending(engine_ctx *cx) {
    esc_fn *ef = fn_of(cx);
    const ir_function *f = engine_function(cx);
    for (uint32_t i = 0; i < ef->npending; i++) {
        const pending *pd = &ef->pending[i];
        uint32_t nlocals = 0;
        const char *names = NULL;
        report_step *steps = arena_alloc(engine_arena(cx), (ef->nvars + pd->nsteps + 1) * sizeof *steps);
        size_t n = 0;
        for (uint32_t j = 0; j < pd->objs.n; j++) {
            uint32_t v = pd->objs.items[j];
            if (!is_automatic(f, v)) continue;
            const char *name = object_name(cx, v);
            names = names ? arena_printf(engine_arena(cx), "%s, %s", names, name) : name;
            nlocals++;
            if (ef->addr_seen[v])
                steps[n++] =
                    (report_step){ef->addr_loc[v], arena_printf(engine_arena(cx), "address of %s taken here", name), 0};
        }
        memcpy(steps + n, pd->steps, pd->nsteps * sizeof *steps);
        n += pd->nsteps;
        const char *msg;
        if (nlocals == 1 && strcmp(names, "memory from alloca()") == 0)
            msg = arena_printf(engine_arena(cx), "memory from alloca() escapes %s", pd->how);
        else
            msg = arena_printf(engine_arena(cx), "%s of %s escape%s %s", nlocals > 1 ? "addresses" : "address", names,
                               nlocals > 1 ? "" : "s", pd->how);
        engine_report(cx, "stack-address-escape", pd->at, msg, steps, n, UINT32_MAX);
    }
}

static void record_param_fact(esc_fn *ef, uint32_t param, uint32_t how, const char *global, int32_t to_param,
                              unsigned line) {
    param_facts *pf = &ef->facts[param];
    if ((how & ESC_GLOBAL) && !pf->escape_global) pf->escape_global = global;
    if ((how & ESC_PARAM) && !(pf->escapes & ESC_PARAM)) pf->escape_param = to_param;
    if (!pf->escapes) pf->escape_line = line;
    pf->escapes |= how;
}

static const char *cell_how(engine_ctx *cx, const esc_cell *c, const heap_reach *hr, const char **note) {
    const esc_fn *ef = fn_of(cx);
    const ir_module *m = engine_module(cx);
    const char *where = cell_desc(cx, c);
    arena *a = engine_arena(cx);
    if (c->base >= ef->nobj) {
        const ir_global *g = &m->globals[c->base - ef->nobj];
        *note = arena_printf(a, "stored into '%s' here", where);
        return arena_printf(a, "via %s '%s'",
                            g->is_function_scope_static ? "static variable"
                            : g->is_static              ? "static global"
                                                        : "global",
                            where);
    }
    if (c->base < obj_outside(ef)) {
        *note = arena_printf(a, "stored into '%s' here", where);
        return arena_printf(a, "via '%s', which the caller can reach", where);
    }
    if (is_site(ef, c->base)) {
        uint32_t k = c->base - obj_site(ef, 0);
        *note = "stored into heap memory here";
        if (hr->root_global[k])
            return arena_printf(a, "into heap memory (allocated at line %u) reachable from global '%s'",
                                ef->site_loc[k].line, hr->root_global[k]);
        return arena_printf(a, "into heap memory (allocated at line %u) that outlives the function",
                            ef->site_loc[k].line);
    }
    *note = "stored into memory reachable from a global here";
    return "into memory reachable from a global";
}

static void esc_ret(engine_ctx *cx, void *p, const ir_term *t) {
    esc_state *st = p;
    esc_fn *ef = fn_of(cx);
    ef->returns++;
    /* which parameters end up in a global on this path (for ESC_SOME_PATHS) */
    bool *to_global = arena_alloc(engine_arena(cx), (ef->nparams + 1) * sizeof *to_global);
    const ir_module *m = engine_module(cx);

    /* 1. The returned value, including fields of a struct returned by value. */
    objset ret_objs = {0};
    if (t->has_ret) {
        ret_objs = eval(cx, st, &t->ret, t->loc);
        if (operand_is_record(cx, &t->ret)) {
            resolved r = resolve(cx, st, &t->ret.place);
            for (uint32_t i = 0; i < st->ncells; i++) {
                const esc_cell *c = &st->cells[i];
                bool inside = (r.global != UINT32_MAX ? c->base == base_global(ef, r.global)
                                                      : c->base < ef->nobj && objset_has(r.bases, c->base)) &&
                              c->npath > r.npath && steps_equal(c->path, r.path, r.npath);
                if (inside) set_union(cx, &ret_objs, c->objs);
            }
        }
        report_site(cx, ret_objs, t->loc, "via the return value", NULL, UINT32_MAX, t->loc);
        for (uint32_t i = 0; i < ef->nparams; i++)
            if (objset_has(ret_objs, obj_param(ef, i))) record_param_fact(ef, i, ESC_RETURN, NULL, -1, t->loc.line);
    }

    /* 2. Memory that outlives the frame: globals, the caller's objects, outside memory, heap hanging from those. */
    heap_reach hr = reach_heap(cx, st, ret_objs);
    for (uint32_t i = 0; i < st->ncells; i++) {
        const esc_cell *c = &st->cells[i];
        if (!cell_outlives(ef, c, &hr)) continue;
        /* A callee that links a local into the caller's structures (intrusive lists, event-loop registration) is
         * usually unlinked again by another call before the frame dies, which this analysis cannot see: only
         * stores this function makes itself are findings. */
        if (!c->from_call) {
            const char *note = NULL;
            const char *how = cell_how(cx, c, &hr, &note);
            report_site(cx, c->objs, c->loc, how, note, c->seq, t->loc);
        }
        const char *gname = c->base >= ef->nobj    ? m->globals[c->base - ef->nobj].name
                            : is_site(ef, c->base) ? hr.root_global[c->base - obj_site(ef, 0)]
                                                   : NULL;
        for (uint32_t k = 0; k < ef->nparams; k++) {
            if (!objset_has(c->objs, obj_param(ef, k))) continue;
            if (gname) {
                record_param_fact(ef, k, ESC_GLOBAL, gname, -1, c->loc.line);
                to_global[k] = true;
            } else if (c->base >= ef->nvars && c->base < obj_outside(ef) && c->base - ef->nvars != k)
                record_param_fact(ef, k, ESC_PARAM, NULL, (int32_t)(c->base - ef->nvars), c->loc.line);
            else if (c->base >= ef->nvars && c->base - ef->nvars != k)
                record_param_fact(ef, k, ESC_HEAP, NULL, -1, c->loc.line);
        }
    }

    /* 3. Addresses handed to callees that keep them in a global. A callee that links the pointer into memory its
     * caller handed over (ESC_HEAP) is not reported, for the reason given above. */
    for (uint32_t i = 0; i < st->ncalls; i++) {
        const esc_call *c = &st->calls[i];
        if (c->how == ESC_GLOBAL) {
            const char *how =
                c->global
                    ? arena_printf(engine_arena(cx), "via '%s', which stores it in global '%s'", c->callee, c->global)
                    : arena_printf(engine_arena(cx), "via '%s', which keeps it in a global", c->callee);
            report_site(cx, c->objs, c->loc, how, arena_printf(engine_arena(cx), "passed to '%s' here", c->callee),
                        c->seq, t->loc);
        }
        for (uint32_t k = 0; k < ef->nparams; k++)
            if (objset_has(c->objs, obj_param(ef, k))) {
                record_param_fact(ef, k, c->how, c->global, -1, c->loc.line);
                if (c->how == ESC_GLOBAL) to_global[k] = true;
            }
    }
    int64_t rv = 0;
    bool known = t->has_ret && engine_const_value(cx, &t->ret, &rv);
    for (uint32_t k = 0; k < ef->nparams; k++) {
        if (to_global[k]) {
            ef->global_paths[k]++;
            if (!known)
                ef->kept_value_state[k] = 2;
            else if (ef->kept_value_state[k] == 0) {
                ef->kept_value[k] = rv;
                ef->kept_value_state[k] = 1;
            } else if (ef->kept_value[k] != rv)
                ef->kept_value_state[k] = 2;
        } else if (t->has_ret) {
            value_list *vl = &ef->other_values[k];
            if (!known) {
                vl->unknown = true;
            } else {
                if (vl->n == vl->cap) {
                    uint32_t cap = vl->cap ? vl->cap * 2 : 4;
                    vl->values = arena_grow(engine_arena(cx), vl->values, vl->n, cap, sizeof *vl->values);
                    vl->cap = cap;
                }
                vl->values[vl->n++] = rv;
            }
        }
    }
}

static void esc_finish(engine_ctx *cx) {
    esc_fn *ef = fn_of(cx);
    if (!ef) return;
    flush_pending(cx);
    fn_summary *s = engine_own_summary(cx);
    if (!s) return;
    for (uint32_t i = 0; i < ef->nparams && i < s->nparams; i++) {
        param_facts *pf = &ef->facts[i];
        s->params[i].escapes = pf->escapes;
        /* Kept on some paths only, and the return value says which (0 when kept, -1 when not): the caller's test
         * of the result decides, which is not followed, so callers do not report it. A function that just gives up
         * quietly on a rare path (a void function whose malloc failed) still counts as keeping it. */
        bool signalled = false;
        const value_list *vl = &ef->other_values[i];
        if (ef->kept_value_state[i] == 1)
            for (uint32_t k = 0; k < vl->n; k++)
                signalled |= vl->values[k] != ef->kept_value[i];
        else if (ef->kept_value_state[i] == 2)
            signalled = vl->n > 0 || vl->unknown;
        if ((pf->escapes & ESC_GLOBAL) && ef->global_paths[i] < ef->returns && signalled)
            s->params[i].escapes |= ESC_SOME_PATHS;
        s->params[i].escape_param = pf->escapes & ESC_PARAM ? pf->escape_param : -1;
        s->params[i].escape_line = pf->escape_line;
        s->params[i].escape_global = NULL;
        if (pf->escape_global) s->params[i].escape_global = pf->escape_global;
    }
}

const checker_ops stack_escape_checker = {
    .name = "stack-escape",
    .rules = stack_escape_rules,
    .nrules = sizeof stack_escape_rules / sizeof stack_escape_rules[0],
    .entry = esc_entry,
    .clone = esc_clone,
    .equal = esc_equal,
    .join = esc_join,
    .event = esc_event,
    .branch = NULL,
    .ret = esc_ret,
    .finish = esc_finish,
};
