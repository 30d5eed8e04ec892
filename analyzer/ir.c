/* ir.c — building, comparing, printing IR (see ir.h). */
#include "ir.h"

#include <inttypes.h>
#include <string.h>

ir_module *ir_module_new(const char *main_file) {
    arena a;
    arena_init(&a);
    ir_module *m = arena_alloc(&a, sizeof *m);
    m->arena = a;
    m->main_file = arena_strdup(&m->arena, main_file ? main_file : "");
    return m;
}

void ir_module_free(ir_module *m) {
    if (!m) return;
    arena a = m->arena; /* m itself lives in its arena */
    arena_free(&a);
}

const char *ir_intern_file(ir_module *m, const char *path) {
    if (!path) return NULL;
    for (uint32_t i = m->nfiles; i-- > 0;)
        if (strcmp(m->files[i], path) == 0) return m->files[i];
    if (m->nfiles == m->cap_files) {
        uint32_t cap = m->cap_files ? m->cap_files * 2 : 8;
        m->files = arena_grow(&m->arena, m->files, m->nfiles, cap, sizeof *m->files);
        m->cap_files = cap;
    }
    const char *s = arena_strdup(&m->arena, path);
    m->files[m->nfiles++] = s;
    return s;
}

ir_function *ir_function_new(ir_module *m, const char *name, const char *usr) {
    ir_function *f = arena_alloc(&m->arena, sizeof *f);
    f->name = arena_strdup(&m->arena, name ? name : "");
    f->usr = arena_strdup(&m->arena, usr ? usr : "");
    if (m->nfunctions == m->cap_functions) {
        uint32_t cap = m->cap_functions ? m->cap_functions * 2 : 16;
        m->functions = arena_grow(&m->arena, m->functions, m->nfunctions, cap, sizeof *m->functions);
        m->cap_functions = cap;
    }
    m->functions[m->nfunctions++] = f;
    return f;
}

uint32_t ir_add_var(ir_module *m, ir_function *f, ir_var_kind kind, const char *name) {
    if (f->nvars == f->cap_vars) {
        uint32_t cap = f->cap_vars ? f->cap_vars * 2 : 16;
        f->vars = arena_grow(&m->arena, f->vars, f->nvars, cap, sizeof *f->vars);
        f->cap_vars = cap;
    }
    ir_var *v = &f->vars[f->nvars];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->name = arena_strdup(&m->arena, name ? name : "");
    v->type = "";
    return f->nvars++;
}

uint32_t ir_add_block(ir_module *m, ir_function *f) {
    if (f->nblocks == f->cap_blocks) {
        uint32_t cap = f->cap_blocks ? f->cap_blocks * 2 : 16;
        f->blocks = arena_extend(&m->arena, f->blocks, f->nblocks, cap, sizeof *f->blocks);
        f->cap_blocks = cap;
    }
    ir_block *b = &f->blocks[f->nblocks];
    memset(b, 0, sizeof *b);
    b->term.kind = TERM_UNREACHABLE;
    return f->nblocks++;
}

