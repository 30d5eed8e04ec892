/* shared_session.c — rule shared-session: a session handle its library says is not safe for concurrent use (CURL*,
 * PGconn*, MYSQL*, redisContext*, SSL*, a NOMUTEX sqlite3*; models.h `sessions:`) used by two threads at once with
 * no lock held.
 *
 * Two facts meet at a thread creation. The start routine's summary says whether it uses, with no lock held, a session
 * reachable from its argument (param_session_facts.uses_kind) or held in a global (global_uses); summaries carry
 * both up the call graph, so a routine that calls a helper in another TU counts. The creator's path says what else is
 * running: each creation "lends" what it shares until the thread is joined. A second creation that lends the same
 * object (the same `&ctx`, the same pointer value, the same global) while the first is running, or a use by the
 * creator itself before the join, is the finding.
 *
 * Precision policy (README): a use while any lock is held (models `locks:`, or a project lock wrapper, whose summary
 * says it leaves a lock held) is synchronised; a per-thread element (`&args[i]`) is never the same object twice; a
 * pointer variable that is assigned again no longer names what it lent; sessions that are unsafe only with some
 * property (sqlite3 `when: nomutex`, CURLSH `unless: lockfunc`) are reported only where that property is seen. */
#include <string.h>

#include "model_match.h"
#include "registry.h"

static const rule_info session_rules[] = {
    {.id = "shared-session",
     .name = "SharedSession",
     .short_desc = "Non-thread-safe session used by several threads without a lock",
     .full_desc = "A library session that must not be used concurrently (a libcurl easy or multi handle, a libpq "
                  "PGconn, a MySQL connection, a hiredis context, an OpenSSL SSL, a SQLite connection opened with "
                  "SQLITE_OPEN_NOMUTEX) is given to more than one thread, or used by the thread that created a "
                  "thread using it, with no mutex held around the uses.",
     .level = SEV_WARNING,
     .tags = "reliability concurrency external/cwe/cwe-362",
     .precision = "high"},
};

enum { MAX_RESOLVE = 4 };

/* Something a running thread uses: the object its argument reaches, or a global session. */
typedef struct lend {
    ir_operand what;    /* OPND_ADDR / OPND_PLACE of this frame's view of the argument; OPND_UNKNOWN: none (a global) */
    const char *global; /* USR of a global session the thread uses */
    const char *global_name;
    ir_place id; /* where the creation stored the thread id (joining it ends the lend) */
    bool has_id;
    const char *routine, *kind, *use_fn, *use_file;
    unsigned use_line;
    ir_loc created;
    uint32_t seq;
    int32_t status_var;    /* the local receiving the creation's status, -1; a branch on it that means failure */
    model_success success; /* ends the lend: no thread was started */
} lend;

/* A local that holds a copy of another value: `struct ctx *c = arg;`, `CURL *h = ctx->curl;`. */
typedef struct copy {
    uint32_t var;
    ir_operand src;
} copy;

/* A place known to hold a session handle with some properties (sqlite3 opened NOMUTEX, CURLSH with LOCKFUNC). */
typedef struct mark {
    ir_place place;
    int32_t kind;
    uint32_t props;
} mark;

typedef struct sstate {
    lend *lends;
    uint32_t nlends, cap_lends;
    copy *copies;
    uint32_t ncopies, cap_copies;
    mark *marks;
    uint32_t nmarks, cap_marks;
    int32_t locks; /* held on this path; > 0: uses are synchronised */
} sstate;

typedef struct sfn {
    param_session_facts *params; /* uses of sessions reachable from each parameter */
    uint32_t nparams;
    int32_t min_locks, max_locks; /* locks held when the function returns, over its returning paths */
    uint32_t returns;
} sfn;

static sfn *fn_of(engine_ctx *cx) {
    return *engine_checker_data(cx);
}

static const model_kind *kind_at(const models *m, int32_t k) {
    return m && k >= 0 && (uint32_t)k < m->nkinds ? &m->kinds[k] : NULL;
}

/* --- what calls do ------------------------------------------------------------------------------------------------ */

/* A thread creation: the model entry (or a wrapper's summary) says where the id, routine and argument are. */
typedef struct creation {
    int32_t id, routine, arg;
    model_success success;
} creation;

static bool is_creation(engine_ctx *cx, const ir_call *call, creation *out) {
    const models *m = engine_models(cx);
    for (const model_fn *mf = models_first(m, call->callee); mf; mf = models_next(m, mf)) {
        const model_kind *k = kind_at(m, mf->kind);
        if (mf->role == ROLE_ACQUIRE && k && k->thread && mf->routine >= 0) {
            *out = (creation){mf->out, mf->routine, mf->thread_arg, mf->success};
            return true;
        }
    }
    const fn_summary *s = engine_callee_summary(cx, call);
    if (s && s->thread_routine_param >= 0 && s->acquires_out_param >= 0) {
        *out = (creation){s->acquires_out_param, s->thread_routine_param, s->thread_arg_param,
                          (model_success)s->acquires_out_success};
        return true;
    }
    return false;
}

