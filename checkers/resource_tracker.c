/* resource_tracker.c — follows acquired resources along each path of a function, for the handle rules (handles.c)
 * and the thread rules (threads.c); see resource_tracker.h.
 *
 * Which calls acquire, release and use which kind of resource comes from the model files (models.h); what the
 * project's own functions do comes from their summaries (acquire wrappers, release wrappers, functions that keep a
 * handle). Per path, the state knows each handle's status (not acquired, open, released, handed off) and which
 * locals hold it. Branches on the holder (`fp == NULL`, `fd < 0`) or on an acquire's return code (`pipe(fds) < 0`,
 * `pthread_create(...) != 0`) remove the handle on the failure path. A path that returns with a handle still open
 * leaks it; so does overwriting the last local that held it.
 *
 * Precision policy (README): a handle passed to a function of the project that neither releases nor keeps it stays
 * open; passed to an unknown function that is not from a system header, it is handed off (that function may take
 * ownership); passed to a system-header function the models do not mention, it stays open (standard APIs that take
 * ownership are in the models). */
#include <stdlib.h>
#include <string.h>

#include "resource_tracker.h"
#include "tracker_state.h"

hfn *tracker_fn(engine_ctx *cx) {
    return *engine_checker_data(cx);
}

const model_kind *tracker_kind(engine_ctx *cx, int32_t kind) {
    const models *m = engine_models(cx);
    return m && kind >= 0 && (uint32_t)kind < m->nkinds ? &m->kinds[kind] : NULL;
}

/* Does this family follow the kind? (Function models without a kind, like `returns:`, apply to both.) */
static bool family_kind(engine_ctx *cx, int32_t kind) {
    const model_kind *k = tracker_kind(cx, kind);
    return !k || k->thread == tracker_fn(cx)->fam->threads;
}

/* A kind named by a summary: models kinds by name; a name the models do not know is a handle kind. */
static bool family_kind_name(engine_ctx *cx, const char *name) {
    const models *m = engine_models(cx);
    int32_t k = m ? models_kind_index(m, name) : -1;
    return k >= 0 ? family_kind(cx, k) : !tracker_fn(cx)->fam->threads;
}

/* The models of a function this family follows, in declaration order. */
static const model_fn *family_next(engine_ctx *cx, const model_fn *mf) {
    const models *m = engine_models(cx);
    for (; mf; mf = models_next(m, mf))
        if (family_kind(cx, mf->kind)) return mf;
    return NULL;
}
static const model_fn *family_first(engine_ctx *cx, const char *fn) {
    const models *m = engine_models(cx);
    return m && fn ? family_next(cx, models_first(m, fn)) : NULL;
}
#define FOR_FAMILY_MODELS(cx, mf, fn)                                                                                  \
    for (mf = family_first(cx, fn); mf; mf = family_next(cx, models_next(engine_models(cx), mf)))

static const model_fn *find_role(engine_ctx *cx, const char *fn, model_role role) {
    const model_fn *mf;
    FOR_FAMILY_MODELS(cx, mf, fn)
    if (mf->role == role) return mf;
    return NULL;
}

static uint32_t add_handle(engine_ctx *cx, hfn *hf, handle_info info) {
    ENGINE_GROW(cx, hf->handles, hf->nhandles, hf->cap);
    hf->handles[hf->nhandles] = info;
    return hf->nhandles++;
}

/* The handle ids of a call site, or -1. Sites were numbered at entry in event order. */
int32_t tracker_site_handle(const hfn *hf, const ir_event *ev) {
    for (uint32_t i = 0; i < hf->nhandles; i++)
        if (hf->handles[i].site == ev) return (int32_t)i;
    return -1;
}

enum { MAX_PARAM_PART_HANDLES = 96 };

/* The parameter part a place names: param.sub (value) or (*param).sub (pointee), with no further dereference. */
static bool param_part(const ir_function *f, const ir_place *p, uint32_t *param, bool *pointee,
                       const ir_path_step **sub, uint16_t *nsub) {
    if (p->root != ROOT_VAR || p->index >= f->nparams || p->npath == 0) return false;
    uint16_t start = p->path[0].kind == STEP_DEREF ? 1 : 0;
    for (uint16_t i = start; i < p->npath; i++)
        if (p->path[i].kind == STEP_DEREF) return false;
    if (start == 1 && p->npath == 1) return false; /* *param itself has its own handle */
    *param = p->index;
    *pointee = start == 1;
    *sub = p->path + start;
    *nsub = (uint16_t)(p->npath - start);
    return true;
}

static int32_t find_param_part(const hfn *hf, uint32_t param, bool pointee, const ir_path_step *sub, uint16_t nsub) {
    for (uint32_t i = 0; i < hf->nparam_handles || (hf->nparam_handles == 0 && i < hf->nhandles); i++) {
        const handle_info *hi = &hf->handles[i];
        if (hi->param == (int32_t)param && hi->pointee == pointee && hi->sub &&
            (hi->nsub == nsub && ir_steps_equal(hi->sub, sub, hi->nsub)))
            return (int32_t)i;
    }
    return -1;
}

static void add_param_part(engine_ctx *cx, hfn *hf, const ir_operand *op) {
    const ir_function *f = engine_function(cx);
    if (op->kind != OPND_PLACE && op->kind != OPND_ADDR) return;
    uint32_t param;
    bool pointee;
    const ir_path_step *sub;
    uint16_t nsub;
    if (!param_part(f, &op->place, &param, &pointee, &sub, &nsub)) return;
    if (find_param_part(hf, param, pointee, sub, nsub) >= 0) return;
    add_handle(cx, hf,
               (handle_info){.kind = -1,
                             .param = (int32_t)param,
                             .pointee = pointee,
                             .sub = sub,
                             .nsub = nsub,
                             .loc = f->vars[param].loc});
}

/* "*.out", ".fd", "*[1]", "*[]": a parameter part for the summary. */
static const char *encode_part(engine_ctx *cx, const handle_info *hi) {
    const char *s = hi->pointee ? "*" : "";
    for (uint16_t i = 0; i < hi->nsub; i++) {
        const ir_path_step *st = &hi->sub[i];
        if (st->kind == STEP_FIELD)
            s = arena_printf(engine_arena(cx), "%s.%s", s, st->field);
        else if (st->has_index)
            s = arena_printf(engine_arena(cx), "%s[%lld]", s, (long long)st->index);
        else
            s = arena_printf(engine_arena(cx), "%s[]", s);
    }
    return s;
}

/* The caller's place for a callee's parameter part: holder (the argument's place) plus the encoded steps. */
static bool decode_part(engine_ctx *cx, const char *code, bool address, ir_place holder, ir_place *out) {
    arena *a = engine_arena(cx);
    if ((*code == '*') != address) return false;
    if (*code == '*') code++;
    ir_place p = holder;
    while (*code) {
        if (*code == '.') {
            const char *start = ++code;
            while (*code && *code != '.' && *code != '[')
                code++;
            p = ir_place_extend_in(a, p, STEP_FIELD, arena_strndup(a, start, (size_t)(code - start)));
        } else if (*code == '[') {
            code++;
            if (*code == ']') {
                p = ir_place_extend_in(a, p, STEP_INDEX, NULL);
            } else {
                char *end;
                long long v = strtoll(code, &end, 10);
                if (*end != ']') return false;
                p = ir_place_extend_index_in(a, p, v);
                code = end;
            }
            if (*code != ']') return false;
            code++;
        } else {
            return false;
        }
    }
    *out = p;
    return true;
}

/* Does anything in the function concern the thread rules? Most functions create, join and detach no thread; the
 * thread pass skips them (what it would compute about their parameters, the handle pass computes too). */
static bool touches_family(engine_ctx *cx, const ir_function *f) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_CALL) continue;
            if (family_first(cx, ev->u.call.callee)) return true;
            const fn_summary *s = engine_callee_summary(cx, &ev->u.call);
            if (!s) continue;
            if (s->detaches_self || (s->returns_handle && family_kind_name(cx, s->returns_handle)) ||
                (s->acquires_out_kind && family_kind_name(cx, s->acquires_out_kind)))
                return true;
        }
    return false;
}

/* `tids + i`, `tids[i]`: an element of memory a pointer points to (ids created into a heap array). */
static bool pointer_element(const ir_operand *op) {
    if (op->kind != OPND_PLACE || op->place.root != ROOT_VAR) return false;
    return op->offset || (op->place.npath && op->place.path[op->place.npath - 1].kind == STEP_DEREF);
}

static bool collection_element(const ir_operand *op) {
    if ((op->kind != OPND_PLACE && op->kind != OPND_ADDR) || op->place.root != ROOT_VAR) return false;
    for (uint16_t i = 0; i < op->place.npath; i++)
        if (op->place.path[i].kind == STEP_DEREF) return false;
    for (uint16_t i = 0; i < op->place.npath; i++)
        if (op->place.path[i].kind == STEP_INDEX && !op->place.path[i].has_index) return true;
    return false;
}

enum { MAX_LOOP_BLOCKS = 20000 };

/* Loops whose body releases elements of a local array (see loop_release). Natural loops of the back edges of a
 * depth-first walk: the blocks that reach the latch without passing the head. */