ir_event *ir_append_event(ir_module *m, ir_function *f, uint32_t block, ir_event_kind kind, ir_loc loc) {
    ir_block *b = &f->blocks[block];
    if (b->nevents == b->cap_events) {
        uint32_t cap = b->cap_events ? b->cap_events * 2 : 8;
        b->events = arena_extend(&m->arena, b->events, b->nevents, cap, sizeof *b->events);
        b->cap_events = cap;
    }
    ir_event *e = &b->events[b->nevents++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    if (kind == EV_CALL) e->u.call.result_var = -1;
    return e;
}

void ir_set_succs(ir_module *m, ir_function *f, uint32_t block, const uint32_t *succs, uint32_t n) {
    ir_block *b = &f->blocks[block];
    b->succs = n ? arena_alloc(&m->arena, n * sizeof *succs) : NULL;
    if (n) memcpy(b->succs, succs, n * sizeof *succs);
    b->nsuccs = n;
}

uint32_t ir_add_global(ir_module *m, const char *name, const char *usr) {
    if (m->nglobals == m->cap_globals) {
        uint32_t cap = m->cap_globals ? m->cap_globals * 2 : 16;
        m->globals = arena_grow(&m->arena, m->globals, m->nglobals, cap, sizeof *m->globals);
        m->cap_globals = cap;
    }
    ir_global *g = &m->globals[m->nglobals];
    memset(g, 0, sizeof *g);
    g->name = arena_strdup(&m->arena, name ? name : "");
    g->usr = arena_strdup(&m->arena, usr ? usr : "");
    g->type = "";
    return m->nglobals++;
}

int32_t ir_find_global(const ir_module *m, const char *usr) {
    for (uint32_t i = 0; i < m->nglobals; i++)
        if (strcmp(m->globals[i].usr, usr) == 0) return (int32_t)i;
    return -1;
}

ir_place ir_place_var(uint32_t var) {
    return (ir_place){.root = ROOT_VAR, .index = var};
}
ir_place ir_place_global(uint32_t g) {
    return (ir_place){.root = ROOT_GLOBAL, .index = g};
}

ir_place ir_place_extend(ir_module *m, ir_place base, ir_step_kind kind, const char *field) {
    return ir_place_extend_in(&m->arena, base, kind, field);
}

ir_place ir_place_extend_index(ir_module *m, ir_place base, int64_t index) {
    return ir_place_extend_index_in(&m->arena, base, index);
}

ir_place ir_place_extend_in(arena *a, ir_place base, ir_step_kind kind, const char *field) {
    ir_path_step *steps = arena_alloc(a, (base.npath + 1u) * sizeof *steps);
    if (base.npath) memcpy(steps, base.path, base.npath * sizeof *steps);
    steps[base.npath].kind = kind;
    steps[base.npath].field = field;
    base.path = steps;
    base.npath++;
    return base;
}

ir_place ir_place_extend_index_in(arena *a, ir_place base, int64_t index) {
    ir_place p = ir_place_extend_in(a, base, STEP_INDEX, NULL);
    ir_path_step *last = (ir_path_step *)&p.path[p.npath - 1];
    last->has_index = true;
    last->index = index;
    return p;
}

static bool step_equal(const ir_path_step *a, const ir_path_step *b) {
    if (a->kind != b->kind) return false;
    if (a->kind == STEP_INDEX) return a->has_index == b->has_index && (!a->has_index || a->index == b->index);
    if (a->kind != STEP_FIELD) return true;
    return a->field == b->field || (a->field && b->field && strcmp(a->field, b->field) == 0);
}

bool ir_steps_equal(const ir_path_step *a, const ir_path_step *b, uint16_t n) {
    for (uint16_t i = 0; i < n; i++)
        if (!step_equal(&a[i], &b[i])) return false;
    return true;
}

bool ir_place_equal(const ir_place *a, const ir_place *b) {
    if (a->root != b->root || a->index != b->index || a->npath != b->npath) return false;
    for (uint16_t i = 0; i < a->npath; i++)
        if (!step_equal(&a->path[i], &b->path[i])) return false;
    return true;
}

bool ir_place_within(const ir_place *a, const ir_place *b) {
    if (a->root != b->root || a->index != b->index || a->npath < b->npath) return false;
    for (uint16_t i = 0; i < b->npath; i++)
        if (!step_equal(&a->path[i], &b->path[i])) return false;
    for (uint16_t i = b->npath; i < a->npath; i++)
        if (a->path[i].kind == STEP_DEREF) return false;
    return true;
}

bool ir_place_has_deref(const ir_place *p) {
    for (uint16_t i = 0; i < p->npath; i++)
        if (p->path[i].kind == STEP_DEREF) return true;
    return false;
}

ir_operand ir_opnd_int(int64_t v) {
    return (ir_operand){.kind = OPND_INT, .value = v};
}
ir_operand ir_opnd_place(ir_place p) {
    return (ir_operand){.kind = OPND_PLACE, .place = p};
}
ir_operand ir_opnd_addr(ir_place p) {
    return (ir_operand){.kind = OPND_ADDR, .place = p};
}

static const char *root_name(const ir_module *m, const ir_function *f, const ir_place *p, char *tmp, size_t n) {
    switch (p->root) {
    case ROOT_VAR:
        if (f && p->index < f->nvars && f->vars[p->index].name[0]) return f->vars[p->index].name;
        snprintf(tmp, n, "t%" PRIu32, p->index);
        return tmp;
    case ROOT_GLOBAL:
        if (m && p->index < m->nglobals) return m->globals[p->index].name;
        snprintf(tmp, n, "g%" PRIu32, p->index);
        return tmp;
    case ROOT_HEAP:
        return "<memory>";
    case ROOT_NONE:
        break;
    }
    return "?";
}

const char *ir_place_str(arena *a, const ir_module *m, const ir_function *f, const ir_place *p) {
    char tmp[32];
    const char *s = root_name(m, f, p, tmp, sizeof tmp);
    char *out = arena_strdup(a, s);
    for (uint16_t i = 0; i < p->npath; i++) {
        const ir_path_step *st = &p->path[i];
        if (st->kind == STEP_DEREF) {
            /* *p followed by .f reads better as p->f */
            if (i + 1 < p->npath && p->path[i + 1].kind == STEP_FIELD) {
                out = arena_printf(a, "%s->%s", out, p->path[i + 1].field);
                i++;
            } else {
                out = arena_printf(a, "*%s", out);
            }
        } else if (st->kind == STEP_FIELD) {
            out = arena_printf(a, "%s.%s", out, st->field);
        } else if (st->has_index) {
            out = arena_printf(a, "%s[%" PRId64 "]", out, st->index);
        } else {
            out = arena_printf(a, "%s[]", out);
        }
    }
    return out;
}

static void dump_operand(FILE *out, arena *a, const ir_module *m, const ir_function *f, const ir_operand *o) {
    switch (o->kind) {
    case OPND_UNKNOWN:
        fputs("?", out);
        break;
    case OPND_PLACE:
        fputs(ir_place_str(a, m, f, &o->place), out);
        break;
    case OPND_ADDR:
        fprintf(out, "&%s", ir_place_str(a, m, f, &o->place));
        break;
    case OPND_INT:
        fprintf(out, "%" PRId64, o->value);
        break;
    case OPND_STRING:
        fprintf(out, "\"%s\"", o->text ? o->text : "");
        break;
    case OPND_FUNC:
        fprintf(out, "@%s", o->text ? o->text : "?");
        break;
    case OPND_ARITH:
        fputs("(", out);
        if (o->lhs) dump_operand(out, a, m, f, o->lhs);
        fprintf(out, " op%d ", (int)o->op);
        if (o->rhs) dump_operand(out, a, m, f, o->rhs);
        fputs(")", out);
        break;
    }
    if (o->offset) fputs("+off", out);
}

static const char *cmp_str(ir_cmp c) {
    static const char *const names[] = {"==", "!=", "<", "<=", ">", ">="};
    return names[c];
}

void ir_dump_function(FILE *out, const ir_module *m, const ir_function *f) {
    arena a;
    arena_init(&a);
    fprintf(out, "function %s (%s:%u)\n", f->name, f->loc.file ? f->loc.file : "?", f->loc.line);
    for (uint32_t i = 0; i < f->nvars; i++) {
        const ir_var *v = &f->vars[i];
        static const char *const kinds[] = {"param", "local", "static", "temp"};
        fprintf(out, "  var %u %s %s : %s%s%s\n", i, kinds[v->kind], v->name[0] ? v->name : "-", v->type,
                v->address_taken ? " (address taken)" : "", v->cleanup ? " (cleanup)" : "");
    }
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const ir_block *blk = &f->blocks[b];
        fprintf(out, "  B%u:\n", b);
        for (uint32_t e = 0; e < blk->nevents; e++) {
            const ir_event *ev = &blk->events[e];
            fprintf(out, "    %u:%u ", ev->loc.line, ev->loc.col);
            switch (ev->kind) {
            case EV_ASSIGN:
                fprintf(out, "%s = ", ir_place_str(&a, m, f, &ev->u.assign.dst));
                dump_operand(out, &a, m, f, &ev->u.assign.src);
                break;
            case EV_CALL:
                if (ev->u.call.result_var >= 0)
                    fprintf(out, "%s = ",
                            ir_place_str(&a, m, f,
                                         &(ir_place){.root = ROOT_VAR, .index = (uint32_t)ev->u.call.result_var}));
                if (ev->u.call.callee)
                    fprintf(out, "call %s(", ev->u.call.callee);
                else {
                    fputs("call *", out);
                    dump_operand(out, &a, m, f, &ev->u.call.fnptr);
                    fputs("(", out);
                }
                for (uint32_t i = 0; i < ev->u.call.nargs; i++) {
                    if (i) fputs(", ", out);
                    dump_operand(out, &a, m, f, &ev->u.call.args[i]);
                }
                fputs(")", out);
                if (ev->u.call.noreturn) fputs(" noreturn", out);
                break;
            case EV_DECL:
                fprintf(out, "decl %s", f->vars[ev->u.decl.var].name);
                break;
            case EV_SCOPE_END:
                fputs("scope-end", out);
                for (uint32_t i = 0; i < ev->u.scope_end.nvars; i++)
                    fprintf(out, " %s", f->vars[ev->u.scope_end.vars[i]].name);
                break;
            }
            fputc('\n', out);
        }
        const ir_term *t = &blk->term;
        fprintf(out, "    %u:%u ", t->loc.line, t->loc.col);
        switch (t->kind) {
        case TERM_GOTO:
            fprintf(out, "goto B%u\n", blk->nsuccs ? blk->succs[0] : 0);
            break;
        case TERM_BRANCH:
            fputs("if ", out);
            dump_operand(out, &a, m, f, &t->cond.lhs);
            fprintf(out, " %s ", cmp_str(t->cond.cmp));
            dump_operand(out, &a, m, f, &t->cond.rhs);
            fprintf(out, " then B%u else B%u [%s]\n", blk->succs[0], blk->succs[1], t->what ? t->what : "");
            break;
        case TERM_RETURN:
            fputs("return", out);
            if (t->has_ret) {
                fputc(' ', out);
                dump_operand(out, &a, m, f, &t->ret);
            }
            fputc('\n', out);
            break;
        case TERM_UNREACHABLE:
            fputs("unreachable\n", out);
            break;
        case TERM_MULTI:
            fputs("goto any of", out);
            for (uint32_t i = 0; i < blk->nsuccs; i++)
                fprintf(out, " B%u", blk->succs[i]);
            fputc('\n', out);
            break;
        }
    }
    arena_free(&a);
}