/* A join: the argument holding the id, or -1. Detaching does not end anything: the thread goes on running. */
static int32_t joined_arg(engine_ctx *cx, const ir_call *call) {
    const models *m = engine_models(cx);
    for (const model_fn *mf = models_first(m, call->callee); mf; mf = models_next(m, mf)) {
        const model_kind *k = kind_at(m, mf->kind);
        if (mf->role == ROLE_RELEASE && k && k->thread && !mf->detaches) return mf->arg;
    }
    return -1;
}

static bool relevant_call(engine_ctx *cx, const ir_call *call) {
    const models *m = engine_models(cx);
    if (!call->callee) return false;
    if (models_lock(m, call->callee) || models_session_use_next(m, call->callee, NULL)) return true;
    for (const model_fn *mf = models_first(m, call->callee); mf; mf = models_next(m, mf)) {
        const model_kind *k = kind_at(m, mf->kind);
        if (k && (k->session || k->thread)) return true;
    }
    const fn_summary *s = engine_callee_summary(cx, call);
    if (!s) return false;
    if (s->lock_delta || s->nglobal_uses || s->thread_routine_param >= 0) return true;
    for (uint32_t i = 0; i < s->nparams; i++)
        if (s->params[i].session.uses_kind) return true;
    return false;
}

/* --- values ------------------------------------------------------------------------------------------------------- */

static const copy *copy_of(const sstate *st, uint32_t var) {
    for (uint32_t i = st->ncopies; i-- > 0;)
        if (st->copies[i].var == var) return &st->copies[i];
    return NULL;
}

/* The operand with local copies followed back to where the value came from: `c->curl` where `c = arg` is
 * `arg->curl`. Steps after the copied variable are appended to the source's place. */
static ir_operand resolve(engine_ctx *cx, const sstate *st, ir_operand op) {
    for (int depth = 0; depth < MAX_RESOLVE; depth++) {
        if ((op.kind != OPND_PLACE && op.kind != OPND_ADDR) || op.place.root != ROOT_VAR) break;
        const copy *c = copy_of(st, op.place.index);
        if (!c) break;
        if (op.kind == OPND_ADDR && !op.place.npath) break; /* &c is c's own storage */
        const ir_operand *src = &c->src;
        if (op.place.npath == 0) {
            op = *src;
            continue;
        }
        /* c->f with c = <place P>: P's value, dereferenced: (*P).f; with c = &X: X.f */
        ir_place base;
        uint16_t skip = 0;
        if (src->kind == OPND_ADDR && op.place.path[0].kind == STEP_DEREF) {
            base = src->place;
            skip = 1;
        } else if (src->kind == OPND_PLACE) {
            base = src->place;
        } else {
            break;
        }
        uint16_t n = (uint16_t)(base.npath + op.place.npath - skip);
        ir_path_step *steps = arena_alloc(engine_arena(cx), (n + 1u) * sizeof *steps);
        if (base.npath) memcpy(steps, base.path, base.npath * sizeof *steps);
        if (op.place.npath > skip)
            memcpy(steps + base.npath, op.place.path + skip, (size_t)(op.place.npath - skip) * sizeof *steps);
        op.place = (ir_place){.root = base.root, .index = base.index, .npath = n, .path = steps};
    }
    return op;
}

static bool per_element(const ir_place *p) {
    for (uint16_t i = 0; i < p->npath; i++)
        if (p->path[i].kind == STEP_INDEX && !p->path[i].has_index) return true;
    return false;
}

/* Does a use of `use` (resolved) touch what `what` lends? &X lends X and everything in it; a pointer value P lends
 * P itself (the handle) and what P points to. */
static bool touches(const ir_operand *what, const ir_operand *use) {
    if (what->kind == OPND_UNKNOWN || (use->kind != OPND_PLACE && use->kind != OPND_ADDR)) return false;
    const ir_place *w = &what->place, *u = &use->place;
    if (w->root != u->root || w->index != u->index) return false;
    if (what->kind == OPND_ADDR) return u->npath >= w->npath && ir_steps_equal(u->path, w->path, w->npath);
    if (use->kind == OPND_PLACE && ir_place_equal(u, w)) return true;
    return u->npath > w->npath && ir_steps_equal(u->path, w->path, w->npath) && u->path[w->npath].kind == STEP_DEREF;
}