static void find_loop_releases(engine_ctx *cx, hfn *hf, const ir_function *f) {
    arena *a = engine_arena(cx);
    uint32_t n = f->nblocks;
    if (n > MAX_LOOP_BLOCKS) return;
    /* release sites first: most functions have none, and then nothing else is computed */
    typedef struct site {
        uint32_t block;
        const ir_event *ev;
        const ir_operand *what;
        int32_t kind;
        bool detach, address;
    } site;
    site *sites = NULL;
    uint32_t nsites = 0, capsites = 0;
    for (uint32_t b = 0; b < n; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_CALL) continue;
            const ir_call *call = &ev->u.call;
            const model_fn *mf;
            bool modelled = false;
            FOR_FAMILY_MODELS(cx, mf, call->callee) {
                modelled = true;
                if (mf->role != ROLE_RELEASE || mf->arg < 0 || (uint32_t)mf->arg >= call->nargs ||
                    !(collection_element(&call->args[mf->arg]) || pointer_element(&call->args[mf->arg])))
                    continue;
                ENGINE_GROW(cx, sites, nsites, capsites);
                sites[nsites++] = (site){b, ev, &call->args[mf->arg], mf->kind, mf->detaches, false};
            }
            const fn_summary *sum = modelled ? NULL : engine_callee_summary(cx, call);
            for (uint32_t i = 0; sum && i < call->nargs && i < sum->nparams; i++) {
                const ir_operand *op = &call->args[i];
                bool address = op->kind == OPND_ADDR || op->offset;
                uint32_t bit = address ? HANDLE_RELEASES_POINTEE : HANDLE_RELEASES;
                if (!(sum->params[i].handle & bit) || !(collection_element(op) || pointer_element(op))) continue;
                ENGINE_GROW(cx, sites, nsites, capsites);
                sites[nsites++] = (site){b, ev, op, -1, false, address};
            }
        }
    if (!nsites) return;
    uint32_t *npred = arena_alloc(a, (n + 1) * sizeof *npred);
    for (uint32_t b = 0; b < n; b++)
        for (uint32_t i = 0; i < f->blocks[b].nsuccs; i++)
            if (f->blocks[b].succs[i] < n) npred[f->blocks[b].succs[i]]++;
    uint32_t **pred = arena_alloc(a, (n + 1) * sizeof *pred);
    uint32_t *fill = arena_alloc(a, (n + 1) * sizeof *fill);
    for (uint32_t b = 0; b < n; b++)
        pred[b] = arena_alloc(a, (npred[b] + 1) * sizeof **pred);
    for (uint32_t b = 0; b < n; b++)
        for (uint32_t i = 0; i < f->blocks[b].nsuccs; i++) {
            uint32_t s2 = f->blocks[b].succs[i];
            if (s2 < n) pred[s2][fill[s2]++] = b;
        }
    uint8_t *mark = arena_alloc(a, (n + 1) * sizeof *mark); /* 0 new, 1 on stack, 2 done */
    uint32_t *stack = arena_alloc(a, (n + 1) * sizeof *stack);
    uint32_t *next = arena_alloc(a, (n + 1) * sizeof *next);
    bool *body = arena_alloc(a, (n + 1) * sizeof *body);
    uint32_t *work = arena_alloc(a, (n + 1) * sizeof *work);
    uint32_t sp = 0;
    stack[sp++] = 0;
    mark[0] = 1;
    while (sp) {
        uint32_t b = stack[sp - 1];
        const ir_block *blk = &f->blocks[b];
        if (next[b] >= blk->nsuccs) {
            mark[b] = 2;
            sp--;
            continue;
        }
        uint32_t head = blk->succs[next[b]++];
        if (head >= n) continue;
        if (mark[head] == 0) {
            mark[head] = 1;
            stack[sp++] = head;
            continue;
        }
        if (mark[head] != 1) continue;
        /* back edge b -> head: its natural loop */
        memset(body, 0, (n + 1) * sizeof *body);
        uint32_t nwork = 0;
        body[head] = true;
        if (!body[b]) body[b] = true, work[nwork++] = b;
        while (nwork) {
            uint32_t x = work[--nwork];
            for (uint32_t i = 0; i < npred[x]; i++)
                if (!body[pred[x][i]]) body[pred[x][i]] = true, work[nwork++] = pred[x][i];
        }
        for (uint32_t i = 0; i < nsites; i++) {
            if (!body[sites[i].block]) continue;
            ENGINE_GROW(cx, hf->loop_releases, hf->nloop_releases, hf->cap_loop_releases);
            hf->loop_releases[hf->nloop_releases++] = (loop_release){.head = head,
                                                                     .what = sites[i].what,
                                                                     .kind = sites[i].kind,
                                                                     .detach = sites[i].detach,
                                                                     .address = sites[i].address,
                                                                     .site = sites[i].ev};
        }
    }
}

void *tracker_entry(engine_ctx *cx, const resource_family *family) {
    const ir_function *f = engine_function(cx);
    hfn *hf = arena_alloc(engine_arena(cx), sizeof *hf);
    *engine_checker_data(cx) = hf;
    hf->fam = family;
    hf->thread_arg_param = hf->thread_routine_param = -1;
    if (family->threads && !touches_family(cx, f)) {
        *engine_checker_data(cx) = NULL;
        return NULL;
    }
    /* Parameter handles first (ids 0 .. 2*nparams-1): the value and the pointee of each parameter, so the summary can
     * say "releases param i" or "releases *param i". */
    for (uint32_t i = 0; i < f->nparams; i++) {
        add_handle(cx, hf, (handle_info){.kind = -1, .param = (int32_t)i, .loc = f->vars[i].loc});
        add_handle(cx, hf, (handle_info){.kind = -1, .param = (int32_t)i, .pointee = true, .loc = f->vars[i].loc});
    }
    /* Parts of parameters that the body passes to calls (`fclose(j->out)`, `close(fds[1])`): each is a handle of
     * its own, so the summary can say "releases *param.out". */
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_CALL) continue;
            for (uint32_t a = 0; a < ev->u.call.nargs && hf->nhandles < MAX_PARAM_PART_HANDLES; a++)
                add_param_part(cx, hf, &ev->u.call.args[a]);
        }
    hf->nparam_handles = hf->nhandles;
    /* Locals the code does arithmetic on (`fd += 1` walking a range of descriptor numbers): what they hold is a
     * number the code manages itself, not a handle we can follow. */
    hf->numeric = arena_alloc(engine_arena(cx), (f->nvars + 1) * sizeof(bool));
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_ASSIGN || ev->u.assign.src.kind != OPND_ARITH) continue;
            const ir_place *d = &ev->u.assign.dst;
            const ir_operand *l = ev->u.assign.src.lhs;
            if (d->root == ROOT_VAR && !d->npath && l && l->kind == OPND_PLACE && l->place.root == ROOT_VAR &&
                l->place.index == d->index && !l->place.npath)
                hf->numeric[d->index] = true;
        }
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind != EV_CALL || !ev->u.call.callee) continue;
            const model_fn *acq = find_role(cx, ev->u.call.callee, ROLE_ACQUIRE);
            if (acq) {
                const model_kind *k = tracker_kind(cx, acq->kind);
                for (uint32_t i = 0; i < (acq->count ? acq->count : 1); i++)
                    add_handle(cx, hf,
                               (handle_info){.kind = acq->kind,
                                             .kind_name = k ? k->name : "handle",
                                             .acquired_by = ev->u.call.callee,
                                             .loc = ev->loc,
                                             .site = ev,
                                             .param = -1,
                                             .report = k ? k->report : true,
                                             .attr_arg = acq->attr,
                                             .routine_arg = acq->routine,
                                             .thread_arg = acq->thread_arg});
                continue;
            }
            if (find_role(cx, ev->u.call.callee, ROLE_THREAD_SELF)) {
                add_handle(cx, hf,
                           (handle_info){.kind = -1,
                                         .kind_name = "thread",
                                         .acquired_by = ev->u.call.callee,
                                         .loc = ev->loc,
                                         .site = ev,
                                         .param = -1,
                                         .self = true,
                                         .attr_arg = -1,
                                         .routine_arg = -1,
                                         .thread_arg = -1});
                continue;
            }
            const fn_summary *s = engine_callee_summary(cx, &ev->u.call);
            if (s && (s->returns_handle || (s->acquires_out_param >= 0 && s->acquires_out_kind))) {
                const char *kname = s->returns_handle ? s->returns_handle : s->acquires_out_kind;
                if (!family_kind_name(cx, kname)) continue;
                const models *m = engine_models(cx);
                int32_t kind = m ? models_kind_index(m, kname) : -1;
                const model_kind *k = tracker_kind(cx, kind);
                add_handle(cx, hf,
                           (handle_info){.kind = kind,
                                         .kind_name = kname,
                                         .acquired_by = ev->u.call.callee,
                                         .loc = ev->loc,
                                         .site = ev,
                                         .param = -1,
                                         .report = k ? k->report : true,
                                         .attr_arg = -1,
                                         .routine_arg = s->returns_handle ? -1 : s->thread_routine_param,
                                         .thread_arg = s->returns_handle ? -1 : s->thread_arg_param});
            }
        }
    /* One shadow per site handle: `r` from the previous iteration and `r` from this one can both be alive. */
    for (uint32_t h = hf->nparam_handles, n = hf->nhandles; h < n; h++) {
        handle_info shadow = hf->handles[h];
        shadow.site = NULL;
        uint32_t id = add_handle(cx, hf, shadow);
        hf->handles[h].shadow = id;
    }
    find_loop_releases(cx, hf, f);
    if (family->timeout_rule) timeouts_entry(cx, hf);
    uint32_t np = f->nparams;
    hf->released_paths = arena_alloc(engine_arena(cx), (hf->nparam_handles + 1) * sizeof(uint32_t));
    hf->open_paths = arena_alloc(engine_arena(cx), (hf->nparam_handles + 1) * sizeof(uint32_t));
    hf->kept_paths = arena_alloc(engine_arena(cx), (hf->nparam_handles + 1) * sizeof(uint32_t));
    hf->pointee_written = arena_alloc(engine_arena(cx), (np + 1) * sizeof(bool));
    hf->out_kind = arena_alloc(engine_arena(cx), (np + 1) * sizeof(const char *));
    hf->out_conflict = arena_alloc(engine_arena(cx), (np + 1) * sizeof(bool));
    hf->stored_zero = arena_alloc(engine_arena(cx), (np + 1) * sizeof(uint32_t));
    hf->stored_other = arena_alloc(engine_arena(cx), (np + 1) * sizeof(uint32_t));
    hf->unstored_zero = arena_alloc(engine_arena(cx), (np + 1) * sizeof(uint32_t));
    hf->unstored_other = arena_alloc(engine_arena(cx), (np + 1) * sizeof(uint32_t));
    hf->passthrough = arena_alloc(engine_arena(cx), (np + 1) * sizeof(uint32_t));
    hf->pass_success = arena_alloc(engine_arena(cx), (np + 1) * sizeof(model_success));
    hf->pass_conflict = arena_alloc(engine_arena(cx), (np + 1) * sizeof(bool));

    hstate *st = arena_alloc(engine_arena(cx), sizeof *st);
    st->nhandles = hf->nhandles;
    st->slots = arena_alloc(engine_arena(cx), (hf->nhandles + 1) * sizeof *st->slots);
    for (uint32_t h = 0; h < hf->nparam_handles; h++) {
        const handle_info *hi = &hf->handles[h];
        st->slots[h].status = H_OPEN;
        if (hi->pointee) continue;
        ENGINE_GROW(cx, st->cells, st->ncells, st->capcells);
        st->cells[st->ncells++] = (hcell){.var = (uint32_t)hi->param, .npath = hi->nsub, .path = hi->sub, .handle = h};
    }
    return st;
}

