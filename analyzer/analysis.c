/* analysis.c — see analysis.h. The order matters: every TU is lowered before anything is analysed, so summaries are
 * computed over the whole program's call graph and a caller always sees its callees' summaries, whatever order the
 * TUs came in.
 *
 * With N workers (-j N), TUs are parsed and lowered in parallel, each into its own slot, and their diagnostics are
 * merged in job order. Then the call graph's SCCs form a DAG: an SCC is ready once every SCC it calls into is done,
 * and the workers take ready SCCs, the one heading the costliest chain of callers first. A function's analysis reads
 * its own IR, the program's tables (read-only by then) and the summaries of its callees, which are final when it
 * runs; so its findings, summary and budget note do not depend on the schedule. They are kept per function and merged
 * in the bottom-up order, which makes the output the same for every N. */
#include "analysis.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core_facts.h"
#include "engine.h"
#include "fingerprint.h"
#include "parse_pool.h"
#include "registry.h"
#include "summary.h"

enum { SCC_MAX_ROUNDS = 5, WORKER_STACK = 512 * 1024 * 1024, MAX_WORKERS = 256 };
/* Steps kept of a finding's path: the first ones (the acquisition and what follows it) and the last ones (the
 * branches that lead to the return or the second release). */
enum { STEPS_HEAD = 10, STEPS_TAIL = 40 };

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- threads ----------------------------------------------------------------------------------------------------- */

/* Run fn(arg) on a thread with a big stack: lowering and the engine recurse over the syntax tree. */
static void run_with_big_stack(void *(*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, WORKER_STACK) == 0 &&
        pthread_create(&th, &attr, fn, arg) == 0) {
        pthread_join(th, NULL);
        pthread_attr_destroy(&attr);
        return;
    }
    fn(arg);
}

typedef struct worker {
    void *shared;
    unsigned index;
} worker;

/* fn for workers 0..n-1: worker 0 on this thread (which has the big stack already), the others on new threads with
 * big stacks. Workers take their work from a shared queue, so a thread that cannot be created only means fewer. */
static void run_workers(unsigned n, void *(*fn)(void *), void *shared) {
    worker *ws = calloc(n, sizeof *ws);
    pthread_t *th = calloc(n, sizeof *th);
    bool *started = calloc(n, sizeof *started);
    if (!ws || !th || !started) abort();
    pthread_attr_t attr;
    bool attr_ok = n > 1 && pthread_attr_init(&attr) == 0;
    if (attr_ok && pthread_attr_setstacksize(&attr, WORKER_STACK) != 0) {
        pthread_attr_destroy(&attr);
        attr_ok = false;
    }
    for (unsigned i = 0; i < n; i++) {
        ws[i] = (worker){shared, i};
        if (i > 0 && attr_ok) started[i] = pthread_create(&th[i], &attr, fn, &ws[i]) == 0;
    }
    fn(&ws[0]);
    for (unsigned i = 1; i < n; i++)
        if (started[i]) pthread_join(th[i], NULL);
    if (attr_ok) pthread_attr_destroy(&attr);
    free(started);
    free(th);
    free(ws);
}

static unsigned worker_count(unsigned requested, size_t work_items) {
    unsigned n = requested;
    if (n == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n = cores > 0 ? (unsigned)cores : 1;
    }
    if (n > MAX_WORKERS) n = MAX_WORKERS;
    if (n > work_items) n = (unsigned)work_items;
    return n ? n : 1;
}

/* --- parsing and lowering ---------------------------------------------------------------------------------------- */

typedef struct parse_queue {
    analysis *an;
    const analysis_input *in;
    parse_pool *pool; /* NULL: parse in this process */
    atomic_size_t next;
} parse_queue;

static void *parse_worker(void *arg) {
    parse_queue *q = ((worker *)arg)->shared;
    analysis *an = q->an;
    const analysis_input *in = q->in;
    for (;;) {
        size_t i = atomic_fetch_add(&q->next, 1);
        if (i >= an->ntus) break;
        frontend_options fo = {.parse_only = in->parse_only};
        if (in->unsaved_path && strcmp(in->unsaved_path, an->tus[i].job->file) == 0) {
            fo.unsaved_contents = in->unsaved_text;
            fo.unsaved_length = in->unsaved_len;
        }
        if (q->pool)
            parse_pool_process(q->pool, ((worker *)arg)->index, an->tus[i].job, &fo, in->tu_seconds, &an->tus[i].fe);
        else
            frontend_process(an->tus[i].job, &fo, &an->tus[i].fe);
    }
    return NULL;
}