static const char *describe(engine_ctx *cx, const ir_operand *op) {
    arena *a = engine_arena(cx);
    if (op->kind != OPND_PLACE && op->kind != OPND_ADDR) return "it";
    const char *p = ir_place_str(a, engine_module(cx), engine_function(cx), &op->place);
    return arena_printf(a, "'%s%s'", op->kind == OPND_ADDR ? "&" : "", p);
}

/* The properties a mark records for what the operand reaches, or UINT32_MAX when nothing is known. */
static uint32_t marked_props(const sstate *st, const ir_operand *op, int32_t kind) {
    for (uint32_t i = st->nmarks; i-- > 0;) {
        const mark *mk = &st->marks[i];
        if (mk->kind != kind) continue;
        ir_operand as_place = {.kind = OPND_PLACE, .place = mk->place};
        if ((op->kind == OPND_PLACE && ir_place_equal(&op->place, &mk->place)) || touches(op, &as_place))
            return mk->props;
    }
    return UINT32_MAX;
}

/* Is a session of this kind unsafe, given what is known of the handle's properties? */
static bool unsafe(const model_kind *k, uint32_t props) {
    if (!k || !k->session) return false;
    if (!k->session_when && !k->session_unless) return true;
    if (props == UINT32_MAX) return false; /* conditional kind, properties unknown: quiet */
    return (props & k->session_when) == k->session_when && !(props & k->session_unless);
}

/* --- state -------------------------------------------------------------------------------------------------------- */

static void *session_entry(engine_ctx *cx) {
    const ir_function *f = engine_function(cx);
    bool relevant = false;
    for (uint32_t b = 0; b < f->nblocks && !relevant; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents && !relevant; e++)
            relevant = f->blocks[b].events[e].kind == EV_CALL && relevant_call(cx, &f->blocks[b].events[e].u.call);
    if (!relevant) return NULL;
    sfn *sf = arena_alloc(engine_arena(cx), sizeof *sf);
    memset(sf, 0, sizeof *sf);
    sf->nparams = f->nparams;
    sf->params = arena_alloc(engine_arena(cx), (f->nparams + 1) * sizeof *sf->params);
    memset(sf->params, 0, (f->nparams + 1) * sizeof *sf->params);
    *engine_checker_data(cx) = sf;
    sstate *st = arena_alloc(engine_arena(cx), sizeof *st);
    memset(st, 0, sizeof *st);
    return st;
}

static void *session_clone(engine_ctx *cx, const void *p) {
    const sstate *s = p;
    sstate *d = arena_dup(engine_arena(cx), s, sizeof *d);
#define CLONE(arr, n, cap)                                                                                             \
    do {                                                                                                               \
        d->cap = s->n;                                                                                                 \
        d->arr = s->n ? arena_dup(engine_arena(cx), s->arr, s->n * sizeof *d->arr) : NULL;                             \
    } while (0)
    CLONE(lends, nlends, cap_lends);
    CLONE(copies, ncopies, cap_copies);
    CLONE(marks, nmarks, cap_marks);
#undef CLONE
    return d;
}

static bool session_equal(const void *pa, const void *pb) {
    const sstate *a = pa, *b = pb;
    if (a->nlends != b->nlends || a->ncopies != b->ncopies || a->nmarks != b->nmarks || a->locks != b->locks)
        return false;
    for (uint32_t i = 0; i < a->nlends; i++)
        if (a->lends[i].created.line != b->lends[i].created.line || a->lends[i].what.kind != b->lends[i].what.kind ||
            a->lends[i].global != b->lends[i].global)
            return false;
    for (uint32_t i = 0; i < a->ncopies; i++)
        if (a->copies[i].var != b->copies[i].var || a->copies[i].src.kind != b->copies[i].src.kind ||
            !ir_place_equal(&a->copies[i].src.place, &b->copies[i].src.place))
            return false;
    for (uint32_t i = 0; i < a->nmarks; i++)
        if (a->marks[i].props != b->marks[i].props || !ir_place_equal(&a->marks[i].place, &b->marks[i].place))
            return false;
    return true;
}

/* Merged paths: a thread running on either is running (a second creation after the merge is still a second one);
 * copies and marks that disagree are dropped; a lock held on either counts as held (quiet rather than guess). */
