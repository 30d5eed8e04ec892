/* ir_serial.c — see ir_serial.h. Field by field, in declaration order; strings go through a table keyed by pointer,
 * so each distinct pointer is written once and comes back as one pointer.
 *
 * When a field is added to ir.h it must be added here too, or the worker processes would silently drop it: the
 * static assertions below trip on any change of the structs' sizes or of the enums' last members, and
 * test_ir_serial compares the round trip of every sample with the original. */
#include "ir_serial.h"

#include <stdint.h>
#include <string.h>

#include "xalloc.h"

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(ir_loc) == 24, "ir_loc changed: update ir_serial.c");
_Static_assert(sizeof(ir_path_step) == 32, "ir_path_step changed: update ir_serial.c");
_Static_assert(sizeof(ir_place) == 24, "ir_place changed: update ir_serial.c");
_Static_assert(sizeof(ir_operand) == 80, "ir_operand changed: update ir_serial.c");
_Static_assert(sizeof(ir_call) == 120, "ir_call changed: update ir_serial.c");
_Static_assert(sizeof(ir_event) == 152, "ir_event changed: update ir_serial.c");
_Static_assert(sizeof(ir_term) == 296, "ir_term changed: update ir_serial.c");
_Static_assert(sizeof(ir_block) == 328, "ir_block changed: update ir_serial.c");
_Static_assert(sizeof(ir_var) == 64, "ir_var changed: update ir_serial.c");
_Static_assert(sizeof(ir_function) == 96, "ir_function changed: update ir_serial.c");
_Static_assert(sizeof(ir_global) == 64, "ir_global changed: update ir_serial.c");
_Static_assert(sizeof(ir_module) == 72, "ir_module changed: update ir_serial.c");
#endif
_Static_assert(ROOT_HEAP == 3 && STEP_INDEX == 2 && OPND_ARITH == 6 && ARITH_OTHER == 12 && EV_SCOPE_END == 3 &&
                   CMP_GE == 5 && TERM_MULTI == 4 && VAR_TEMP == 3,
               "an IR enum changed: update ir_serial.c");

enum { STR_NULL = 0, STR_NEW = UINT32_MAX };

/* --- writing ------------------------------------------------------------------------------------------------------ */

typedef struct writer {
    wire_buf *b;
    const char **keys; /* open addressing by pointer */
    uint32_t *ids;
    size_t cap, count;
} writer;