/* --- analysis ---------------------------------------------------------------------------------------------------- */

static fn_summary *new_summary(arena *home, const program_fn *pf) {
    const ir_function *f = pf->fn;
    fn_summary *s = summary_new(home, f->usr, f->name, f->loc.file, f->loc.line, f->nparams);
    for (uint32_t i = 0; i < s->nparams; i++)
        s->params[i].escape_param = -1;
    return s;
}

static size_t tu_index_of(analysis *an, const ir_module *m) {
    for (size_t i = 0; i < an->ntus; i++)
        if (an->tus[i].fe.module == m) return i;
    return 0;
}

typedef enum fn_budget { BUDGET_NONE, BUDGET_LIMITS, BUDGET_TIME } fn_budget;

/* What analysing one function left, by its position in the bottom-up order. */
typedef struct fn_result {
    finding_list findings;
    fn_budget budget;
} fn_result;

/* Analyse one function with every checker within `seconds` of wall time; findings go to res. Returns its new
 * summary, in `home`; NULL when the time ran out: the findings are dropped (what was found would depend on the
 * machine's speed) and callers treat the function as one without a summary. */
static fn_summary *analyse_function(const program *p, arena *home, program_fn *pf, double seconds, fn_result *res) {
    double deadline = now_seconds() + seconds;
    fn_summary *s = new_summary(home, pf);
    engine_limits lim = engine_default_limits();
    lim.max_seconds = seconds;
    engine_result r = engine_run(p, pf->module, pf->fn, &core_facts_checker, s, &lim, &res->findings);
    if (r.budget_exhausted) {
        s->noreturn = false;
        s->returns_const = false;
    }
    size_t nck;
    const checker_ops *const *cks = checkers_all(&nck);
    for (size_t i = 0; i < nck && !r.timed_out; i++) {
        /* Past the deadline, a checker still runs until the engine looks at the clock: a quick one finishes. */
        double left = deadline - now_seconds();
        lim.max_seconds = left > 1e-9 ? left : 1e-9;
        engine_result cr = engine_run(p, pf->module, pf->fn, cks[i], s, &lim, &res->findings);
        if (cr.budget_exhausted) r.budget_exhausted = true;
        if (cr.timed_out) r.timed_out = true;
    }
    if (r.timed_out) {
        finding_list_free(&res->findings);
        res->budget = BUDGET_TIME;
        return NULL;
    }
    res->budget = r.budget_exhausted ? BUDGET_LIMITS : BUDGET_NONE;
    for (size_t i = 0; i < res->findings.count; i++)
        finding_cap_steps(&res->findings.items[i], STEPS_HEAD, STEPS_TAIL);
    return s;
}

static bool calls_itself(const ir_function *f) {
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
            const ir_event *ev = &f->blocks[b].events[e];
            if (ev->kind == EV_CALL && ev->u.call.callee_usr && strcmp(ev->u.call.callee_usr, f->usr) == 0) return true;
        }
    return false;
}

/* The ready SCCs, a heap: highest rank first, then lowest SCC number. */
typedef struct scheduler {
    analysis *an;
    program_sccs g;
    fn_result *results; /* by position in g.order */
    double function_seconds;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint32_t *waiting; /* per SCC: callee SCCs not done yet */
    uint64_t *rank;    /* per SCC: its cost plus the costliest chain of callers above it */
    uint32_t *ready;
    uint32_t nready, ndone;
} scheduler;

static bool ready_before(const scheduler *sc, uint32_t a, uint32_t b) {
    return sc->rank[a] != sc->rank[b] ? sc->rank[a] > sc->rank[b] : a < b;
}

static void ready_push(scheduler *sc, uint32_t k) {
    uint32_t i = sc->nready++;
    while (i > 0 && ready_before(sc, k, sc->ready[(i - 1) / 2])) {
        sc->ready[i] = sc->ready[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    sc->ready[i] = k;
}

static uint32_t ready_pop(scheduler *sc) {
    uint32_t top = sc->ready[0], last = sc->ready[--sc->nready], i = 0;
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= sc->nready) break;
        if (c + 1 < sc->nready && ready_before(sc, sc->ready[c + 1], sc->ready[c])) c++;
        if (!ready_before(sc, sc->ready[c], last)) break;
        sc->ready[i] = sc->ready[c];
        i = c;
    }
    if (sc->nready) sc->ready[i] = last;
    return top;
}