static void session_join(engine_ctx *cx, void *pinto, const void *pfrom) {
    sstate *into = pinto;
    const sstate *from = pfrom;
    for (uint32_t i = 0; i < from->nlends; i++) {
        bool found = false;
        for (uint32_t k = 0; k < into->nlends && !found; k++)
            found = into->lends[k].created.line == from->lends[i].created.line &&
                    into->lends[k].global == from->lends[i].global;
        if (!found) {
            ENGINE_GROW(cx, into->lends, into->nlends, into->cap_lends);
            into->lends[into->nlends++] = from->lends[i];
        }
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < into->ncopies; i++) {
        const copy *other = copy_of(from, into->copies[i].var);
        if (other && other->src.kind == into->copies[i].src.kind &&
            ir_place_equal(&other->src.place, &into->copies[i].src.place))
            into->copies[n++] = into->copies[i];
    }
    into->ncopies = n;
    n = 0;
    for (uint32_t i = 0; i < into->nmarks; i++) {
        bool same = false;
        for (uint32_t k = 0; k < from->nmarks && !same; k++)
            same = from->marks[k].props == into->marks[i].props &&
                   ir_place_equal(&from->marks[k].place, &into->marks[i].place);
        if (same) into->marks[n++] = into->marks[i];
    }
    into->nmarks = n;
    if (from->locks > into->locks) into->locks = from->locks;
}

/* `var` gets a new value (or a new lifetime): what it named before is no longer what it names. */
static void forget_var(sstate *st, uint32_t var, bool storage_too) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < st->ncopies; i++)
        if (st->copies[i].var != var) st->copies[n++] = st->copies[i];
    st->ncopies = n;
    for (uint32_t i = 0; i < st->nlends; i++) {
        ir_operand *w = &st->lends[i].what;
        if (w->kind == OPND_UNKNOWN || w->place.root != ROOT_VAR || w->place.index != var) continue;
        if (w->kind == OPND_PLACE || storage_too) w->kind = OPND_UNKNOWN;
    }
    n = 0;
    for (uint32_t i = 0; i < st->nmarks; i++)
        if (st->marks[i].place.root != ROOT_VAR || st->marks[i].place.index != var) st->marks[n++] = st->marks[i];
    st->nmarks = n;
}

/* --- uses --------------------------------------------------------------------------------------------------------- */

static void report_second(engine_ctx *cx, const lend *first, const ir_event *ev, const char *routine,
                          const char *what_desc, const char *kind) {
    arena *a = engine_arena(cx);
    const char *msg = arena_printf(a,
                                   "the %s session reachable from %s is given to a second thread while the thread "
                                   "created at line %u ('%s') may still be using it, with no lock held",
                                   kind, what_desc, first->created.line, first->routine);
    report_step steps[2] = {
        {.loc = first->created,
         .message = arena_printf(a, "first thread ('%s') created here", first->routine),
         .seq = first->seq},
        {.loc = ev->loc,
         .message = arena_printf(a, "'%s' uses the session with no lock held (%s at %s:%u)", routine,
                                 first->use_fn ? first->use_fn : "a call", first->use_file ? first->use_file : "?",
                                 first->use_line),
         .seq = engine_path_seq(cx)},
    };
    engine_report(cx, "shared-session", ev->loc, msg, steps, 2, UINT32_MAX);
}

static void report_creator_use(engine_ctx *cx, const lend *l, const model_kind *k, const char *by,
                               const char *what_desc, const ir_event *ev) {
    arena *a = engine_arena(cx);
    const char *msg = arena_printf(a,
                                   "'%s' uses the %s session %s while the thread created at line %u ('%s') may be "
                                   "using it too, with no lock held",
                                   by, k->name, what_desc, l->created.line, l->routine);
    report_step steps[2] = {
        {.loc = l->created, .message = arena_printf(a, "thread ('%s') created here", l->routine), .seq = l->seq},
        {.loc = ev->loc,
         .message = arena_printf(a, "'%s' uses it with no lock held (%s at %s:%u)", l->routine,
                                 l->use_fn ? l->use_fn : "a call", l->use_file ? l->use_file : "?", l->use_line),
         .seq = l->seq},
    };
    engine_report(cx, "shared-session", ev->loc, msg, steps, 2, UINT32_MAX);
}

/* This function uses the global session `u->global` with no lock held: it goes into the summary, and it is a
 * finding while a thread that uses the same global is running. */
static void global_use(engine_ctx *cx, sstate *st, const global_session_use *u, const model_kind *k,
                       const ir_event *ev) {
    summary_add_global_use(engine_own_summary(cx), u);
    for (uint32_t i = 0; i < st->nlends; i++)
        if (st->lends[i].global && !strcmp(st->lends[i].global, u->global)) {
            report_creator_use(cx, &st->lends[i], k, u->fn,
                               arena_printf(engine_arena(cx), "in global '%s'", u->name ? u->name : "?"), ev);
            return;
        }
}

/* The creator (this function) uses a session: record it for the summary, and report it if a running thread uses
 * the same one. `by` names the library call (or the project function that makes it). */