void *tracker_clone(engine_ctx *cx, const void *p) {
    const hstate *s = p;
    hstate *d = arena_dup(engine_arena(cx), s, sizeof *d);
    d->slots = arena_grow(engine_arena(cx), s->slots, s->nhandles, s->nhandles + 1, sizeof *d->slots);
#define CLONE_ARR(arr, n, cap)                                                                                         \
    do {                                                                                                               \
        d->cap = s->n;                                                                                                 \
        d->arr = s->n ? arena_dup(engine_arena(cx), s->arr, s->n * sizeof *d->arr) : NULL;                             \
    } while (0)
    CLONE_ARR(cells, ncells, capcells);
    CLONE_ARR(links, nlinks, caplinks);
    CLONE_ARR(ptrs, nptrs, capptrs);
    CLONE_ARR(adopts, nadopts, capadopts);
    CLONE_ARR(attrs, nattrs, capattrs);
#undef CLONE_ARR
    return d;
}

/* Could the two paths name the same memory? a[i] may be a[2]; a[2] is not a[3]. */
static bool path_may_match(const ir_path_step *a, const ir_path_step *b, uint16_t n) {
    for (uint16_t i = 0; i < n; i++) {
        if (a[i].kind != b[i].kind) return false;
        if (a[i].kind == STEP_FIELD && strcmp(a[i].field, b[i].field) != 0) return false;
        if (a[i].kind == STEP_INDEX && a[i].has_index && b[i].has_index && a[i].index != b[i].index) return false;
    }
    return true;
}

bool tracker_equal(const void *pa, const void *pb) {
    const hstate *a = pa, *b = pb;
    if (a->ncells != b->ncells || a->nlinks != b->nlinks || a->nptrs != b->nptrs || a->out_stored != b->out_stored ||
        a->std_slot_free != b->std_slot_free || a->nattrs != b->nattrs)
        return false;
    for (uint32_t i = 0; i < a->nhandles; i++)
        if (a->slots[i].status != b->slots[i].status || a->slots[i].checked != b->slots[i].checked ||
            a->slots[i].detached != b->slots[i].detached || a->slots[i].outlives != b->slots[i].outlives ||
            a->slots[i].borrow != b->slots[i].borrow || a->slots[i].props != b->slots[i].props)
            return false;
    for (uint32_t i = 0; i < a->nattrs; i++)
        if (a->attrs[i].state != b->attrs[i].state || !ir_place_equal(&a->attrs[i].place, &b->attrs[i].place))
            return false;
    for (uint32_t i = 0; i < a->ncells; i++) {
        bool found = false;
        for (uint32_t k = 0; k < b->ncells && !found; k++)
            found = a->cells[i].var == b->cells[k].var && a->cells[i].handle == b->cells[k].handle &&
                    a->cells[i].npath == b->cells[k].npath &&
                    ir_steps_equal(a->cells[i].path, b->cells[k].path, a->cells[i].npath);
        if (!found) return false;
    }
    for (uint32_t i = 0; i < a->nlinks; i++)
        if (a->links[i].var != b->links[i].var || a->links[i].handle != b->links[i].handle) return false;
    return true;
}

/* Joining two paths that disagree about a handle: keep it quiet rather than guess (precision first). */
void tracker_join(engine_ctx *cx, void *pinto, const void *pfrom) {
    hstate *into = pinto;
    const hstate *from = pfrom;
    for (uint32_t i = 0; i < into->nhandles; i++) {
        hslot *a = &into->slots[i];
        const hslot *b = &from->slots[i];
        if (a->status == b->status) {
            a->checked = a->checked && b->checked;
            a->detached = a->detached || b->detached;
            a->outlives = a->outlives || b->outlives;
            if (!a->borrow) a->borrow = b->borrow;
            a->props |= b->props; /* a bound set on either path: quiet rather than guess */
            continue;
        }
        /* Open on one path and absent or released on the other: which one holds is lost, so the handle is no
         * longer followed (a leak or double release reported from a merged state would often be wrong). */
        a->status = H_HANDED_OFF;
        a->outlives = false;
    }
    /* an attribute detached on one path and not on the other: unknown */
    for (uint32_t i = 0; i < into->nattrs; i++) {
        bool same = false;
        for (uint32_t k = 0; k < from->nattrs && !same; k++)
            same = ir_place_equal(&into->attrs[i].place, &from->attrs[k].place) &&
                   into->attrs[i].state == from->attrs[k].state;
        if (!same) into->attrs[i].state = ATTR_UNKNOWN;
    }
    for (uint32_t k = 0; k < from->nattrs; k++) {
        bool found = false;
        for (uint32_t i = 0; i < into->nattrs && !found; i++)
            found = ir_place_equal(&into->attrs[i].place, &from->attrs[k].place);
        if (!found) {
            ENGINE_GROW(cx, into->attrs, into->nattrs, into->capattrs);
            into->attrs[into->nattrs++] = (hattr){from->attrs[k].place, ATTR_UNKNOWN};
        }
    }
    for (uint32_t i = 0; i < from->ncells; i++) {
        bool found = false;
        for (uint32_t k = 0; k < into->ncells && !found; k++)
            found = into->cells[k].var == from->cells[i].var && into->cells[k].handle == from->cells[i].handle &&
                    into->cells[k].npath == from->cells[i].npath &&
                    ir_steps_equal(into->cells[k].path, from->cells[i].path, from->cells[i].npath);
        if (!found) {
            ENGINE_GROW(cx, into->cells, into->ncells, into->capcells);
            into->cells[into->ncells++] = from->cells[i];
        }
    }
}

/* --- holders ---------------------------------------------------------------------------------------------------- */

static bool place_is_local(engine_ctx *cx, const ir_place *p) {
    return p->root == ROOT_VAR && !ir_place_has_deref(p) && p->index < engine_function(cx)->nvars;
}

/* `*pp` where pp holds &local: the local place. */
static bool resolve_local(engine_ctx *cx, const hstate *st, const ir_place *p, ir_place *out) {
    if (place_is_local(cx, p)) {
        *out = *p;
        return true;
    }
    if (p->root == ROOT_VAR && p->npath >= 1 && p->path[0].kind == STEP_DEREF) {
        for (uint32_t i = 0; i < st->nptrs; i++) {
            if (st->ptrs[i].var != p->index) continue;
            ir_place t = st->ptrs[i].target;
            if (p->npath == 1) {
                *out = t;
                return true;
            }
            /* (*pp).f: extend the target with the remaining fields */
            bool plain = true;
            for (uint16_t k = 1; k < p->npath; k++)
                if (p->path[k].kind == STEP_DEREF) plain = false;
            if (!plain) return false;
            ir_path_step *steps = arena_alloc(engine_arena(cx), (t.npath + p->npath) * sizeof *steps);
            if (t.npath) memcpy(steps, t.path, t.npath * sizeof *steps);
            memcpy(steps + t.npath, p->path + 1, (p->npath - 1u) * sizeof *steps);
            t.path = steps;
            t.npath = (uint16_t)(t.npath + p->npath - 1);
            *out = t;
            return true;
        }
    }
    return false;
}

static bool cell_within(const hcell *c, const ir_place *p) {
    return c->var == p->index && c->npath >= p->npath && path_may_match(c->path, p->path, p->npath);
}

/* Strong update: the cell is certainly the place or inside it (no unknown index involved). */
static bool cell_certainly_within(const hcell *c, const ir_place *p) {
    return c->var == p->index && c->npath >= p->npath && ir_steps_equal(c->path, p->path, p->npath);
}

/* Handles held at or below a local place (a struct holds the handles of its fields). */
static uint32_t handles_in(const hstate *st, const ir_place *p, uint32_t *out, uint32_t max) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < st->ncells && n < max; i++)
        if (cell_within(&st->cells[i], p)) out[n++] = st->cells[i].handle;
    return n;
}

static bool held_elsewhere(engine_ctx *cx, const hstate *st, uint32_t h) {
    const ir_function *f = engine_function(cx);
    for (uint32_t i = 0; i < st->ncells; i++)
        if (st->cells[i].handle == h && f->vars[st->cells[i].var].kind != VAR_TEMP) return true;
    return false;
}

hvalue tracker_eval(engine_ctx *cx, const hstate *st, const ir_operand *op) {
    hvalue v = {0};
    ir_place p;
    if (op->kind == OPND_PLACE && resolve_local(cx, st, &op->place, &p)) {
        v.n = handles_in(st, &p, v.handles, MAX_VALUE_HANDLES);
        v.has_place = true;
        v.place = p;
    } else if (op->kind == OPND_PLACE && op->place.root == ROOT_VAR && op->place.npath == 1 &&
               op->place.path[0].kind == STEP_DEREF && op->place.index < engine_function(cx)->nparams) {
        /* *param: the handle the caller stored there */
        v.handles[v.n++] = 2 * op->place.index + 1;
    } else if (op->kind == OPND_PLACE && op->place.root == ROOT_VAR && op->place.npath > 1 &&
               op->place.path[0].kind == STEP_DEREF && op->place.index < engine_function(cx)->nparams) {
        /* (*param).out, param[1]: a part of what the caller handed over */
        uint32_t param;
        bool pointee;
        const ir_path_step *sub;
        uint16_t nsub;
        if (param_part(engine_function(cx), &op->place, &param, &pointee, &sub, &nsub)) {
            int32_t h = find_param_part(tracker_fn(cx), param, pointee, sub, nsub);
            if (h >= 0) v.handles[v.n++] = (uint32_t)h;
        }
    } else if (op->kind == OPND_ADDR && resolve_local(cx, st, &op->place, &p)) {
        v.n = handles_in(st, &p, v.handles, MAX_VALUE_HANDLES);
        v.address = true;
        v.has_place = true;
        v.place = p;
    } else if (op->kind == OPND_ADDR && op->place.root == ROOT_VAR && op->place.npath == 1 &&
               op->place.path[0].kind == STEP_DEREF && op->place.index < engine_function(cx)->nparams) {
        v.handles[v.n++] = 2 * op->place.index + 1; /* &*param == param: the pointee handle by address */
        v.address = true;
    }
    return v;
}

static void set_cell(engine_ctx *cx, hstate *st, const ir_place *p, uint32_t h) {
    for (uint32_t i = 0; i < st->ncells; i++) {
        const hcell *c = &st->cells[i];
        if (c->var == p->index && c->handle == h && c->npath == p->npath && ir_steps_equal(c->path, p->path, p->npath))
            return;
    }
    for (uint16_t i = 0; i < p->npath; i++)
        if (p->path[i].kind == STEP_INDEX && !p->path[i].has_index) tracker_fn(cx)->handles[h].collection = true;
    ENGINE_GROW(cx, st->cells, st->ncells, st->capcells);
    st->cells[st->ncells++] = (hcell){.var = p->index, .npath = p->npath, .path = p->path, .handle = h};
}