/* Rounds over the SCC's functions until their summaries stop changing; false when SCC_MAX_ROUNDS were not enough. */
static bool iterate_scc(scheduler *sc, arena *home, uint32_t begin, uint32_t end, bool recursive) {
    program *p = &sc->an->prog;
    const program_sccs *g = &sc->g;
    for (int round = 0; round < SCC_MAX_ROUNDS; round++) {
        bool changed = false;
        for (uint32_t i = begin; i < end; i++) {
            program_fn *pf = &p->fns[g->order[i]];
            fn_result *res = &sc->results[i];
            if (res->budget == BUDGET_TIME) continue; /* abandoned in an earlier round: stays without a summary */
            finding_list_free(&res->findings);
            fn_summary *s = analyse_function(p, home, pf, sc->function_seconds, res);
            if (s ? !pf->summary || !summary_equal(pf->summary, s) : pf->summary != NULL) changed = true;
            pf->summary = s;
        }
        if (!changed || !recursive) return true; /* a function that does not call itself is done after one pass */
    }
    return false;
}

/* One SCC; a cycle of mutually recursive functions is iterated until their summaries stop changing.
 *
 * The iteration starts from "never returns" for every function of the cycle: the first round sees only the paths
 * that return without going round the cycle (`if (n == 0) { fclose(f); return; }`), the next ones add the paths
 * through the others' summaries, as a recursion unfolds. Starting from "unknown" instead would make each function
 * hand its handles to an unknown function in the first round (the others have no summary yet), and that "keeps the
 * handle" would then feed itself round after round: a release or acquire wrapper that recurses across files would
 * never be recognised. When the rounds run out before the summaries settle, what they hold may still carry the
 * optimistic start, so the cycle is analysed again from "unknown", as quiet as an unknown function. */
static void analyse_scc(scheduler *sc, arena *home, uint32_t k) {
    program *p = &sc->an->prog;
    const program_sccs *g = &sc->g;
    uint32_t begin = g->first[k], end = g->first[k + 1];
    bool recursive = end - begin > 1 || calls_itself(p->fns[g->order[begin]].fn);
    if (!recursive) {
        iterate_scc(sc, home, begin, end, false);
        return;
    }
    for (uint32_t i = begin; i < end; i++) {
        program_fn *pf = &p->fns[g->order[i]];
        pf->summary = new_summary(home, pf);
        pf->summary->noreturn = true;
    }
    if (iterate_scc(sc, home, begin, end, true)) return;
    for (uint32_t i = begin; i < end; i++)
        p->fns[g->order[i]].summary = NULL; /* functions abandoned for time stay abandoned */
    iterate_scc(sc, home, begin, end, true);
}

static void *analysis_worker(void *arg) {
    worker *w = arg;
    scheduler *sc = w->shared;
    arena *home = &sc->an->summary_arenas[w->index];
    pthread_mutex_lock(&sc->mu);
    for (;;) {
        while (!sc->nready && sc->ndone < sc->g.nsccs)
            pthread_cond_wait(&sc->cv, &sc->mu);
        if (!sc->nready) break;
        uint32_t k = ready_pop(sc);
        pthread_mutex_unlock(&sc->mu);
        analyse_scc(sc, home, k);
        pthread_mutex_lock(&sc->mu);
        sc->ndone++;
        uint32_t woken = 0;
        for (uint32_t c = sc->g.caller_first[k]; c < sc->g.caller_first[k + 1]; c++)
            if (--sc->waiting[sc->g.callers[c]] == 0) {
                ready_push(sc, sc->g.callers[c]);
                woken++;
            }
        if (woken > 1 || sc->ndone == sc->g.nsccs)
            pthread_cond_broadcast(&sc->cv);
        else if (woken)
            pthread_cond_signal(&sc->cv);
    }
    pthread_mutex_unlock(&sc->mu);
    return NULL;
}

static uint64_t function_cost(const ir_function *f) {
    uint64_t cost = 1 + f->nblocks;
    for (uint32_t b = 0; b < f->nblocks; b++)
        cost += f->blocks[b].nevents;
    return cost;
}