static void session_use(engine_ctx *cx, sstate *st, const ir_operand *operand, int32_t kind, const char *by,
                        unsigned line, const ir_event *ev) {
    if (st->locks > 0) return;
    const models *m = engine_models(cx);
    const model_kind *k = kind_at(m, kind);
    if (!k || !k->session) return;
    ir_operand r = resolve(cx, st, *operand);
    const ir_function *f = engine_function(cx);
    const ir_module *mod = engine_module(cx);
    sfn *sf = fn_of(cx);
    if ((r.kind == OPND_PLACE || r.kind == OPND_ADDR) && r.place.root == ROOT_VAR && r.place.index < f->nparams &&
        f->vars[r.place.index].kind == VAR_PARAM && !sf->params[r.place.index].uses_kind)
        sf->params[r.place.index] = (param_session_facts){.uses_kind = k->name, .use_fn = by, .use_line = line};
    if (r.kind == OPND_PLACE && r.place.root == ROOT_GLOBAL && r.place.npath == 0 && r.place.index < mod->nglobals) {
        global_session_use u = {
            mod->globals[r.place.index].usr, mod->globals[r.place.index].name, k->name, by, ev->loc.file, line};
        /* a conditional kind (sqlite3 when nomutex) in a global: only where this function saw how it was made */
        if ((k->session_when || k->session_unless) && !unsafe(k, marked_props(st, &r, kind))) {
            summary_add_global_use(engine_own_summary(cx), &u);
            return;
        }
        global_use(cx, st, &u, k, ev);
        return;
    }
    for (uint32_t i = 0; i < st->nlends; i++) {
        const lend *l = &st->lends[i];
        if (l->global || !touches(&l->what, &r) || !unsafe(k, marked_props(st, &l->what, kind))) continue;
        /* name it as written when following copies ends in a compiler temporary (`multi = curl_multi_init()`) */
        bool temp = r.place.root == ROOT_VAR && r.place.index < f->nvars && f->vars[r.place.index].kind == VAR_TEMP;
        report_creator_use(cx, l, k, by, describe(cx, temp ? operand : &r), ev);
        return;
    }
}

static void created(engine_ctx *cx, sstate *st, const ir_event *ev, const creation *c) {
    const ir_call *call = &ev->u.call;
    if (c->routine < 0 || (uint32_t)c->routine >= call->nargs || call->args[c->routine].kind != OPND_FUNC) return;
    const ir_operand *fnop = &call->args[c->routine];
    const fn_summary *r = engine_function_summary(cx, fnop->usr);
    if (!r) return;
    const models *m = engine_models(cx);
    lend base = {.routine = fnop->text ? fnop->text : "?",
                 .created = ev->loc,
                 .seq = engine_path_seq(cx),
                 .status_var = c->success != SUCCESS_ALWAYS ? call->result_var : -1,
                 .success = c->success};
    if (c->id >= 0 && (uint32_t)c->id < call->nargs && call->args[c->id].kind == OPND_ADDR) {
        base.id = call->args[c->id].place;
        base.has_id = true;
    }
    /* the argument's session */
    if (r->nparams && r->params[0].session.uses_kind && c->arg >= 0 && (uint32_t)c->arg < call->nargs) {
        const param_session_facts *pf = &r->params[0].session;
        int32_t kind = models_kind_index(m, pf->uses_kind);
        ir_operand what = resolve(cx, st, call->args[c->arg]);
        bool named = (what.kind == OPND_ADDR || what.kind == OPND_PLACE) && !per_element(&what.place) &&
                     what.place.root != ROOT_HEAP;
        if (named && unsafe(kind_at(m, kind), marked_props(st, &what, kind))) {
            for (uint32_t i = 0; i < st->nlends; i++) {
                const lend *l = &st->lends[i];
                if (l->global || l->what.kind != what.kind || !ir_place_equal(&l->what.place, &what.place)) continue;
                const ir_function *f = engine_function(cx);
                bool temp = what.place.root == ROOT_VAR && what.place.index < f->nvars &&
                            f->vars[what.place.index].kind == VAR_TEMP;
                report_second(cx, l, ev, base.routine, describe(cx, temp ? &call->args[c->arg] : &what), pf->uses_kind);
                break;
            }
            lend l = base;
            l.what = what;
            l.kind = pf->uses_kind;
            l.use_fn = pf->use_fn;
            l.use_line = pf->use_line;
            l.use_file = r->file;
            ENGINE_GROW(cx, st->lends, st->nlends, st->cap_lends);
            st->lends[st->nlends++] = l;
        }
    }
    /* global sessions the routine uses */
    for (uint32_t g = 0; g < r->nglobal_uses; g++) {
        const global_session_use *u = &r->global_uses[g];
        const model_kind *gk = kind_at(m, models_kind_index(m, u->kind));
        if (!gk) continue;
        if (gk->session_when || gk->session_unless) {
            /* g_share = curl_share_init() without LOCKFUNC in this function: known unsafe; otherwise quiet */
            int32_t gi = ir_find_global(engine_module(cx), u->global);
            if (gi < 0) continue;
            ir_operand gop = {.kind = OPND_PLACE, .place = ir_place_global((uint32_t)gi)};
            if (!unsafe(gk, marked_props(st, &gop, models_kind_index(m, u->kind)))) continue;
        }
        for (uint32_t i = 0; i < st->nlends; i++) {
            const lend *l = &st->lends[i];
            if (!l->global || strcmp(l->global, u->global) != 0) continue;
            arena *a = engine_arena(cx);
            const char *msg = arena_printf(a,
                                           "the %s session in global '%s' is used by two threads with no lock held: "
                                           "'%s', created here, and '%s', created at line %u",
                                           u->kind, u->name, base.routine, l->routine, l->created.line);
            report_step steps[3] = {
                {.loc = l->created,
                 .message = arena_printf(a, "thread ('%s') created here", l->routine),
                 .seq = l->seq},
                {.loc = ev->loc,
                 .message =
                     arena_printf(a, "'%s' uses '%s' with no lock held (%s at %s:%u)", l->routine, u->name,
                                  l->use_fn ? l->use_fn : "a call", l->use_file ? l->use_file : "?", l->use_line),
                 .seq = engine_path_seq(cx)},
                {.loc = ev->loc,
                 .message = arena_printf(a, "'%s' uses '%s' with no lock held (%s at %s:%u)", base.routine, u->name,
                                         u->fn ? u->fn : "a call", u->file ? u->file : "?", u->line),
                 .seq = engine_path_seq(cx)},
            };
            engine_report(cx, "shared-session", ev->loc, msg, steps, 3, UINT32_MAX);
            break;
        }
        lend l = base;
        l.global = u->global;
        l.global_name = u->name;
        l.kind = u->kind;
        l.use_fn = u->fn;
        l.use_file = u->file;
        l.use_line = u->line;
        ENGINE_GROW(cx, st->lends, st->nlends, st->cap_lends);
        st->lends[st->nlends++] = l;
    }
}