static void kill_cells(hstate *st, const ir_place *p, bool exact_only) {
    uint32_t out = 0;
    for (uint32_t i = 0; i < st->ncells; i++) {
        const hcell *c = &st->cells[i];
        bool hit = exact_only
                       ? (c->var == p->index && c->npath == p->npath && ir_steps_equal(c->path, p->path, p->npath))
                       : cell_certainly_within(c, p);
        if (!hit) st->cells[out++] = *c;
    }
    st->ncells = out;
}

static void kill_links_and_ptrs(hstate *st, uint32_t var) {
    uint32_t out = 0;
    for (uint32_t i = 0; i < st->nlinks; i++)
        if (st->links[i].var != var) st->links[out++] = st->links[i];
    st->nlinks = out;
    out = 0;
    for (uint32_t i = 0; i < st->nptrs; i++)
        if (st->ptrs[i].var != var) st->ptrs[out++] = st->ptrs[i];
    st->nptrs = out;
}

/* --- reports ---------------------------------------------------------------------------------------------------- */

static const char *holder_name(engine_ctx *cx, const hstate *st, uint32_t h) {
    const ir_function *f = engine_function(cx);
    for (uint32_t i = 0; i < st->ncells; i++) {
        const hcell *c = &st->cells[i];
        if (c->handle != h || f->vars[c->var].kind == VAR_TEMP) continue;
        ir_place p = {.root = ROOT_VAR, .index = c->var, .npath = c->npath, .path = c->path};
        return ir_place_str(engine_arena(cx), engine_module(cx), f, &p);
    }
    return NULL;
}

const char *tracker_handle_desc(engine_ctx *cx, const hstate *st, uint32_t h) {
    const hfn *hf = tracker_fn(cx);
    const handle_info *hi = &hf->handles[h];
    const char *holder = holder_name(cx, st, h);
    arena *a = engine_arena(cx);
    if (hi->param >= 0) {
        ir_place p = {.root = ROOT_VAR, .index = (uint32_t)hi->param};
        if (hi->pointee || hi->nsub) {
            ir_path_step *steps = arena_alloc(a, (hi->nsub + 1u) * sizeof *steps);
            uint16_t n = 0;
            if (hi->pointee) steps[n++] = (ir_path_step){.kind = STEP_DEREF};
            for (uint16_t i = 0; i < hi->nsub; i++)
                steps[n++] = hi->sub[i];
            p.path = steps;
            p.npath = n;
        }
        return arena_printf(a, "'%s'", ir_place_str(a, engine_module(cx), engine_function(cx), &p));
    }
    const char *noun = hf->fam->noun ? hf->fam->noun : hi->kind_name;
    if (holder) return arena_printf(a, "%s '%s' from '%s'", noun, holder, hi->acquired_by);
    return arena_printf(a, "%s from '%s'", noun, hi->acquired_by);
}

/* Double releases and late uses are reported for kinds the models report, and never for a handle that stands for
 * many (an element of an array indexed by a variable: releasing "it" in a loop releases a different one each time). */
static bool reportable(const handle_info *hi) {
    if (!hi->report && hi->param < 0) return false;
    /* A part of the caller's memory (`rep->val.array`) can be replaced behind our back (memmove, a field the
     * engine does not follow): only whole parameters and handles acquired here are followed that closely. */
    if (hi->sub) return false;
    for (uint16_t i = 0; i < hi->nsub; i++)
        if (hi->sub[i].kind == STEP_INDEX && !hi->sub[i].has_index) return false;
    return !hi->collection;
}

static void report_leak(engine_ctx *cx, const hstate *st, uint32_t h, ir_loc where, bool overwritten) {
    const hfn *hf = tracker_fn(cx);
    const resource_family *fam = hf->fam;
    const handle_info *hi = &hf->handles[h];
    if (!hi->report || hi->param >= 0 || hi->self) return;
    for (uint32_t i = 0; i < st->ncells; i++)
        if (st->cells[i].handle == h && hf->numeric[st->cells[i].var]) return;
    arena *a = engine_arena(cx);
    const char *why = overwritten ? arena_printf(a, "overwritten here while it still holds %s", fam->holds)
                                  : arena_printf(a, "the function returns here; %s %s", fam->holds, fam->not_released);
    report_step steps[2] = {{hi->loc, arena_printf(a, "%s here by '%s'", fam->acquired, hi->acquired_by), 0},
                            {where, why, engine_path_seq(cx)}};
    const char *msg = arena_printf(a, "%s %s on this path (%s)", tracker_handle_desc(cx, st, h), fam->not_released,
                                   overwritten ? "its last holder is overwritten" : "lost at return");
    engine_report(cx, fam->leak_rule, hi->loc, msg, steps, 2, st->slots[h].seq);
}

/* The frame lent its memory to a thread that may outlive it (thread-stack-arg). */
static void report_borrow(engine_ctx *cx, const hstate *st, uint32_t h, ir_loc where) {
    const hfn *hf = tracker_fn(cx);
    const handle_info *hi = &hf->handles[h];
    const hslot *s = &st->slots[h];
    if (!hf->fam->borrow_rule || !s->borrow || hi->param >= 0) return;
    const ir_function *f = engine_function(cx);
    arena *a = engine_arena(cx);
    const ir_var *v = &f->vars[s->borrow - 1];
    const char *local = v->kind == VAR_TEMP || !*v->name ? "a compound literal"
                        : v->kind == VAR_PARAM           ? arena_printf(a, "parameter '%s'", v->name)
                                                         : arena_printf(a, "local '%s'", v->name);
    const char *why = s->status == H_OPEN ? "it is not joined on this path"
                      : s->detached       ? "it is detached"
                                          : "its id is handed on and it is joined, if at all, after the frame is gone";
    report_step steps[2] = {
        {hi->loc, arena_printf(a, "the thread created here by '%s' is given the address of %s", hi->acquired_by, local),
         0},
        {where, arena_printf(a, "'%s' returns here while the thread may still run (%s)", f->name, why),
         engine_path_seq(cx)}};
    engine_report(
        cx, hf->fam->borrow_rule, hi->loc,
        arena_printf(a, "the address of %s is handed to a thread that may outlive '%s' (%s)", local, f->name, why),
        steps, 2, s->seq);
}

/* --- transfer --------------------------------------------------------------------------------------------------- */

/* Forget that `dst` held anything; report handles it was the last holder of — except `incoming`, the handles being
 * written (a loop that re-acquires at the same call site writes the same handle id again). */
static void overwrite(engine_ctx *cx, hstate *st, const ir_place *dst, ir_loc loc, bool exact_only,
                      const uint32_t *incoming, uint32_t nincoming) {
    uint32_t held[MAX_VALUE_HANDLES];
    uint32_t n = handles_in(st, dst, held, MAX_VALUE_HANDLES);
    /* a[i] = ...: another element may be the one written, so what a[] held stays (a weak update) */
    for (uint16_t k = 0; k < dst->npath; k++)
        if (dst->path[k].kind == STEP_INDEX && !dst->path[k].has_index) return;
    kill_cells(st, dst, exact_only);
    const ir_var *v = &engine_function(cx)->vars[dst->index];
    if (v->kind == VAR_TEMP) return;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = held[i];
        bool same = false;
        for (uint32_t k = 0; k < nincoming; k++)
            same |= incoming[k] == h;
        if (same || st->slots[h].status != H_OPEN || held_elsewhere(cx, st, h)) continue;
        /* In a function that never returns (a forked child before exec, a server loop), descriptors it drops are
         * the process's to keep until it ends: like paths ending in exit(), not a finding. */
        const fn_summary *own = engine_own_summary(cx);
        if (own && own->noreturn) continue;
        report_leak(cx, st, h, loc, true);
        st->slots[h].status = H_NONE;
    }
}

/* Someone else has the handle now. `outlives`: it is known to stay alive past this frame (stored in memory that
 * outlives it, returned, kept by the callee) — not merely given to a function that might release it. */
static void hand_off(hstate *st, const hvalue *v, bool outlives) {
    for (uint32_t i = 0; i < v->n; i++)
        if (st->slots[v->handles[i]].status == H_OPEN) {
            st->slots[v->handles[i]].status = H_HANDED_OFF;
            st->slots[v->handles[i]].outlives = outlives;
        }
}

/* `detach`: the release lets the resource go on by itself (pthread_detach) rather than ending it. */
static void release(engine_ctx *cx, hstate *st, uint32_t h, const char *by, int32_t by_kind, bool detach, ir_loc loc) {
    hfn *hf = tracker_fn(cx);
    const resource_family *fam = hf->fam;
    const handle_info *hi = &hf->handles[h];
    hslot *s = &st->slots[h];
    if (hi->self) {
        if (detach) hf->detaches_self = true; /* pthread_detach(pthread_self()) */
        return;
    }
    if (s->status == H_RELEASED) {
        if (!reportable(hi) || !fam->double_rule) return;
        report_step steps[2] = {
            {s->rel_loc, arena_printf(engine_arena(cx), "first %s here by '%s'", fam->released, s->rel_by), 0},
            {loc, arena_printf(engine_arena(cx), "%s again here", fam->released), engine_path_seq(cx)}};
        engine_report(cx, fam->double_rule, loc,
                      arena_printf(engine_arena(cx), "%s is %s twice (first by '%s' at line %u)",
                                   tracker_handle_desc(cx, st, h), fam->released, s->rel_by, s->rel_loc.line),
                      steps, 2, s->seq);
        return;
    }
    if (s->status != H_OPEN) return;
    if (hi->kind >= 0 && by_kind >= 0 && hi->kind != by_kind && reportable(hi) && fam->mismatch_rule) {
        const models *m = engine_models(cx);
        const char *expected = NULL;
        for (uint32_t i = 0; m && i < m->nfns && !expected; i++)
            if (m->fns[i].role == ROLE_RELEASE && m->fns[i].kind == hi->kind) expected = m->fns[i].function;
        report_step steps[1] = {{hi->loc, arena_printf(engine_arena(cx), "acquired here by '%s'", hi->acquired_by), 0}};
        engine_report(cx, fam->mismatch_rule, loc,
                      arena_printf(engine_arena(cx), "%s is released with '%s'%s%s%s", tracker_handle_desc(cx, st, h),
                                   by, expected ? " (expects '" : "", expected ? expected : "", expected ? "')" : ""),
                      steps, 1, UINT32_MAX);
    }
    s->status = H_RELEASED;
    s->detached = detach;
    s->rel_loc = loc;
    s->rel_by = by;
}