static void analyse_program(analysis *an, const analysis_input *in) {
    program *p = &an->prog;
    arena scratch;
    arena_init(&scratch);
    scheduler sc = {.an = an,
                    .function_seconds = in->function_seconds > 0 ? in->function_seconds : ANALYSIS_FUNCTION_SECONDS};
    program_scc_dag(p, &scratch, &sc.g);
    uint32_t ns = sc.g.nsccs;
    sc.results = calloc(p->nfns + 1, sizeof *sc.results);
    sc.waiting = arena_alloc(&scratch, (ns + 1) * sizeof *sc.waiting);
    sc.rank = arena_alloc(&scratch, (ns + 1) * sizeof *sc.rank);
    sc.ready = arena_alloc(&scratch, (ns + 1) * sizeof *sc.ready);
    if (!sc.results) abort();
    /* Callers come after their callees in the order: rank from the top down. */
    for (uint32_t k = ns; k-- > 0;) {
        uint64_t cost = 0, above = 0;
        for (uint32_t i = sc.g.first[k]; i < sc.g.first[k + 1]; i++)
            cost += function_cost(p->fns[sc.g.order[i]].fn);
        for (uint32_t c = sc.g.caller_first[k]; c < sc.g.caller_first[k + 1]; c++)
            if (sc.rank[sc.g.callers[c]] > above) above = sc.rank[sc.g.callers[c]];
        sc.rank[k] = cost + above;
        sc.waiting[k] = sc.g.ncallees[k];
    }
    for (uint32_t k = 0; k < ns; k++)
        if (!sc.waiting[k]) ready_push(&sc, k);

    unsigned n = worker_count(in->workers, ns);
    an->summary_arenas = calloc(n, sizeof *an->summary_arenas);
    if (!an->summary_arenas) abort();
    an->nsummary_arenas = n;
    for (unsigned i = 0; i < n; i++)
        arena_init(&an->summary_arenas[i]);
    pthread_mutex_init(&sc.mu, NULL);
    pthread_cond_init(&sc.cv, NULL);
    run_workers(n, analysis_worker, &sc);
    pthread_cond_destroy(&sc.cv);
    pthread_mutex_destroy(&sc.mu);

    for (uint32_t i = 0; i < p->nfns; i++) {
        const program_fn *pf = &p->fns[sc.g.order[i]];
        if (sc.results[i].budget != BUDGET_NONE) {
            char msg[512];
            if (sc.results[i].budget == BUDGET_TIME)
                snprintf(msg, sizeof msg,
                         "function '%s' took more than %g s to analyse and was abandoned; no findings are reported "
                         "in it",
                         pf->fn->name, sc.function_seconds);
            else
                snprintf(msg, sizeof msg,
                         "function '%s' is too large to analyse completely; findings in it may be missing",
                         pf->fn->name);
            tool_diag_add(&an->diags, "lifeline-budget", SEV_NOTE, pf->fn->loc.file, pf->fn->loc.line, pf->fn->loc.col,
                          msg);
        }
        finding_list_take(&an->tus[tu_index_of(an, pf->module)].findings, &sc.results[i].findings);
    }
    free(sc.results);
    arena_free(&scratch);
}

static int load_stored_summary(void *ctx, const char *usr, const char *name, const char *file, const char *json) {
    program *p = ctx;
    if (program_find_fn(p, usr)) return 0; /* this run has the function's body: its summary is recomputed */
    fn_summary *s = summary_from_json(&p->arena, usr, name, file, json);
    if (s) strmap_put(&p->stored_summaries, s->usr, s);
    return 0;
}

int analysis_store(analysis *an, store *db, int64_t run, char *err, size_t errlen) {
    for (size_t t = 0; t < an->ntus; t++) {
        analysis_tu *ti = &an->tus[t];
        store_file *files = calloc(ti->fe.nincluded + 1, sizeof *files);
        if (!files) abort();
        size_t nfiles = 0;
        for (size_t i = 0; i < ti->fe.nincluded; i++) {
            source_file *cf = source_cache_get(&an->sources, ti->fe.included[i]);
            files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
        }
        if (!ti->fe.nincluded) {
            source_file *cf = source_cache_get(&an->sources, ti->job->file);
            files[nfiles++] = (store_file){cf->path, cf->data ? cf->hash : ""};
        }
        /* Summaries of the functions this TU contributed to the program. */
        size_t nsums = 0;
        store_summary *sums = NULL;
        char **jsons = NULL;
        if (ti->fe.module) {
            for (uint32_t i = 0; i < an->prog.nfns; i++) {
                const program_fn *pf = &an->prog.fns[i];
                if (pf->module != ti->fe.module || !pf->summary) continue;
                sums = realloc(sums, (nsums + 1) * sizeof *sums);
                jsons = realloc(jsons, (nsums + 1) * sizeof *jsons);
                if (!sums || !jsons) abort();
                jsons[nsums] = summary_to_json(pf->summary);
                sums[nsums] = (store_summary){pf->fn->usr, pf->fn->name, pf->fn->loc.file, jsons[nsums]};
                nsums++;
            }
        }
        size_t args_len = 1;
        for (size_t i = 0; i < ti->job->nargs; i++)
            args_len += strlen(ti->job->args[i]) + 1;
        char *args_text = malloc(args_len);
        if (!args_text) abort();
        size_t used = 0;
        for (size_t i = 0; i < ti->job->nargs; i++) {
            size_t n = strlen(ti->job->args[i]);
            memcpy(args_text + used, ti->job->args[i], n);
            used += n;
            args_text[used++] = '\n'; /* one argument per line: "-DA B" and "-DA" "B" hash differently */
        }
        char args_hash[FINGERPRINT_HEX_LEN + 1];
        content_hash(args_hash, args_text, used);
        free(args_text);
        const char *message = NULL;
        for (size_t i = 0; i < ti->fe.diags.count; i++)
            if (strcmp(ti->fe.diags.items[i].tag, "lifeline-parse-error") != 0) message = ti->fe.diags.items[i].message;
        store_tu rec = {.main_file = ti->job->file,
                        .directory = ti->job->directory,
                        .args_hash = args_hash,
                        .status = tu_status_name(ti->fe.status),
                        .message = message,
                        .files = files,
                        .nfiles = nfiles,
                        .findings = &ti->findings,
                        .summaries = sums,
                        .nsummaries = nsums};
        int rc = store_record_tu(db, run, &rec, err, errlen);
        for (size_t i = 0; i < nsums; i++)
            free(jsons[i]);
        free(jsons);
        free(sums);
        free(files);
        if (rc != 0) return -1;
    }
    return 0;
}