/* pthread_join(t): the thread whose id is in t has ended. t[i] may be any element of t[]. */
static void joined(sstate *st, const ir_operand *id) {
    if (id->kind != OPND_PLACE) return;
    uint32_t n = 0;
    for (uint32_t i = 0; i < st->nlends; i++) {
        const lend *l = &st->lends[i];
        bool match = l->has_id && l->id.root == id->place.root && l->id.index == id->place.index &&
                     l->id.npath == id->place.npath;
        for (uint16_t s = 0; match && s < l->id.npath; s++) {
            const ir_path_step *a = &l->id.path[s], *b = &id->place.path[s];
            match = a->kind == b->kind && (a->kind != STEP_FIELD || !strcmp(a->field, b->field)) &&
                    (a->kind != STEP_INDEX || !a->has_index || !b->has_index || a->index == b->index);
        }
        if (!match) st->lends[n++] = *l;
    }
    st->nlends = n;
}

/* A model property call on a session handle of a conditional kind: sqlite3_open_v2(..., NOMUTEX, ...) marks the
 * place the handle lands in; curl_share_setopt(sh, CURLSHOPT_LOCKFUNC, ...) marks sh. */
static bool landing_place(engine_ctx *cx, sstate *st, const ir_call *call, const model_fn *acq, ir_place *at) {
    if (acq->out >= 0 && (uint32_t)acq->out < call->nargs && call->args[acq->out].kind == OPND_ADDR) {
        *at = resolve(cx, st, call->args[acq->out]).place;
        return true;
    }
    if (acq->out < 0 && call->result_var >= 0) {
        *at = ir_place_var((uint32_t)call->result_var);
        return true;
    }
    return false;
}

static void set_mark(engine_ctx *cx, sstate *st, ir_place at, int32_t kind, uint32_t sets, uint32_t clears) {
    for (uint32_t i = st->nmarks; i-- > 0;)
        if (st->marks[i].kind == kind && ir_place_equal(&st->marks[i].place, &at)) {
            st->marks[i].props = (st->marks[i].props & ~clears) | sets;
            return;
        }
    ENGINE_GROW(cx, st->marks, st->nmarks, st->cap_marks);
    st->marks[st->nmarks++] = (mark){at, kind, sets};
}

