/* analysis.c — see analysis.h. The order matters: every TU is lowered before anything is analysed, so summaries are
 * computed over the whole program's call graph and a caller always sees its callees' summaries, whatever order the
 * TUs came in. */
#include "analysis.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core_facts.h"
#include "engine.h"
#include "fingerprint.h"
#include "registry.h"
#include "summary.h"

enum { SCC_MAX_ROUNDS = 5, WORKER_STACK = 512 * 1024 * 1024 };

/* --- per-TU bookkeeping ------------------------------------------------------------------------------------------ */

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

/* --- analysis ---------------------------------------------------------------------------------------------------- */

static fn_summary *new_summary(program *p, const program_fn *pf) {
    const ir_function *f = pf->fn;
    fn_summary *s = summary_new(&p->arena, f->usr, f->name, f->loc.file, f->loc.line, f->nparams);
    for (uint32_t i = 0; i < s->nparams; i++)
        s->params[i].escape_param = -1;
    return s;
}

static size_t tu_index_of(analysis *an, const ir_module *m) {
    for (size_t i = 0; i < an->ntus; i++)
        if (an->tus[i].fe.module == m) return i;
    return 0;
}

/* Analyse one function with every checker; findings go to `out`. Returns its new summary. */
static fn_summary *analyse_function(analysis *an, program_fn *pf, finding_list *out) {
    fn_summary *s = new_summary(&an->prog, pf);
    engine_limits lim = engine_default_limits();
    engine_result r = engine_run(&an->prog, pf->module, pf->fn, &core_facts_checker, s, &lim, out);
    if (r.budget_exhausted) {
        s->noreturn = false;
        s->returns_const = false;
    }
    size_t nck;
    const checker_ops *const *cks = checkers_all(&nck);
    for (size_t i = 0; i < nck; i++) {
        engine_result cr = engine_run(&an->prog, pf->module, pf->fn, cks[i], s, &lim, out);
        if (cr.budget_exhausted) r.budget_exhausted = true;
    }
    if (r.budget_exhausted) {
        char msg[512];
        snprintf(msg, sizeof msg, "function '%s' is too large to analyse completely; findings in it may be missing",
                 pf->fn->name);
        tool_diag_add(&an->diags, "lifeline-budget", SEV_NOTE, pf->fn->loc.file, pf->fn->loc.line, pf->fn->loc.col,
                      msg);
    }
    return s;
}

static void *analyse_program(void *arg) {
    analysis *an = arg;
    program *p = &an->prog;
    arena scratch;
    arena_init(&scratch);
    uint32_t *scc = NULL;
    uint32_t *order = program_bottom_up(p, &scratch, &scc);
    for (uint32_t k = 0; k < p->nfns;) {
        uint32_t end = k;
        while (end < p->nfns && scc[end] == scc[k])
            end++;
        /* A cycle of mutually recursive functions: iterate until their summaries stop changing. */
        finding_list *pending = calloc(end - k, sizeof *pending);
        if (!pending) abort();
        for (int round = 0; round < SCC_MAX_ROUNDS; round++) {
            bool changed = false;
            for (uint32_t i = k; i < end; i++) {
                program_fn *pf = &p->fns[order[i]];
                finding_list_free(&pending[i - k]);
                fn_summary *s = analyse_function(an, pf, &pending[i - k]);
                if (!pf->summary || !summary_equal(pf->summary, s)) changed = true;
                pf->summary = s;
            }
            if (!changed || end - k == 1) {
                /* a single function is stable after one pass unless it calls itself */
                bool self_recursive = false;
                if (end - k == 1 && changed && round == 0) {
                    const ir_function *f = p->fns[order[k]].fn;
                    for (uint32_t b = 0; b < f->nblocks && !self_recursive; b++)
                        for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                            const ir_event *ev = &f->blocks[b].events[e];
                            if (ev->kind == EV_CALL && ev->u.call.callee_usr &&
                                strcmp(ev->u.call.callee_usr, f->usr) == 0)
                                self_recursive = true;
                        }
                }
                if (!self_recursive) break;
            }
        }
        for (uint32_t i = k; i < end; i++) {
            program_fn *pf = &p->fns[order[i]];
            finding_list_take(&an->tus[tu_index_of(an, pf->module)].findings, &pending[i - k]);
        }
        free(pending);
        k = end;
    }
    arena_free(&scratch);
    return NULL;
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
} run_work;

static void *run_all(void *arg) {
    run_work *w = arg;
    analysis *an = w->an;
    const analysis_input *in = w->in;
    for (size_t i = 0; i < an->ntus; i++) {
        frontend_options fo = {.parse_only = in->parse_only};
        if (in->unsaved_path && strcmp(in->unsaved_path, an->tus[i].job->file) == 0) {
            fo.unsaved_contents = in->unsaved_text;
            fo.unsaved_length = in->unsaved_len;
        }
        frontend_process(an->tus[i].job, &fo, &an->tus[i].fe);
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
    analyse_program(an);
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
    run_work w = {an, in};
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
    tool_diag_list_free(&an->diags);
    source_cache_free(&an->sources);
    memset(an, 0, sizeof *an);
}