typedef struct run_work {
    analysis *an;
    const analysis_input *in;
    parse_pool *pool; /* started, or NULL */
} run_work;

static void *run_all(void *arg) {
    run_work *w = arg;
    analysis *an = w->an;
    const analysis_input *in = w->in;
    parse_queue q = {.an = an, .in = in, .pool = w->pool};
    atomic_init(&q.next, 0);
    run_workers(w->pool ? w->pool->n : worker_count(in->workers, an->ntus), parse_worker, &q);
    if (w->pool) parse_pool_stop(w->pool); /* the workers' memory is not needed for the analysis */
    for (size_t i = 0; i < an->ntus; i++) {
        if (an->tus[i].fe.status == TU_FAILED) an->failed_tus++;
        tool_diag_list_take(&an->diags, &an->tus[i].fe.diags);
    }
    if (in->parse_only) return NULL;
    for (size_t i = 0; i < an->ntus; i++)
        if (an->tus[i].fe.module) program_add_module(&an->prog, an->tus[i].fe.module); /* fe.module now borrowed */
    char err[512];
    if (in->db && store_each_summary(in->db, load_stored_summary, &an->prog, err, sizeof err) != 0)
        tool_diag_add(&an->diags, "lifeline-store", SEV_WARNING, NULL, 0, 0, err);
    program_link(&an->prog);
    analyse_program(an, in);
    for (size_t i = 0; i < an->ntus; i++) {
        finding_list_dedupe(&an->tus[i].findings);
        fingerprint_assign(&an->tus[i].findings, source_cache_statement_text, &an->sources);
    }
    return NULL;
}

void analysis_run(analysis *an, const analysis_input *in) {
    memset(an, 0, sizeof *an);
    program_init(&an->prog);
    an->prog.models = in->api;
    source_cache_init(&an->sources);
    if (in->unsaved_path) source_cache_put_unsaved(&an->sources, in->unsaved_path, in->unsaved_text, in->unsaved_len);
    an->ntus = in->jobs->count;
    an->tus = calloc(an->ntus + 1, sizeof *an->tus);
    if (!an->tus) abort();
    for (size_t i = 0; i < an->ntus; i++)
        an->tus[i].job = &in->jobs->items[i];
    /* The pool starts here, before any thread of ours exists, so its workers can be forked (parse_pool.h). */
    parse_pool pool;
    run_work w = {an, in, NULL};
    if (in->isolate && an->ntus) {
        parse_pool_start(&pool, worker_count(in->workers, an->ntus));
        w.pool = &pool;
    }
    run_with_big_stack(run_all, &w);
}

void analysis_free(analysis *an) {
    for (size_t i = 0; i < an->ntus; i++) {
        an->tus[i].fe.module = NULL; /* owned by the program */
        frontend_result_free(&an->tus[i].fe);
        finding_list_free(&an->tus[i].findings);
    }
    free(an->tus);
    program_free(&an->prog);
    for (unsigned i = 0; i < an->nsummary_arenas; i++)
        arena_free(&an->summary_arenas[i]);
    free(an->summary_arenas);
    tool_diag_list_free(&an->diags);
    source_cache_free(&an->sources);
    memset(an, 0, sizeof *an);
}