static void property_call(engine_ctx *cx, sstate *st, const ir_call *call) {
    const models *m = engine_models(cx);
    /* a conditional session acquired here starts with no properties: curl_share_init() without LOCKFUNC yet */
    for (const model_fn *mf = models_first(m, call->callee); mf; mf = models_next(m, mf)) {
        const model_kind *k = kind_at(m, mf->kind);
        ir_place at;
        if (mf->role == ROLE_ACQUIRE && k && k->session && (k->session_when || k->session_unless) &&
            landing_place(cx, st, call, mf, &at))
            set_mark(cx, st, at, mf->kind, 0, UINT32_MAX);
    }
    for (const model_prop *p = models_prop_next(m, call->callee, NULL); p; p = models_prop_next(m, call->callee, p)) {
        const model_kind *k = kind_at(m, p->kind);
        if (!k || !k->session || (!k->session_when && !k->session_unless)) continue;
        if (!model_option_is(cx, call, p->option, p->is_name, p->has_is_value, p->is_value)) continue;
        if (p->flags >= 0 &&
            ((uint32_t)p->flags >= call->nargs || model_has_flag(cx, &call->args[p->flags], p->flag) != T_YES))
            continue;
        ir_place at;
        if (p->handle < 0) {
            const model_fn *acq = NULL;
            for (const model_fn *mf = models_first(m, call->callee); mf && !acq; mf = models_next(m, mf))
                if (mf->role == ROLE_ACQUIRE && mf->kind == p->kind) acq = mf;
            if (!acq || !landing_place(cx, st, call, acq, &at)) continue;
        } else {
            if ((uint32_t)p->handle >= call->nargs) continue;
            ir_operand h = resolve(cx, st, call->args[p->handle]);
            if (h.kind != OPND_PLACE) continue;
            at = h.place;
        }
        set_mark(cx, st, at, p->kind, p->sets, p->clears);
    }
}

static void call_event(engine_ctx *cx, sstate *st, const ir_event *ev) {
    const ir_call *call = &ev->u.call;
    const models *m = engine_models(cx);
    if (call->result_var >= 0) forget_var(st, (uint32_t)call->result_var, false);
    if (!call->callee) return;
    const model_lock *lk = models_lock(m, call->callee);
    if (lk) {
        st->locks += lk->unlock ? -1 : 1;
        return;
    }
    property_call(cx, st, call);
    for (const model_fn *mf = models_first(m, call->callee); mf; mf = models_next(m, mf)) {
        const model_kind *k = kind_at(m, mf->kind);
        if (!k || !k->session || (mf->role != ROLE_USE && mf->role != ROLE_RELEASE)) continue;
        if (mf->arg >= 0 && (uint32_t)mf->arg < call->nargs)
            session_use(cx, st, &call->args[mf->arg], mf->kind, call->callee, ev->loc.line, ev);
    }
    for (const model_session_use *u = models_session_use_next(m, call->callee, NULL); u;
         u = models_session_use_next(m, call->callee, u))
        if ((uint32_t)u->arg < call->nargs &&
            model_option_is(cx, call, u->option, u->is_name, u->has_is_value, u->is_value))
            session_use(cx, st, &call->args[u->arg], u->kind, call->callee, ev->loc.line, ev);
    creation c;
    if (is_creation(cx, call, &c)) created(cx, st, ev, &c);
    int32_t j = joined_arg(cx, call);
    if (j >= 0 && (uint32_t)j < call->nargs) joined(st, &call->args[j]);
    const fn_summary *s = engine_callee_summary(cx, call);
    if (!s) return;
    /* a project function: its uses are ours, made under the locks we hold now */
    for (uint32_t i = 0; i < s->nparams && i < call->nargs; i++) {
        const param_session_facts *pf = &s->params[i].session;
        if (pf->uses_kind)
            session_use(cx, st, &call->args[i], models_kind_index(m, pf->uses_kind), call->callee, ev->loc.line, ev);
        if ((s->params[i].handle & HANDLE_RELEASES_POINTEE) && call->args[i].kind == OPND_ADDR) {
            ir_operand id = {.kind = OPND_PLACE, .place = call->args[i].place};
            joined(st, &id); /* a join wrapper: join_worker(&t) */
        }
    }
    for (uint32_t g = 0; g < s->nglobal_uses && st->locks <= 0; g++) {
        global_session_use u = s->global_uses[g];
        u.fn = call->callee; /* this function's use is the call of the helper */
        u.file = ev->loc.file;
        u.line = ev->loc.line;
        const model_kind *k = kind_at(m, models_kind_index(m, u.kind));
        if (k) global_use(cx, st, &u, k, ev);
    }
    st->locks += s->lock_delta;
}