static void use(engine_ctx *cx, hstate *st, uint32_t h, const char *by, ir_loc loc) {
    hslot *s = &st->slots[h];
    if (s->status != H_RELEASED || !reportable(&tracker_fn(cx)->handles[h]) || !tracker_fn(cx)->fam->use_rule) return;
    report_step steps[2] = {{s->rel_loc, arena_printf(engine_arena(cx), "released here by '%s'", s->rel_by), 0},
                            {loc, arena_printf(engine_arena(cx), "used here by '%s'", by), engine_path_seq(cx)}};
    engine_report(cx, tracker_fn(cx)->fam->use_rule, loc,
                  arena_printf(engine_arena(cx), "%s is used by '%s' after it was released by '%s' at line %u",
                               tracker_handle_desc(cx, st, h), by, s->rel_by, s->rel_loc.line),
                  steps, 2, s->seq);
}

/* Put freshly acquired handle h where the acquire delivers it. */
static void acquire(engine_ctx *cx, hstate *st, uint32_t h, const ir_place *holder, ir_loc loc) {
    hslot *s = &st->slots[h];
    uint32_t shadow = tracker_fn(cx)->handles[h].shadow;
    if (s->status == H_OPEN && shadow && held_elsewhere(cx, st, h)) {
        /* The previous instance from this call site is still open and held: it lives on under the shadow id. */
        st->slots[shadow] = *s;
        /* h's cells become the shadow's; a holder of both (an array in a loop: t[] held h and the shadow) keeps
         * one cell, or the cells would multiply with every iteration */
        uint32_t out = 0;
        for (uint32_t i = 0; i < st->ncells; i++) {
            hcell c = st->cells[i];
            if (c.handle == h) {
                c.handle = shadow;
                bool dup = false;
                for (uint32_t k = 0; k < st->ncells && !dup; k++)
                    dup = st->cells[k].handle == shadow && st->cells[k].var == c.var && st->cells[k].npath == c.npath &&
                          ir_steps_equal(st->cells[k].path, c.path, c.npath);
                if (dup) continue;
            }
            st->cells[out++] = c;
        }
        st->ncells = out;
    }
    s->status = H_OPEN;
    s->checked = false;
    s->detached = s->outlives = false;
    s->borrow = 0;
    s->props = 0;
    s->seq = engine_path_seq(cx);
    (void)loc;
    if (holder) set_cell(cx, st, holder, h);
}

/* Handles h0.. stored through argument `out` of the call: &fp, fds (an array), &ctx->h (not ours to track). With a
 * success condition, the call's result decides whether they exist. Returns whether they landed in this frame's own
 * memory, where they are followed. */
static bool acquire_out(engine_ctx *cx, hstate *st, const ir_call *call, const ir_event *ev, uint32_t h0, int32_t out,
                        uint32_t count, model_success success, const ir_place *result) {
    ir_place holder;
    const ir_operand *o = out >= 0 && (uint32_t)out < call->nargs ? &call->args[out] : NULL;
    bool local = o && o->kind == OPND_ADDR && resolve_local(cx, st, &o->place, &holder);
    bool elements = local && (o->array_decay || count > 1);
    if (!local && o && o->kind == OPND_PLACE) {
        /* a pointer variable holding &local */
        ir_place deref = ir_place_extend_in(engine_arena(cx), o->place, STEP_DEREF, NULL);
        local = resolve_local(cx, st, &deref, &holder);
    }
    int32_t out_param = -1;
    if (!local) {
        /* Stored into memory that is not ours: handed off from the start. Through a pointer parameter, this
         * function is an acquire wrapper (`spawn(pthread_t *t, ...) { return pthread_create(t, ...); }`). */
        const ir_function *f = engine_function(cx);
        if (o && o->kind == OPND_PLACE && o->place.root == ROOT_VAR && !o->place.npath && o->place.index < f->nparams &&
            o->place.index < 32 && count == 1) {
            hfn *hf = tracker_fn(cx);
            const handle_info *hi = &hf->handles[h0];
            uint32_t p = o->place.index;
            if (hf->out_kind[p] && strcmp(hf->out_kind[p], hi->kind_name) != 0) hf->out_conflict[p] = true;
            hf->out_kind[p] = hi->kind_name;
            st->out_stored |= 1u << p;
            out_param = (int32_t)p;
        }
        count = 1;
    }
    for (uint32_t i = 0; local && i < count; i++) {
        /* pipe(fds): handle i goes to fds[i] */
        ir_place slot = elements ? ir_place_extend_index_in(engine_arena(cx), holder, i) : holder;
        uint32_t incoming = h0 + i;
        overwrite(cx, st, &slot, ev->loc, true, &incoming, 1);
        acquire(cx, st, h0 + i, &slot, ev->loc);
    }
    if (success != SUCCESS_ALWAYS && result) {
        ENGINE_GROW(cx, st->links, st->nlinks, st->caplinks);
        st->links[st->nlinks++] =
            (hlink){.var = result->index, .handle = h0, .count = count, .success = success, .out_param = out_param};
    }
    return local;
}

/* --- threads ---------------------------------------------------------------------------------------------------- */

/* The local place an attribute/argument operand points to: &x, &a[i], or a pointer variable holding such an
 * address. */
static bool pointed_local(engine_ctx *cx, const hstate *st, const ir_operand *op, ir_place *out) {
    const ir_function *f = engine_function(cx);
    if (op->kind == OPND_ADDR && op->place.root == ROOT_VAR && !ir_place_has_deref(&op->place) &&
        op->place.index < f->nvars) {
        *out = op->place;
        return true;
    }
    if (op->kind == OPND_PLACE && op->place.root == ROOT_VAR && !op->place.npath)
        for (uint32_t i = 0; i < st->nptrs; i++)
            if (st->ptrs[i].var == op->place.index) {
                *out = st->ptrs[i].target;
                return true;
            }
    return false;
}

static hattr *find_attr(hstate *st, const ir_place *p) {
    for (uint32_t i = 0; i < st->nattrs; i++)
        if (ir_place_equal(&st->attrs[i].place, p)) return &st->attrs[i];
    return NULL;
}

static void set_attr(engine_ctx *cx, hstate *st, const ir_place *p, int state) {
    hattr *a = find_attr(st, p);
    if (!state) {
        if (a) *a = st->attrs[--st->nattrs]; /* back to the default: joinable */
        return;
    }
    if (!a) {
        ENGINE_GROW(cx, st->attrs, st->nattrs, st->capattrs);
        a = &st->attrs[st->nattrs++];
        a->place = *p;
    }
    a->state = (uint8_t)state;
}

/* pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) */
static void attr_call(engine_ctx *cx, hstate *st, const ir_call *call, const model_fn *mf) {
    ir_place p;
    if (mf->arg < 0 || (uint32_t)mf->arg >= call->nargs || !pointed_local(cx, st, &call->args[mf->arg], &p)) return;
    int64_t v;
    if (mf->state < 0 || (uint32_t)mf->state >= call->nargs || !engine_const_value(cx, &call->args[mf->state], &v))
        set_attr(cx, st, &p, ATTR_UNKNOWN);
    else
        set_attr(cx, st, &p, v == mf->detached_value ? ATTR_DETACHED : 0);
}

/* An attribute object handed to a function the models do not know (`init_attrs(&attr)`) may come back detached. */
static void attrs_escape(engine_ctx *cx, hstate *st, const ir_call *call) {
    if (call->system_callee) return;
    for (uint32_t i = 0; i < call->nargs; i++) {
        ir_place p;
        if (!pointed_local(cx, st, &call->args[i], &p)) continue;
        hattr *a = find_attr(st, &p);
        if (a) a->state = ATTR_UNKNOWN;
    }
    /* attributes the function's creations use, passed here for the first time */
    const hfn *hf = tracker_fn(cx);
    for (uint32_t h = hf->nparam_handles; h < hf->nhandles; h++) {
        const handle_info *hi = &hf->handles[h];
        if (!hi->site || hi->attr_arg < 0 || (uint32_t)hi->attr_arg >= hi->site->u.call.nargs) continue;
        ir_place ap;
        if (!pointed_local(cx, st, &hi->site->u.call.args[hi->attr_arg], &ap)) continue;
        for (uint32_t i = 0; i < call->nargs; i++) {
            ir_place p;
            if (pointed_local(cx, st, &call->args[i], &p) && ir_place_equal(&p, &ap))
                set_attr(cx, st, &p, ATTR_UNKNOWN);
        }
    }
}

static bool param_value(const ir_function *f, const ir_operand *op, uint32_t *param) {
    if (op->kind != OPND_PLACE || op->place.root != ROOT_VAR || op->place.npath || op->place.index >= f->nparams)
        return false;
    *param = op->place.index;
    return true;
}

/* A thread was created into handle h by `call`: apply its attribute, its start routine and its argument. */
static void thread_created(engine_ctx *cx, hstate *st, const ir_call *call, uint32_t h, bool tracked, int32_t out) {
    hfn *hf = tracker_fn(cx);
    const handle_info *hi = &hf->handles[h];
    const ir_function *f = engine_function(cx);
    hslot *s = &st->slots[h];
    bool detached = false, unknown = false;
    if (hi->attr_arg >= 0 && (uint32_t)hi->attr_arg < call->nargs) {
        const ir_operand *a = &call->args[hi->attr_arg];
        ir_place p;
        int64_t v;
        if (engine_const_value(cx, a, &v) && v == 0) {
            /* NULL: default attributes, joinable */
        } else if (pointed_local(cx, st, a, &p)) {
            const hattr *at = find_attr(st, &p);
            detached = at && at->state == ATTR_DETACHED;
            unknown = at && at->state == ATTR_UNKNOWN;
        } else {
            unknown = true; /* a global or the caller's attribute object: its detach state is not known here */
        }
    }
    if (hi->routine_arg >= 0 && (uint32_t)hi->routine_arg < call->nargs) {
        const ir_operand *r = &call->args[hi->routine_arg];
        uint32_t param;
        if (r->kind == OPND_FUNC) {
            const fn_summary *rs = engine_function_summary(cx, r->usr);
            if (rs && rs->detaches_self) detached = true;
        } else if (param_value(f, r, &param)) {
            hf->thread_routine_param = (int32_t)param;
        }
    }
    uint32_t borrow = 0, param;
    if (hi->thread_arg >= 0 && (uint32_t)hi->thread_arg < call->nargs) {
        const ir_operand *a = &call->args[hi->thread_arg];
        ir_place p;
        if (pointed_local(cx, st, a, &p) && f->vars[p.index].kind != VAR_STATIC_LOCAL) borrow = p.index + 1;
        if (param_value(f, a, &param)) hf->thread_arg_param = (int32_t)param;
    }
    uint32_t out_param;
    if ((detached || unknown) && out >= 0 && (uint32_t)out < call->nargs &&
        param_value(f, &call->args[out], &out_param) && out_param < 32)
        st->out_stored &= ~(1u << out_param); /* a wrapper that creates detached threads hands over nothing to join */
    if (!tracked) {
        /* The id went to memory that outlives the frame (a global, the caller's struct): whoever joins it does so
         * after this function returns. */
        if (borrow) {
            s->status = H_HANDED_OFF, s->outlives = true, s->borrow = borrow, s->seq = engine_path_seq(cx);
            s->detached = detached;
            s->stored_at = out >= 0 && (uint32_t)out < call->nargs ? &call->args[out] : NULL;
        }
        return;
    }
    if (s->status != H_OPEN) return;
    s->borrow = borrow;
    if (unknown) {
        s->status = H_NONE; /* maybe detached, maybe not: not followed */
    } else if (detached) {
        s->status = H_HANDED_OFF; /* detached from the start: nothing to join, but it outlives the frame */
        s->outlives = true;
        s->detached = true;
    }
}