static size_t ptr_hash(const char *s, size_t cap) {
    uint64_t h = (uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

static void put_sref(writer *w, const char *s) {
    if (!s) {
        wire_put_u32(w->b, STR_NULL);
        return;
    }
    if (w->count * 2 >= w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        const char **keys = xcalloc(cap, sizeof *keys);
        uint32_t *ids = xcalloc(cap, sizeof *ids);
        for (size_t i = 0; i < w->cap; i++) {
            if (!w->keys[i]) continue;
            size_t k = ptr_hash(w->keys[i], cap);
            while (keys[k])
                k = (k + 1) & (cap - 1);
            keys[k] = w->keys[i];
            ids[k] = w->ids[i];
        }
        free(w->keys);
        free(w->ids);
        w->keys = keys;
        w->ids = ids;
        w->cap = cap;
    }
    size_t k = ptr_hash(s, w->cap);
    while (w->keys[k] && w->keys[k] != s)
        k = (k + 1) & (w->cap - 1);
    if (w->keys[k]) {
        wire_put_u32(w->b, w->ids[k]);
        return;
    }
    w->keys[k] = s;
    w->ids[k] = (uint32_t)++w->count;
    wire_put_u32(w->b, STR_NEW);
    wire_put_str(w->b, s);
}

static void put_loc(writer *w, const ir_loc *l) {
    put_sref(w, l->file);
    wire_put_u32(w->b, l->line);
    wire_put_u32(w->b, l->col);
    wire_put_u32(w->b, l->end_line);
    wire_put_u32(w->b, l->end_col);
}

static void put_place(writer *w, const ir_place *p) {
    wire_put_u8(w->b, (uint8_t)p->root);
    wire_put_u32(w->b, p->index);
    wire_put_u32(w->b, p->npath);
    for (uint16_t i = 0; i < p->npath; i++) {
        const ir_path_step *s = &p->path[i];
        wire_put_u8(w->b, (uint8_t)s->kind);
        put_sref(w, s->field);
        wire_put_u8(w->b, s->has_index);
        wire_put_i64(w->b, s->index);
    }
}

static void put_operand(writer *w, const ir_operand *o) {
    wire_put_u8(w->b, (uint8_t)o->kind);
    wire_put_u8(w->b, (uint8_t)(o->offset | o->array_decay << 1 | o->is_pointer << 2 | (o->lhs != NULL) << 3 |
                                (o->rhs != NULL) << 4));
    put_place(w, &o->place);
    wire_put_i64(w->b, o->value);
    put_sref(w, o->text);
    put_sref(w, o->usr);
    wire_put_u8(w->b, (uint8_t)o->op);
    if (o->lhs) put_operand(w, o->lhs);
    if (o->rhs) put_operand(w, o->rhs);
}

static void put_event(writer *w, const ir_event *e) {
    wire_put_u8(w->b, (uint8_t)e->kind);
    put_loc(w, &e->loc);
    switch (e->kind) {
    case EV_ASSIGN:
        put_place(w, &e->u.assign.dst);
        put_operand(w, &e->u.assign.src);
        break;
    case EV_CALL: {
        const ir_call *c = &e->u.call;
        put_sref(w, c->callee);
        put_sref(w, c->callee_usr);
        put_operand(w, &c->fnptr);
        wire_put_u32(w->b, c->nargs);
        for (uint32_t i = 0; i < c->nargs; i++)
            put_operand(w, &c->args[i]);
        wire_put_u32(w->b, (uint32_t)c->result_var);
        wire_put_u8(w->b,
                    (uint8_t)(c->noreturn | c->variadic << 1 | c->defined_in_program << 2 | c->system_callee << 3));
        break;
    }
    case EV_DECL:
        wire_put_u32(w->b, e->u.decl.var);
        break;
    case EV_SCOPE_END:
        wire_put_u32(w->b, e->u.scope_end.nvars);
        for (uint32_t i = 0; i < e->u.scope_end.nvars; i++)
            wire_put_u32(w->b, e->u.scope_end.vars[i]);
        break;
    }
}

static void put_block(writer *w, const ir_block *b) {
    wire_put_u32(w->b, b->nevents);
    for (uint32_t i = 0; i < b->nevents; i++)
        put_event(w, &b->events[i]);
    const ir_term *t = &b->term;
    wire_put_u8(w->b, (uint8_t)t->kind);
    put_loc(w, &t->loc);
    put_operand(w, &t->cond.lhs);
    wire_put_u8(w->b, (uint8_t)t->cond.cmp);
    put_operand(w, &t->cond.rhs);
    put_operand(w, &t->ret);
    wire_put_u8(w->b, t->has_ret);
    put_sref(w, t->what);
    wire_put_u32(w->b, b->nsuccs);
    for (uint32_t i = 0; i < b->nsuccs; i++)
        wire_put_u32(w->b, b->succs[i]);
}

static void put_var(writer *w, const ir_var *v) {
    wire_put_u8(w->b, (uint8_t)v->kind);
    put_sref(w, v->name);
    put_sref(w, v->type);
    wire_put_u8(w->b, (uint8_t)(v->is_pointer | v->is_array << 1 | v->is_record << 2 | v->is_integer << 3 |
                                v->address_taken << 4));
    put_sref(w, v->cleanup);
    put_loc(w, &v->loc);
}

static void put_function(writer *w, const ir_function *f) {
    put_sref(w, f->name);
    put_sref(w, f->usr);
    put_loc(w, &f->loc);
    wire_put_u8(w->b, (uint8_t)(f->is_static | f->is_inline_header << 1 | f->returns_pointer << 2));
    put_sref(w, f->return_type);
    wire_put_u32(w->b, f->nparams);
    wire_put_u32(w->b, f->nvars);
    for (uint32_t i = 0; i < f->nvars; i++)
        put_var(w, &f->vars[i]);
    wire_put_u32(w->b, f->nblocks);
    for (uint32_t i = 0; i < f->nblocks; i++)
        put_block(w, &f->blocks[i]);
}

static void put_global(writer *w, const ir_global *g) {
    put_sref(w, g->name);
    put_sref(w, g->usr);
    put_sref(w, g->type);
    wire_put_u8(w->b,
                (uint8_t)(g->is_pointer | g->is_array << 1 | g->is_record << 2 | g->is_const << 3 | g->is_static << 4 |
                          g->has_int_init << 5 | g->written << 6 | g->is_function_scope_static << 7));
    wire_put_i64(w->b, g->init);
    put_loc(w, &g->loc);
}

void ir_module_write(wire_buf *b, const ir_module *m) {
    writer w = {.b = b};
    put_sref(&w, m->main_file);
    wire_put_u32(b, m->nfiles);
    for (uint32_t i = 0; i < m->nfiles; i++)
        put_sref(&w, m->files[i]);
    wire_put_u32(b, m->nglobals);
    for (uint32_t i = 0; i < m->nglobals; i++)
        put_global(&w, &m->globals[i]);
    wire_put_u32(b, m->nfunctions);
    for (uint32_t i = 0; i < m->nfunctions; i++)
        put_function(&w, m->functions[i]);
    free(w.keys);
    free(w.ids);
}

/* --- reading ------------------------------------------------------------------------------------------------------ */

typedef struct reader {
    wire_reader *r;
    ir_module *m;
    const char **strs; /* by id - 1 */
    size_t nstrs, cap;
    const ir_function *f; /* the function being read, for checking variable indices */
} reader;

static const char *get_sref(reader *rd) {
    uint32_t id = wire_get_u32(rd->r);
    if (id == STR_NULL || rd->r->bad) return NULL;
    if (id != STR_NEW) {
        if (id > rd->nstrs) {
            rd->r->bad = true;
            return NULL;
        }
        return rd->strs[id - 1];
    }
    const char *s = wire_get_str(rd->r);
    if (!s) {
        rd->r->bad = true;
        return NULL;
    }
    if (rd->nstrs == rd->cap) {
        rd->cap = rd->cap ? rd->cap * 2 : 256;
        rd->strs = xrealloc(rd->strs, rd->cap * sizeof *rd->strs);
    }
    const char *copy = arena_strdup(&rd->m->arena, s);
    rd->strs[rd->nstrs++] = copy;
    return copy;
}

/* A count of items of at least `min_size` bytes each: more than the message can hold means it is malformed, which
 * keeps a garbled count from allocating gigabytes. */
static uint32_t get_count(reader *rd, size_t min_size) {
    uint32_t n = wire_get_u32(rd->r);
    if (rd->r->bad || (uint64_t)n * min_size > rd->r->len - rd->r->pos) {
        rd->r->bad = true;
        return 0;
    }
    return n;
}

static void *alloc_array(reader *rd, uint32_t n, size_t size) {
    return n ? arena_alloc(&rd->m->arena, (size_t)n * size) : NULL;
}

static void check(reader *rd, bool ok) {
    if (!ok) rd->r->bad = true;
}

static void get_loc(reader *rd, ir_loc *l) {
    l->file = get_sref(rd);
    l->line = wire_get_u32(rd->r);
    l->col = wire_get_u32(rd->r);
    l->end_line = wire_get_u32(rd->r);
    l->end_col = wire_get_u32(rd->r);
}

static void get_place(reader *rd, ir_place *p) {
    p->root = (ir_root_kind)wire_get_u8(rd->r);
    p->index = wire_get_u32(rd->r);
    uint32_t n = get_count(rd, 14);
    check(rd, p->root <= ROOT_HEAP && n <= UINT16_MAX);
    if (p->root == ROOT_VAR && rd->f) check(rd, p->index < rd->f->nvars);
    if (p->root == ROOT_GLOBAL) check(rd, p->index < rd->m->nglobals);
    if (rd->r->bad) return;
    p->npath = (uint16_t)n;
    ir_path_step *steps = alloc_array(rd, n, sizeof *steps);
    for (uint32_t i = 0; i < n && !rd->r->bad; i++) {
        steps[i].kind = (ir_step_kind)wire_get_u8(rd->r);
        steps[i].field = get_sref(rd);
        steps[i].has_index = wire_get_u8(rd->r) != 0;
        steps[i].index = wire_get_i64(rd->r);
        check(rd, steps[i].kind <= STEP_INDEX);
    }
    p->path = steps;
}

static void get_operand(reader *rd, ir_operand *o) {
    o->kind = (ir_operand_kind)wire_get_u8(rd->r);
    uint8_t flags = wire_get_u8(rd->r);
    check(rd, o->kind <= OPND_ARITH);
    o->offset = flags & 1;
    o->array_decay = (flags >> 1) & 1;
    o->is_pointer = (flags >> 2) & 1;
    get_place(rd, &o->place);
    o->value = wire_get_i64(rd->r);
    o->text = get_sref(rd);
    o->usr = get_sref(rd);
    o->op = (ir_arith_op)wire_get_u8(rd->r);
    check(rd, o->op <= ARITH_OTHER);
    if ((flags >> 3) & 1 && !rd->r->bad) {
        ir_operand *lhs = arena_alloc(&rd->m->arena, sizeof *lhs);
        get_operand(rd, lhs);
        o->lhs = lhs;
    }
    if ((flags >> 4) & 1 && !rd->r->bad) {
        ir_operand *rhs = arena_alloc(&rd->m->arena, sizeof *rhs);
        get_operand(rd, rhs);
        o->rhs = rhs;
    }
}

static void get_event(reader *rd, ir_event *e) {
    e->kind = (ir_event_kind)wire_get_u8(rd->r);
    get_loc(rd, &e->loc);
    const ir_function *f = rd->f;
    switch (e->kind) {
    case EV_ASSIGN:
        get_place(rd, &e->u.assign.dst);
        get_operand(rd, &e->u.assign.src);
        return;
    case EV_CALL: {
        ir_call *c = &e->u.call;
        c->callee = get_sref(rd);
        c->callee_usr = get_sref(rd);
        get_operand(rd, &c->fnptr);
        c->nargs = get_count(rd, 28);
        c->args = alloc_array(rd, c->nargs, sizeof *c->args);
        for (uint32_t i = 0; i < c->nargs && !rd->r->bad; i++)
            get_operand(rd, &c->args[i]);
        c->result_var = (int32_t)wire_get_u32(rd->r);
        check(rd, c->result_var >= -1 && (c->result_var < 0 || (uint32_t)c->result_var < f->nvars));
        uint8_t flags = wire_get_u8(rd->r);
        c->noreturn = flags & 1;
        c->variadic = (flags >> 1) & 1;
        c->defined_in_program = (flags >> 2) & 1;
        c->system_callee = (flags >> 3) & 1;
        return;
    }
    case EV_DECL:
        e->u.decl.var = wire_get_u32(rd->r);
        check(rd, e->u.decl.var < f->nvars);
        return;
    case EV_SCOPE_END: {
        uint32_t n = get_count(rd, 4);
        uint32_t *vars = alloc_array(rd, n, sizeof *vars);
        for (uint32_t i = 0; i < n && !rd->r->bad; i++) {
            vars[i] = wire_get_u32(rd->r);
            check(rd, vars[i] < f->nvars);
        }
        e->u.scope_end.vars = vars;
        e->u.scope_end.nvars = n;
        return;
    }
    }
    rd->r->bad = true;
}

static void get_block(reader *rd, ir_block *b) {
    b->nevents = b->cap_events = get_count(rd, 21);
    b->events = alloc_array(rd, b->nevents, sizeof *b->events);
    for (uint32_t i = 0; i < b->nevents && !rd->r->bad; i++)
        get_event(rd, &b->events[i]);
    ir_term *t = &b->term;
    t->kind = (ir_term_kind)wire_get_u8(rd->r);
    check(rd, t->kind <= TERM_MULTI);
    get_loc(rd, &t->loc);
    get_operand(rd, &t->cond.lhs);
    t->cond.cmp = (ir_cmp)wire_get_u8(rd->r);
    check(rd, t->cond.cmp <= CMP_GE);
    get_operand(rd, &t->cond.rhs);
    get_operand(rd, &t->ret);
    t->has_ret = wire_get_u8(rd->r) != 0;
    t->what = get_sref(rd);
    b->nsuccs = get_count(rd, 4);
    b->succs = alloc_array(rd, b->nsuccs, sizeof *b->succs);
    for (uint32_t i = 0; i < b->nsuccs && !rd->r->bad; i++)
        b->succs[i] = wire_get_u32(rd->r); /* checked against nblocks once all blocks are read */
}

static void get_var(reader *rd, ir_var *v) {
    v->kind = (ir_var_kind)wire_get_u8(rd->r);
    check(rd, v->kind <= VAR_TEMP);
    v->name = get_sref(rd);
    v->type = get_sref(rd);
    uint8_t flags = wire_get_u8(rd->r);
    v->is_pointer = flags & 1;
    v->is_array = (flags >> 1) & 1;
    v->is_record = (flags >> 2) & 1;
    v->is_integer = (flags >> 3) & 1;
    v->address_taken = (flags >> 4) & 1;
    v->cleanup = get_sref(rd);
    get_loc(rd, &v->loc);
}

static ir_function *get_function(reader *rd) {
    ir_function *f = arena_alloc(&rd->m->arena, sizeof *f);
    f->name = get_sref(rd);
    f->usr = get_sref(rd);
    get_loc(rd, &f->loc);
    uint8_t flags = wire_get_u8(rd->r);
    f->is_static = flags & 1;
    f->is_inline_header = (flags >> 1) & 1;
    f->returns_pointer = (flags >> 2) & 1;
    f->return_type = get_sref(rd);
    f->nparams = wire_get_u32(rd->r);
    f->nvars = f->cap_vars = get_count(rd, 30);
    check(rd, f->nparams <= f->nvars);
    f->vars = alloc_array(rd, f->nvars, sizeof *f->vars);
    for (uint32_t i = 0; i < f->nvars && !rd->r->bad; i++)
        get_var(rd, &f->vars[i]);
    rd->f = f;
    f->nblocks = f->cap_blocks = get_count(rd, 80);
    f->blocks = alloc_array(rd, f->nblocks, sizeof *f->blocks);
    for (uint32_t i = 0; i < f->nblocks && !rd->r->bad; i++)
        get_block(rd, &f->blocks[i]);
    for (uint32_t i = 0; i < f->nblocks && !rd->r->bad; i++)
        for (uint32_t k = 0; k < f->blocks[i].nsuccs; k++)
            check(rd, f->blocks[i].succs[k] < f->nblocks);
    rd->f = NULL;
    return f;
}

static void get_global(reader *rd, ir_global *g) {
    g->name = get_sref(rd);
    g->usr = get_sref(rd);
    g->type = get_sref(rd);
    uint8_t flags = wire_get_u8(rd->r);
    g->is_pointer = flags & 1;
    g->is_array = (flags >> 1) & 1;
    g->is_record = (flags >> 2) & 1;
    g->is_const = (flags >> 3) & 1;
    g->is_static = (flags >> 4) & 1;
    g->has_int_init = (flags >> 5) & 1;
    g->written = (flags >> 6) & 1;
    g->is_function_scope_static = (flags >> 7) & 1;
    g->init = wire_get_i64(rd->r);
    get_loc(rd, &g->loc);
}

ir_module *ir_module_read(wire_reader *r) {
    ir_module *m = ir_module_new(NULL);
    reader rd = {.r = r, .m = m};
    m->main_file = get_sref(&rd);
    m->nfiles = m->cap_files = get_count(&rd, 4);
    m->files = alloc_array(&rd, m->nfiles, sizeof *m->files);
    for (uint32_t i = 0; i < m->nfiles && !r->bad; i++)
        m->files[i] = get_sref(&rd);
    m->nglobals = m->cap_globals = get_count(&rd, 40);
    m->globals = alloc_array(&rd, m->nglobals, sizeof *m->globals);
    for (uint32_t i = 0; i < m->nglobals && !r->bad; i++)
        get_global(&rd, &m->globals[i]);
    m->nfunctions = m->cap_functions = get_count(&rd, 40);
    m->functions = alloc_array(&rd, m->nfunctions, sizeof *m->functions);
    for (uint32_t i = 0; i < m->nfunctions && !r->bad; i++)
        m->functions[i] = get_function(&rd);
    free(rd.strs);
    if (r->bad || !m->main_file) {
        r->bad = true;
        ir_module_free(m);
        return NULL;
    }
    return m;
}