static void session_event(engine_ctx *cx, void *p, const ir_event *ev) {
    sstate *st = p;
    switch (ev->kind) {
    case EV_CALL:
        call_event(cx, st, ev);
        break;
    case EV_ASSIGN: {
        const ir_place *dst = &ev->u.assign.dst;
        const ir_operand *src = &ev->u.assign.src;
        if (dst->root == ROOT_VAR && !dst->npath) {
            forget_var(st, dst->index, false);
            if ((src->kind == OPND_PLACE || src->kind == OPND_ADDR) && src->place.root != ROOT_HEAP) {
                ir_operand from = resolve(cx, st, *src);
                ENGINE_GROW(cx, st->copies, st->ncopies, st->cap_copies);
                st->copies[st->ncopies++] = (copy){dst->index, from};
            }
        }
        /* ctx.db = db: the mark on db now describes ctx.db too */
        if (src->kind == OPND_PLACE)
            for (uint32_t i = 0, n = st->nmarks; i < n; i++)
                if (ir_place_equal(&st->marks[i].place, &src->place)) {
                    ENGINE_GROW(cx, st->marks, st->nmarks, st->cap_marks);
                    st->marks[st->nmarks++] = (mark){*dst, st->marks[i].kind, st->marks[i].props};
                }
        break;
    }
    case EV_DECL:
        forget_var(st, ev->u.decl.var, true);
        break;
    case EV_SCOPE_END:
        break;
    }
}

/* Does `status cmp k` holding (or not) mean the creation failed? -1: cannot tell. */
static int failed_when(model_success success, ir_cmp cmp, int64_t k, bool holds) {
    if (!holds)
        cmp = cmp == CMP_EQ   ? CMP_NE
              : cmp == CMP_NE ? CMP_EQ
              : cmp == CMP_LT ? CMP_GE
              : cmp == CMP_GE ? CMP_LT
              : cmp == CMP_LE ? CMP_GT
                              : CMP_LE;
    if (k != 0) return -1;
    switch (success) {
    case SUCCESS_ZERO: /* pthread_create: 0 is success */
        return cmp == CMP_EQ ? 0 : cmp == CMP_NE || cmp == CMP_LT || cmp == CMP_GT ? 1 : -1;
    case SUCCESS_NONZERO:
        return cmp == CMP_EQ ? 1 : cmp == CMP_NE ? 0 : -1;
    case SUCCESS_NONNEGATIVE:
        return cmp == CMP_LT ? 1 : cmp == CMP_GE ? 0 : -1;
    default:
        return -1;
    }
}

/* The path where a creation failed started no thread: nothing of it is running. */
static bool session_branch(engine_ctx *cx, void *p, const ir_cond *cond, bool holds) {
    sstate *st = p;
    int64_t k;
    if (cond->lhs.kind != OPND_PLACE || !engine_const_value(cx, &cond->rhs, &k)) return true;
    ir_operand v = resolve(cx, st, cond->lhs);
    if (v.kind != OPND_PLACE || v.place.root != ROOT_VAR || v.place.npath) return true;
    uint32_t n = 0;
    for (uint32_t i = 0; i < st->nlends; i++) {
        const lend *l = &st->lends[i];
        bool failed = l->status_var >= 0 && (uint32_t)l->status_var == v.place.index &&
                      failed_when(l->success, cond->cmp, k, holds) == 1;
        if (!failed) st->lends[n++] = *l;
    }
    st->nlends = n;
    return true;
}

static void session_ret(engine_ctx *cx, void *p, const ir_term *term) {
    (void)term;
    sstate *st = p;
    sfn *sf = fn_of(cx);
    if (!sf->returns++ || st->locks < sf->min_locks) sf->min_locks = st->locks;
    if (sf->returns == 1 || st->locks > sf->max_locks) sf->max_locks = st->locks;
}

static void session_finish(engine_ctx *cx) {
    sfn *sf = fn_of(cx);
    fn_summary *s = engine_own_summary(cx);
    if (!sf || !s) return;
    for (uint32_t i = 0; i < sf->nparams && i < s->nparams; i++) {
        const param_session_facts *pf = &sf->params[i];
        if (!pf->uses_kind) continue;
        s->params[i].session.uses_kind = arena_strdup(s->home, pf->uses_kind);
        s->params[i].session.use_fn = arena_strdup(s->home, pf->use_fn);
        s->params[i].session.use_line = pf->use_line;
    }
    /* a lock wrapper leaves a lock held on every path; an unlock wrapper releases one */
    if (sf->returns && sf->min_locks == sf->max_locks && sf->min_locks) s->lock_delta = sf->min_locks;
}

const checker_ops session_checker = {
    .name = "sessions",
    .rules = session_rules,
    .nrules = sizeof session_rules / sizeof session_rules[0],
    .entry = session_entry,
    .clone = session_clone,
    .equal = session_equal,
    .join = session_join,
    .event = session_event,
    .branch = session_branch,
    .ret = session_ret,
    .finish = session_finish,
};