/* The memory holding a thread id, from an operand that is its address (`&g_tid`, `tids + i`) or its value
 * (`g_tid`, `*tp`): a place, and whether it is reached through that place's pointer value. */
static void id_memory(const ir_operand *op, bool address, ir_place *p, bool *through) {
    *p = op->place;
    *through = false;
    if (address) {
        *through = op->kind == OPND_PLACE;
    } else if (p->npath && p->path[p->npath - 1].kind == STEP_DEREF) {
        p->npath--;
        *through = true;
    }
}

/* A join or detach of an id kept in memory this function does not follow (a global, the caller's struct, the heap):
 * the threads created into that same memory are the ones released. */
static void release_stored(hstate *st, const ir_operand *arg, bool address, bool detach, const char *by, ir_loc loc) {
    if (arg->kind != OPND_PLACE && arg->kind != OPND_ADDR) return;
    ir_place want;
    bool want_through;
    id_memory(arg, address, &want, &want_through);
    for (uint32_t h = 0; h < st->nhandles; h++) {
        hslot *s = &st->slots[h];
        if (s->status != H_HANDED_OFF || !s->stored_at) continue;
        ir_place have;
        bool have_through;
        id_memory(s->stored_at, true, &have, &have_through);
        if (have_through != want_through || !ir_place_equal(&have, &want)) continue;
        s->status = H_RELEASED;
        s->detached = detach || s->detached;
        s->rel_loc = loc;
        s->rel_by = by;
    }
}

/* A call given the address of an object a thread of this frame was lent (`sem_wait(&sem)`, `wait_ready(&ctx)`) after
 * the thread was created: most likely the creator waits there until the thread is done with it (a start-up
 * handshake), which this analysis cannot see: the loan is no longer reported (precision first). */
static void borrow_shared(engine_ctx *cx, hstate *st, const ir_call *call) {
    for (uint32_t i = 0; i < call->nargs; i++) {
        ir_place p;
        /* the whole object (`&sem`, a pointer holding it), not a read of part of it (`strlen(buf)`, `m.to`) */
        if ((call->args[i].kind != OPND_ADDR && call->args[i].kind != OPND_PLACE) || call->args[i].array_decay ||
            !pointed_local(cx, st, &call->args[i], &p) || p.npath)
            continue;
        for (uint32_t h = 0; h < st->nhandles; h++)
            if (st->slots[h].borrow == p.index + 1) st->slots[h].borrow = 0;
    }
}

/* Entering a loop that releases the elements of a local array: count them released (see loop_release). */
void tracker_block(engine_ctx *cx, void *p, uint32_t block) {
    hstate *st = p;
    hfn *hf = tracker_fn(cx);
    if (hf->timeouts) timeouts_block(cx, hf, block);
    for (uint32_t i = 0; i < hf->nloop_releases; i++) {
        const loop_release *lr = &hf->loop_releases[i];
        if (lr->head != block) continue;
        const char *by = lr->site->u.call.callee ? lr->site->u.call.callee : "a function";
        release_stored(st, lr->what, lr->address, lr->detach, by, lr->site->loc);
        hvalue v = tracker_eval(cx, st, lr->what);
        for (uint32_t k = 0; k < v.n; k++) {
            hslot *s = &st->slots[v.handles[k]];
            const handle_info *hi = &hf->handles[v.handles[k]];
            if (s->status != H_OPEN || (lr->kind >= 0 && hi->kind >= 0 && hi->kind != lr->kind)) continue;
            s->status = H_RELEASED;
            s->detached = lr->detach;
            s->rel_loc = lr->site->loc;
            s->rel_by = lr->site->u.call.callee ? lr->site->u.call.callee : "a function";
        }
    }
}

static void lifecycle_call(engine_ctx *cx, hstate *st, const ir_event *ev) {
    hfn *hf = tracker_fn(cx);
    const ir_call *call = &ev->u.call;
    const ir_function *f = engine_function(cx);
    hvalue *args = arena_alloc(engine_arena(cx), (call->nargs + 1) * sizeof *args);
    for (uint32_t i = 0; i < call->nargs; i++)
        args[i] = tracker_eval(cx, st, &call->args[i]);
    ir_place result = {0};
    bool has_result = call->result_var >= 0;
    if (has_result) {
        result = ir_place_var((uint32_t)call->result_var);
        kill_cells(st, &result, false);
        kill_links_and_ptrs(st, result.index);
    }
    if (tracker_site_handle(hf, ev) < 0) borrow_shared(cx, st, call);

    bool modelled = false;
    const model_fn *mf;
    FOR_FAMILY_MODELS(cx, mf, call->callee) {
        modelled = true;
        if (mf->role == ROLE_THREAD_ATTR) {
            attr_call(cx, st, call, mf);
            continue;
        }
        if (mf->role == ROLE_THREAD_SELF) {
            int32_t h = tracker_site_handle(hf, ev);
            if (h >= 0 && has_result) acquire(cx, st, (uint32_t)h, &result, ev->loc);
            continue;
        }
        if (mf->role == ROLE_RELEASE || mf->role == ROLE_USE) {
            if (mf->arg < 0 || (uint32_t)mf->arg >= call->nargs) continue;
            const ir_operand *a = &call->args[mf->arg];
            if (mf->role == ROLE_RELEASE && a->kind == OPND_INT && a->value >= 0 && a->value <= 2)
                st->std_slot_free = true;
            const hvalue *v = &args[mf->arg];
            if (mf->role == ROLE_RELEASE) release_stored(st, a, false, mf->detaches, call->callee, ev->loc);
            if (!v->n) continue; /* by value, or the holder's address for struct handles: regfree(&re) */
            /* Several handles in one holder are the elements of an array (`int fds[2]; pipe(fds)`): a release or use
             * is of one element — the first open one; only when none is open is it a second release or a late use. */
            uint32_t h = v->handles[0];
            for (uint32_t i = 0; i < v->n; i++)
                if (st->slots[v->handles[i]].status == H_OPEN) {
                    h = v->handles[i];
                    break;
                }
            if (mf->role == ROLE_RELEASE)
                release(cx, st, h, call->callee, mf->kind, mf->detaches, ev->loc);
            else
                use(cx, st, h, call->callee, ev->loc);
        } else if (mf->role == ROLE_TRANSFER) {
            if (mf->arg >= 0 && (uint32_t)mf->arg < call->nargs) hand_off(st, &args[mf->arg], true);
        } else if (mf->role == ROLE_ACQUIRE) {
            int32_t h_new = tracker_site_handle(hf, ev);
            if (mf->adopts >= 0 && (uint32_t)mf->adopts < call->nargs && h_new >= 0)
                for (uint32_t i = 0; i < args[mf->adopts].n; i++) {
                    uint32_t a = args[mf->adopts].handles[i];
                    if (st->slots[a].status != H_OPEN) continue;
                    st->slots[a].status = H_HANDED_OFF;
                    ENGINE_GROW(cx, st->adopts, st->nadopts, st->capadopts);
                    st->adopts[st->nadopts++] = (hadopt){.owner = (uint32_t)h_new, .adopted = a};
                }
            if (mf->releases >= 0 && (uint32_t)mf->releases < call->nargs)
                for (uint32_t i = 0; i < args[mf->releases].n; i++)
                    release(cx, st, args[mf->releases].handles[i], call->callee, mf->kind, false, ev->loc);
            int32_t h0 = tracker_site_handle(hf, ev);
            if (h0 < 0) continue;
            uint32_t count = mf->count ? mf->count : 1;
            if (mf->out < 0) {
                if (has_result) acquire(cx, st, (uint32_t)h0, &result, ev->loc);
                const model_kind *k = tracker_kind(cx, mf->kind);
                if (st->std_slot_free && k && k->invalid == INVALID_NEGATIVE) {
                    /* `close(0); dup(fd)`: POSIX hands out the lowest free number, so this is the new stdin */
                    st->slots[h0].status = H_NONE;
                    st->std_slot_free = false;
                }
                continue;
            }
            bool tracked =
                acquire_out(cx, st, call, ev, (uint32_t)h0, mf->out, count, mf->success, has_result ? &result : NULL);
            if (tracker_kind(cx, mf->kind) && tracker_kind(cx, mf->kind)->thread)
                thread_created(cx, st, call, (uint32_t)h0, tracked, mf->out);
        }
    }
    if (modelled) return;
    attrs_escape(cx, st, call);

    const fn_summary *sum = engine_callee_summary(cx, call);
    for (uint32_t i = 0; sum && i < call->nargs && i < sum->nparams; i++) {
        /* What the callee does to parts of the argument: job_finish(&j) closes j.out and j.lock_fd. */
        const hvalue *v = &args[i];
        if (!v->has_place) continue;
        for (uint32_t k = 0; k < sum->params[i].nfields; k++) {
            const handle_field_fact *ff = &sum->params[i].fields[k];
            ir_place part;
            if (!decode_part(cx, ff->path, v->address, v->place, &part)) continue;
            uint32_t held[MAX_VALUE_HANDLES];
            uint32_t n = handles_in(st, &part, held, MAX_VALUE_HANDLES);
            for (uint32_t j = 0; j < n; j++) {
                if (ff->bits & (HANDLE_RELEASES | HANDLE_RELEASES_POINTEE))
                    release(cx, st, held[j], call->callee ? call->callee : "a function", -1, false, ev->loc);
                else if ((ff->bits & (HANDLE_KEEPS | HANDLE_KEEPS_POINTEE)) && st->slots[held[j]].status == H_OPEN)
                    st->slots[held[j]].status = H_HANDED_OFF, st->slots[held[j]].outlives = true;
            }
        }
    }
    for (uint32_t i = 0; i < call->nargs; i++) {
        hvalue *v = &args[i];
        if (sum && i < sum->nparams) {
            const ir_operand *a = &call->args[i];
            uint32_t rel = a->kind == OPND_ADDR || a->offset ? HANDLE_RELEASES_POINTEE : HANDLE_RELEASES;
            if (sum->params[i].handle & (HANDLE_RELEASES | HANDLE_RELEASES_POINTEE) & rel)
                release_stored(st, a, rel == HANDLE_RELEASES_POINTEE, false, call->callee ? call->callee : "a function",
                               ev->loc);
        }
        if (!v->n) continue;
        if (sum && i < sum->nparams) {
            uint32_t hfacts = sum->params[i].handle;
            uint32_t rel = v->address ? HANDLE_RELEASES_POINTEE : HANDLE_RELEASES;
            uint32_t keep = v->address ? HANDLE_KEEPS_POINTEE : HANDLE_KEEPS;
            for (uint32_t k = 0; k < v->n; k++) {
                if (hfacts & rel)
                    release(cx, st, v->handles[k], call->callee ? call->callee : "a function", -1, false, ev->loc);
                else if (((hfacts & keep) || (!v->address && (hfacts & HANDLE_MAY_RELEASE))) &&
                         st->slots[v->handles[k]].status == H_OPEN) {
                    /* kept, or released on some of the callee's paths only (anetListen closes the socket when it
                     * fails): which one happened is not known here, so the handle is no longer followed */
                    st->slots[v->handles[k]].status = H_HANDED_OFF;
                    st->slots[v->handles[k]].outlives = (hfacts & keep) != 0;
                }
            }
            /* close_and_clear(&fp) also resets fp: what the holder held is gone from it. */
            if (v->address && v->has_place && (hfacts & HANDLE_WRITES_POINTEE)) {
                for (uint32_t k = 0; k < v->n; k++)
                    if (st->slots[v->handles[k]].status == H_OPEN) st->slots[v->handles[k]].status = H_HANDED_OFF;
                kill_cells(st, &v->place, false);
            }
            continue;
        }
        if (sum || call->variadic) {
            /* a project function without facts for this (variadic) argument: it only uses it */
            if (!call->defined_in_program && !call->system_callee) hand_off(st, v, false);
            continue;
        }
        if (call->callee == NULL || !call->system_callee)
            hand_off(st, v, false);
        else if (v->address)
            hand_off(st, v, false); /* &fp to a library function: it may replace or close it */
    }
    /* An out-parameter acquire wrapper: open_device(path, &fd) */
    if (sum && sum->detaches_self) hf->detaches_self = true; /* detach_me(): the running thread is detached */
    int32_t h = tracker_site_handle(hf, ev);
    if (h >= 0 && sum && sum->acquires_out_param >= 0) {
        bool tracked = acquire_out(cx, st, call, ev, (uint32_t)h, sum->acquires_out_param, 1,
                                   (model_success)sum->acquires_out_success, has_result ? &result : NULL);
        const model_kind *k = tracker_kind(cx, hf->handles[h].kind);
        if (k && k->thread) thread_created(cx, st, call, (uint32_t)h, tracked, sum->acquires_out_param);
    }
    /* An acquire wrapper: the result is a new handle. */
    if (h >= 0 && has_result && sum && sum->returns_handle) acquire(cx, st, (uint32_t)h, &result, ev->loc);
    (void)f;
}

static void call_event(engine_ctx *cx, hstate *st, const ir_event *ev) {
    lifecycle_call(cx, st, ev);
    if (tracker_fn(cx)->timeouts) timeouts_call(cx, st, ev);
}

static void assign_event(engine_ctx *cx, hstate *st, const ir_event *ev) {
    const ir_place *dst = &ev->u.assign.dst;
    const ir_operand *src = &ev->u.assign.src;
    if (dst->root == ROOT_VAR && dst->npath >= 1 && dst->path[0].kind == STEP_DEREF &&
        dst->index < engine_function(cx)->nparams) {
        tracker_fn(cx)->pointee_written[dst->index] = true;
        /* `s->log = fallback`, `*pf = NULL`: that part of the caller's memory holds something else now */
        hvalue old = tracker_eval(cx, st, &(ir_operand){.kind = OPND_PLACE, .place = *dst});
        for (uint32_t i = 0; i < old.n; i++)
            if (tracker_fn(cx)->handles[old.handles[i]].param >= 0) st->slots[old.handles[i]].status = H_NONE;
        if (dst->npath == 1 && dst->index < 32) {
            hfn *hf = tracker_fn(cx);
            hvalue nv = tracker_eval(cx, st, src);
            for (uint32_t i = 0; i < nv.n && !nv.address; i++) {
                const handle_info *hi = &hf->handles[nv.handles[i]];
                if (hi->param >= 0 || st->slots[nv.handles[i]].status != H_OPEN) continue;
                if (hf->out_kind[dst->index] && strcmp(hf->out_kind[dst->index], hi->kind_name) != 0)
                    hf->out_conflict[dst->index] = true;
                hf->out_kind[dst->index] = hi->kind_name;
                st->out_stored |= 1u << dst->index;
            }
        }
    }
    hvalue v = tracker_eval(cx, st, src);
    ir_place local;
    bool dst_local = resolve_local(cx, st, dst, &local);
    if (!dst_local) {
        /* Stored into a global, the caller's memory, the heap: it outlives the function. */
        hand_off(st, &v, true);
        return;
    }
    /* Copy first (src may be inside dst), then overwrite, then write. */
    uint32_t n = v.n;
    uint32_t handles[MAX_VALUE_HANDLES];
    memcpy(handles, v.handles, n * sizeof *handles);
    /* links and pointers follow plain variable copies */
    hlink *link = NULL;
    hptr *ptr = NULL;
    if (src->kind == OPND_PLACE && src->place.root == ROOT_VAR && !src->place.npath)
        for (uint32_t i = 0; i < st->nlinks; i++)
            if (st->links[i].var == src->place.index) link = &st->links[i];
    hlink link_copy = link ? *link : (hlink){0};
    hptr ptr_copy = {0};
    if (src->kind == OPND_ADDR && place_is_local(cx, &src->place)) {
        ptr_copy = (hptr){.var = local.index, .target = src->place};
        ptr = &ptr_copy;
    } else if (src->kind == OPND_PLACE && src->place.root == ROOT_VAR && !src->place.npath) {
        for (uint32_t i = 0; i < st->nptrs; i++)
            if (st->ptrs[i].var == src->place.index) {
                ptr_copy = st->ptrs[i];
                ptr_copy.var = local.index;
                ptr = &ptr_copy;
            }
    }
    bool record = v.has_place && !v.address && local.npath == 0 && v.place.npath == 0 &&
                  engine_function(cx)->vars[v.place.index].is_record;
    overwrite(cx, st, &local, ev->loc, false, handles, n);
    if (local.npath == 0) kill_links_and_ptrs(st, local.index);
    if (v.address) {
        /* q = &fp: q points to a holder; the handle stays where it is */
        if (ptr) {
            ENGINE_GROW(cx, st->ptrs, st->nptrs, st->capptrs);
            st->ptrs[st->nptrs++] = *ptr;
        }
        return;
    }
    if (record && v.has_place) {
        /* struct copy: every field holder is copied below the destination */
        uint32_t ncells = st->ncells;
        for (uint32_t i = 0; i < ncells; i++) {
            hcell c = st->cells[i];
            if (!cell_within(&c, &v.place)) continue;
            uint16_t extra = (uint16_t)(c.npath - v.place.npath);
            ir_path_step *path = arena_alloc(engine_arena(cx), (local.npath + extra + 1u) * sizeof *path);
            if (local.npath) memcpy(path, local.path, local.npath * sizeof *path);
            if (extra) memcpy(path + local.npath, c.path + v.place.npath, extra * sizeof *path);
            ir_place np = {
                .root = ROOT_VAR, .index = local.index, .npath = (uint16_t)(local.npath + extra), .path = path};
            set_cell(cx, st, &np, c.handle);
        }
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        set_cell(cx, st, &local, handles[i]);
    if (link && local.npath == 0) {
        link_copy.var = local.index;
        ENGINE_GROW(cx, st->links, st->nlinks, st->caplinks);
        st->links[st->nlinks++] = link_copy;
    }
    if (ptr && local.npath == 0) {
        ENGINE_GROW(cx, st->ptrs, st->nptrs, st->capptrs);
        st->ptrs[st->nptrs++] = *ptr;
    }
}

void tracker_event(engine_ctx *cx, void *p, const ir_event *ev) {
    hstate *st = p;
    switch (ev->kind) {
    case EV_CALL:
        call_event(cx, st, ev);
        return;
    case EV_ASSIGN:
        assign_event(cx, st, ev);
        return;
    case EV_DECL: {
        ir_place v = ir_place_var(ev->u.decl.var);
        kill_cells(st, &v, false);
        kill_links_and_ptrs(st, ev->u.decl.var);
        return;
    }
    case EV_SCOPE_END:
        return;
    }
}

/* --- branches --------------------------------------------------------------------------------------------------- */

/* Does `x cmp k` holding (or not) mean x is the failure value of a resource with this invalid-value rule? Returns 1
 * failure, 0 success, -1 cannot tell. */
static int failure_of(model_invalid inv, int64_t invalid_value, ir_cmp cmp, int64_t k, bool holds) {
    /* normalise to the comparison that holds on this edge */
    if (!holds) {
        static const ir_cmp neg[] = {CMP_NE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT};
        cmp = neg[cmp];
    }
    switch (inv) {
    case INVALID_NULL:
        if (k != 0) return -1;
        if (cmp == CMP_EQ) return 1;
        if (cmp == CMP_NE || cmp == CMP_GT) return 0;
        return -1;
    case INVALID_NEGATIVE:
        if (cmp == CMP_LT && k <= 0) return 1;  /* x < 0 */
        if (cmp == CMP_LE && k < 0) return 1;   /* x <= -1 */
        if (cmp == CMP_EQ && k < 0) return 1;   /* x == -1 */
        if (cmp == CMP_GE && k >= 0) return 0;  /* x >= 0 */
        if (cmp == CMP_GT && k >= -1) return 0; /* x > -1, x > 0 */
        if (cmp == CMP_NE && k < 0) return 0;   /* x != -1 */
        if (cmp == CMP_EQ && k >= 0) return 0;  /* x == 3: a valid number */
        /* x <= 2, x < 3: a standard stream's number (after dup2 onto 0-2, `if (fd > STDERR_FILENO) close(fd)`):
         * not a handle this code must release */
        if ((cmp == CMP_LE && k >= 0 && k <= 2) || (cmp == CMP_LT && k >= 1 && k <= 3)) return 1;
        return -1;
    case INVALID_VALUE:
        if (k != invalid_value) return -1;
        if (cmp == CMP_EQ) return 1;
        if (cmp == CMP_NE) return 0;
        return -1;
    case INVALID_NONE:
        return -1;
    }
    return -1;
}

static int success_failure(model_success s, ir_cmp cmp, int64_t k, bool holds) {
    if (!holds) {
        static const ir_cmp neg[] = {CMP_NE, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT};
        cmp = neg[cmp];
    }
    switch (s) {
    case SUCCESS_ZERO:
        if (cmp == CMP_EQ) return k == 0 ? 0 : 1;
        if (cmp == CMP_NE && k == 0) return 1;
        if (cmp == CMP_LT && k <= 0) return 1;
        if (cmp == CMP_GT && k >= 0) return 1;
        if (cmp == CMP_GE && k == 0) return -1;
        return -1;
    case SUCCESS_NONNEGATIVE:
        return failure_of(INVALID_NEGATIVE, 0, cmp, k, true);
    case SUCCESS_NONZERO:
    case SUCCESS_NONNULL:
        return failure_of(INVALID_NULL, 0, cmp, k, true);
    case SUCCESS_ALWAYS:
        return -1;
    }
    return -1;
}

bool tracker_branch(engine_ctx *cx, void *p, const ir_cond *c, bool holds) {
    hstate *st = p;
    const hfn *hf = tracker_fn(cx);
    int64_t k;
    if (c->lhs.kind != OPND_PLACE || c->rhs.kind != OPND_INT) return true;
    k = c->rhs.value;
    /* the return code of an out-parameter acquire */
    if (c->lhs.place.root == ROOT_VAR && !c->lhs.place.npath) {
        for (uint32_t i = 0; i < st->nlinks; i++) {
            const hlink *l = &st->links[i];
            if (l->var != c->lhs.place.index) continue;
            int fail = success_failure(l->success, c->cmp, k, holds);
            if (fail == 1 && l->out_param >= 0 && l->out_param < 32) st->out_stored &= ~(1u << l->out_param);
            for (uint32_t j = 0; j < (l->count ? l->count : 1) && fail >= 0; j++) {
                hslot *s = &st->slots[l->handle + j];
                /* handed off from the start (an id stored in a global): on the failure path there is no thread */
                if (fail && s->status == H_HANDED_OFF && s->outlives) s->status = H_NONE;
                if (s->status != H_OPEN) continue;
                if (fail)
                    s->status = H_NONE;
                else
                    s->checked = true;
            }
        }
    }
    hvalue v = tracker_eval(cx, st, &c->lhs);
    if (v.address) return true;
    for (uint32_t i = 0; i < v.n; i++) {
        uint32_t h = v.handles[i];
        const handle_info *hi = &hf->handles[h];
        hslot *s = &st->slots[h];
        model_invalid inv = INVALID_NULL;
        int64_t invv = 0;
        const model_kind *kind = tracker_kind(cx, hi->kind);
        if (kind) {
            inv = kind->invalid;
            invv = kind->invalid_value;
        } else if (hi->param >= 0 && !engine_function(cx)->vars[hi->param].is_pointer && !hi->pointee) {
            inv = INVALID_NEGATIVE; /* an int parameter: a descriptor */
        }
        int fail = failure_of(inv, invv, c->cmp, k, holds);
        if (!kind) {
            /* a parameter of unknown kind: NULL and negative values both mean "no handle" */
            int as_fd = failure_of(INVALID_NEGATIVE, 0, c->cmp, k, holds);
            if (fail < 0 || (fail == 0 && as_fd == 1)) fail = as_fd;
        }
        if (fail < 0) continue;
        if (fail && s->status == H_OPEN) {
            s->status = H_NONE;
            /* the adopting call failed: what it would have owned is the caller's again */
            for (uint32_t a = 0; a < st->nadopts; a++)
                if (st->adopts[a].owner == h && st->slots[st->adopts[a].adopted].status == H_HANDED_OFF)
                    st->slots[st->adopts[a].adopted].status = H_OPEN;
        } else if (!fail) {
            s->checked = true;
        }
    }
    return true;
}

/* --- return ----------------------------------------------------------------------------------------------------- */

/* The acquire status a returned operand passes on: `return pthread_create(t, ...)`, `return -err`. */
static const hlink *returned_link(const hstate *st, const ir_operand *op) {
    if (op->kind == OPND_ARITH && op->op == ARITH_NEG && op->lhs) op = op->lhs;
    if (op->kind != OPND_PLACE || op->place.root != ROOT_VAR || op->place.npath) return NULL;
    for (uint32_t i = 0; i < st->nlinks; i++)
        if (st->links[i].var == op->place.index) return &st->links[i];
    return NULL;
}

void tracker_ret(engine_ctx *cx, void *p, const ir_term *t) {
    hstate *st = p;
    hfn *hf = tracker_fn(cx);
    const ir_function *f = engine_function(cx);
    hf->returns++;
    if (hf->timeouts) timeouts_ret(cx, st, t);
    if (t->has_ret) {
        hvalue v = tracker_eval(cx, st, &t->ret);
        for (uint32_t i = 0; i < v.n && !v.address; i++) {
            uint32_t h = v.handles[i];
            if (st->slots[h].status != H_OPEN) continue;
            st->slots[h].status = H_HANDED_OFF; /* returned: the caller owns it */
            st->slots[h].outlives = true;
            const handle_info *hi = &hf->handles[h];
            if (hi->param < 0 && !hi->self) { /* returning pthread_self() creates nothing */
                if (hf->returned_kind && strcmp(hf->returned_kind, hi->kind_name) != 0) hf->returned_unknown = true;
                hf->returned_kind = hi->kind_name;
            }
        }
    }
    int64_t rv = 0;
    bool rv_known = t->has_ret && engine_const_value(cx, &t->ret, &rv);
    const hlink *passed = t->has_ret ? returned_link(st, &t->ret) : NULL;
    for (uint32_t i = 0; i < f->nparams && i < 32; i++) {
        if ((st->out_stored & (1u << i)) && passed && passed->out_param == (int32_t)i &&
            (passed->success == SUCCESS_ZERO || t->ret.kind == OPND_PLACE)) {
            /* the caller's test of the result is the test of the acquire's own status */
            if (hf->passthrough[i] && hf->pass_success[i] != passed->success) hf->pass_conflict[i] = true;
            hf->pass_success[i] = passed->success;
            hf->passthrough[i]++;
        } else if (st->out_stored & (1u << i)) {
            if (rv_known && rv == 0)
                hf->stored_zero[i]++;
            else
                hf->stored_other[i]++;
        } else {
            if (rv_known && rv == 0)
                hf->unstored_zero[i]++;
            else
                hf->unstored_other[i]++;
        }
    }
    for (uint32_t h = 0; h < st->nhandles; h++) {
        const hslot *s = &st->slots[h];
        const handle_info *hi = &hf->handles[h];
        if (hi->param >= 0) {
            if (s->status == H_RELEASED)
                hf->released_paths[h]++;
            else if (s->status == H_OPEN)
                hf->open_paths[h]++;
            else if (s->status == H_HANDED_OFF)
                hf->kept_paths[h]++;
            continue;
        }
        if (s->status == H_OPEN) report_leak(cx, st, h, t->loc, false);
        if (s->borrow && (s->status == H_OPEN || (s->status == H_RELEASED && s->detached) ||
                          (s->status == H_HANDED_OFF && s->outlives)))
            report_borrow(cx, st, h, t->loc);
    }
    (void)f;
}

void tracker_finish(engine_ctx *cx) {
    hfn *hf = tracker_fn(cx);
    fn_summary *s = engine_own_summary(cx);
    if (!hf || !s) return;
    const ir_function *f = engine_function(cx);
    for (uint32_t h = 0; h < hf->nparam_handles; h++) {
        const handle_info *hi = &hf->handles[h];
        uint32_t i = (uint32_t)hi->param;
        if (i >= s->nparams) continue;
        uint32_t bits = 0;
        /* A part of a parameter released in a loop (`for (...) close(fds[i])`) is not released on the path that runs
         * the loop zero times; released on some path and never kept is taken as released. */
        bool released = hf->released_paths[h] && !hf->kept_paths[h] && (!hf->open_paths[h] || hi->sub);
        if (released)
            bits |= hi->pointee ? HANDLE_RELEASES_POINTEE : HANDLE_RELEASES;
        else if (hf->kept_paths[h])
            bits |= hi->pointee ? HANDLE_KEEPS_POINTEE : HANDLE_KEEPS;
        else if (hf->released_paths[h] && !hi->pointee && !hi->sub)
            bits |= HANDLE_MAY_RELEASE;
        if (hi->sub)
            summary_add_field_fact(s, i, encode_part(cx, hi), bits);
        else
            s->params[i].handle |= bits;
    }
    for (uint32_t i = 0; i < f->nparams && i < s->nparams; i++)
        if (hf->pointee_written[i]) s->params[i].handle |= HANDLE_WRITES_POINTEE;
    if (hf->returned_kind && !hf->returned_unknown && !s->returns_handle)
        s->returns_handle = arena_strdup(s->home, hf->returned_kind);
    if (hf->detaches_self) s->detaches_self = true;
    if (hf->timeouts) timeouts_finish(cx, hf, s);
    for (uint32_t i = 0; i < f->nparams && i < 32; i++) {
        if (!hf->out_kind[i] || hf->out_conflict[i] || s->acquires_out_param >= 0) continue;
        uint32_t stored = hf->stored_zero[i] + hf->stored_other[i];
        uint32_t unstored = hf->unstored_zero[i] + hf->unstored_other[i];
        model_success success;
        if (!stored && !hf->passthrough[i]) continue;
        if (hf->passthrough[i]) {
            /* `return pthread_create(t, ...)`: success as the acquire defines it, if the other paths agree */
            if (hf->pass_conflict[i] || hf->stored_other[i] || hf->unstored_zero[i]) continue;
            if (hf->pass_success[i] != SUCCESS_ZERO && (hf->stored_zero[i] || unstored)) continue;
            success = hf->pass_success[i];
        } else if (!unstored)
            success = SUCCESS_ALWAYS;
        else if (stored == hf->stored_zero[i] && !hf->unstored_zero[i])
            success = SUCCESS_ZERO; /* returns 0 exactly when it stored the handle */
        else
            continue; /* no return value tells the caller whether a handle was stored: stay quiet */
        s->acquires_out_param = (int32_t)i;
        s->acquires_out_kind = arena_strdup(s->home, hf->out_kind[i]);
        s->acquires_out_success = success;
        s->thread_routine_param = hf->thread_routine_param;
        s->thread_arg_param = hf->thread_arg_param;
    }
}
