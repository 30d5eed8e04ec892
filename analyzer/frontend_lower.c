/* frontend_lower.c — lowering a libclang function body into the CFG IR of ir.h.
 *
 * A recursive walk over statements and expressions. Expressions become operands plus the events their side effects
 * need (calls, assignments); control flow — if/loops/switch/goto, &&, ||, ?:, statement expressions, noreturn calls —
 * becomes blocks and edges, so the engine never needs to know C's evaluation rules. Scope exits emit the calls of
 * __attribute__((cleanup(f))) variables before the scope-end event. */
#include <stdlib.h>
#include <string.h>

#include "frontend_internal.h"

/* --- small collections ------------------------------------------------------------------------------------------ */

typedef struct cursor_list {
    CXCursor *items;
    unsigned n, cap;
    arena *a;
} cursor_list;

static enum CXChildVisitResult collect_child(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    cursor_list *l = data;
    if (l->n == l->cap) {
        unsigned cap = l->cap ? l->cap * 2 : 8;
        l->items = arena_extend(l->a, l->items, l->n, cap, sizeof *l->items);
        l->cap = cap;
    }
    l->items[l->n++] = c;
    return CXChildVisit_Continue;
}

typedef struct var_entry {
    CXCursor decl;
    unsigned hash;
    bool used;
    bool is_global;
    uint32_t index;
} var_entry;

typedef struct scope {
    uint32_t id; /* unique within the function: tells a goto which scopes it leaves */
    uint32_t *vars;
    uint32_t nvars, cap;
} scope;

typedef struct jump_target {
    uint32_t break_block;
    uint32_t continue_block; /* UINT32_MAX: not a loop (switch) */
    uint32_t scope_depth;
} jump_target;

typedef struct case_entry {
    bool known;
    int64_t lo, hi;
    uint32_t block;
    ir_loc loc;
} case_entry;

typedef struct switch_ctx {
    case_entry *cases;
    uint32_t ncases, cap;
    bool has_default;
    uint32_t default_block;
    uint32_t scope_depth;
} switch_ctx;

/* The scopes open at some point: a copy, because the scope stack moves on. */
typedef struct scope_snapshot {
    scope *scopes;
    uint32_t depth;
} scope_snapshot;

/* A goto seen before its label: its path runs through `tramp`, filled with the scope exits once the label's scopes
 * are known. */
typedef struct pending_goto {
    uint32_t tramp;
    scope_snapshot at;
    ir_loc loc;
} pending_goto;

typedef struct label_entry {
    const char *name;
    uint32_t block;
    bool defined;
    scope_snapshot at; /* scopes open at the label, once defined */
    pending_goto *pending;
    uint32_t npending, cappending;
} label_entry;

typedef struct lower_ctx {
    tu_lowering *tl;
    ir_module *m;
    ir_function *f;
    arena scratch; /* children lists, maps: dropped after the function */
    uint32_t cur;  /* the block events go to; never terminated */
    var_entry *vars;
    uint32_t vars_cap, vars_count;
    scope *scopes;
    uint32_t depth, scopes_cap;
    jump_target *targets;
    uint32_t ntargets, targets_cap;
    switch_ctx *sw;
    label_entry *labels;
    uint32_t nlabels, labels_cap;
    strmap label_index; /* name -> index + 1 into labels: goto-heavy generated code has thousands of labels */
    uint32_t *indirect_gotos;
    uint32_t nindirect, indirect_cap;
    uint32_t next_scope_id;
} lower_ctx;

static ir_operand lower_rvalue(lower_ctx *lc, CXCursor e);
static const char *macro_name(lower_ctx *lc, CXCursor arg);
static CXCursor strip(lower_ctx *lc, CXCursor e);
static bool lower_lvalue(lower_ctx *lc, CXCursor e, ir_place *out);
static void lower_cond(lower_ctx *lc, CXCursor e, uint32_t t, uint32_t f, const char *what);
static void lower_stmt(lower_ctx *lc, CXCursor s);

static cursor_list children(lower_ctx *lc, CXCursor c) {
    cursor_list l = {.a = &lc->scratch};
    clang_visitChildren(c, collect_child, &l);
    return l;
}

static bool is_expr(CXCursor c) {
    return clang_isExpression(clang_getCursorKind(c));
}

/* The expression children of a cursor, skipping type references and attributes. */
static enum CXChildVisitResult collect_expr(CXCursor c, CXCursor parent, CXClientData data) {
    return is_expr(c) ? collect_child(c, parent, data) : CXChildVisit_Continue;
}

static cursor_list expr_children(lower_ctx *lc, CXCursor c) {
    cursor_list out = {.a = &lc->scratch};
    clang_visitChildren(c, collect_expr, &out);
    return out;
}

static char *spelling(lower_ctx *lc, CXCursor c) {
    CXString s = clang_getCursorSpelling(c);
    char *r = arena_strdup(&lc->m->arena, clang_getCString(s));
    clang_disposeString(s);
    return r;
}

/* --- types ----------------------------------------------------------------------------------------------------- */

static CXType canon(CXType t) {
    return clang_getCanonicalType(t);
}
static bool type_is_pointer(CXType t) {
    t = canon(t);
    return t.kind == CXType_Pointer || t.kind == CXType_BlockPointer;
}
static bool type_is_array(CXType t) {
    t = canon(t);
    return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray || t.kind == CXType_VariableArray ||
           t.kind == CXType_DependentSizedArray;
}
static bool type_is_record(CXType t) {
    return canon(t).kind == CXType_Record;
}
static bool type_is_function(CXType t) {
    t = canon(t);
    return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}
static bool type_is_integer(CXType t) {
    t = canon(t);
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

/* --- blocks and events ----------------------------------------------------------------------------------------- */

static uint32_t new_block(lower_ctx *lc) {
    return ir_add_block(lc->m, lc->f);
}

static ir_event *emit(lower_ctx *lc, ir_event_kind kind, ir_loc loc) {
    return ir_append_event(lc->m, lc->f, lc->cur, kind, loc);
}

/* Ends the current block with `term`/`succs` and continues in a fresh block that nothing reaches yet. */
static void terminate(lower_ctx *lc, ir_term term, const uint32_t *succs, uint32_t n) {
    lc->f->blocks[lc->cur].term = term;
    ir_set_succs(lc->m, lc->f, lc->cur, succs, n);
    lc->cur = new_block(lc);
}

static void jump(lower_ctx *lc, uint32_t target, ir_loc loc) {
    terminate(lc, (ir_term){.kind = TERM_GOTO, .loc = loc}, &target, 1);
}

/* Jump to target and make it the current block (fall into it). */
static void fall_into(lower_ctx *lc, uint32_t target, ir_loc loc) {
    lc->f->blocks[lc->cur].term = (ir_term){.kind = TERM_GOTO, .loc = loc};
    ir_set_succs(lc->m, lc->f, lc->cur, &target, 1);
    lc->cur = target;
}

static void branch(lower_ctx *lc, ir_cond cond, uint32_t t, uint32_t f, ir_loc loc, const char *what) {
    uint32_t succs[2] = {t, f};
    terminate(lc, (ir_term){.kind = TERM_BRANCH, .loc = loc, .cond = cond, .what = what}, succs, 2);
}

static uint32_t new_temp(lower_ctx *lc, CXType type) {
    uint32_t v = ir_add_var(lc->m, lc->f, VAR_TEMP, "");
    ir_var *var = &lc->f->vars[v];
    var->is_pointer = type_is_pointer(type);
    var->is_integer = type_is_integer(type);
    var->is_record = type_is_record(type);
    return v;
}

static void mark_written(lower_ctx *lc, const ir_place *p) {
    if (p->root == ROOT_GLOBAL) lc->m->globals[p->index].written = true;
}

static void emit_assign(lower_ctx *lc, ir_place dst, ir_operand src, ir_loc loc) {
    ir_event *e = emit(lc, EV_ASSIGN, loc);
    e->u.assign.dst = dst;
    e->u.assign.src = src;
    mark_written(lc, &dst);
}

static ir_operand addr_of(lower_ctx *lc, ir_place p) {
    if (p.root == ROOT_VAR && (p.npath == 0 || p.path[p.npath - 1].kind == STEP_INDEX) && !ir_place_has_deref(&p))
        lc->f->vars[p.index].address_taken = true; /* &v, &v[i] */
    mark_written(lc, &p);                          /* the address may be used to write it */
    ir_operand o = ir_opnd_addr(p);
    o.is_pointer = true;
    return o;
}

static ir_operand copy_to_temp(lower_ctx *lc, ir_operand v, CXType type, ir_loc loc) {
    uint32_t t = new_temp(lc, type);
    emit_assign(lc, ir_place_var(t), v, loc);
    ir_operand o = ir_opnd_place(ir_place_var(t));
    o.is_pointer = v.is_pointer;
    return o;
}

/* An operand that names a stable place, so a later test or dereference refers to the same value. */
static ir_operand materialize(lower_ctx *lc, ir_operand v, CXType type, ir_loc loc) {
    if (v.kind == OPND_PLACE || v.kind == OPND_INT) return v;
    return copy_to_temp(lc, v, type, loc);
}

/* The place a pointer value points to. */
static ir_place deref_operand(lower_ctx *lc, ir_operand v, CXType ptr_type, ir_loc loc) {
    if (v.kind == OPND_ADDR) {
        bool element = v.place.npath && v.place.path[v.place.npath - 1].kind == STEP_INDEX;
        if ((v.array_decay || v.offset) && !element) return ir_place_extend(lc->m, v.place, STEP_INDEX, NULL);
        return v.place;
    }
    if (v.kind == OPND_PLACE && !v.offset) return ir_place_extend(lc->m, v.place, STEP_DEREF, NULL);
    if (v.kind == OPND_PLACE && v.offset) return ir_place_extend(lc->m, v.place, STEP_DEREF, NULL);
    ir_operand m = materialize(lc, v, ptr_type, loc);
    if (m.kind != OPND_PLACE) return (ir_place){.root = ROOT_HEAP};
    return ir_place_extend(lc->m, m.place, STEP_DEREF, NULL);
}

/* --- variables ------------------------------------------------------------------------------------------------- */

static var_entry *var_slot(lower_ctx *lc, CXCursor decl, unsigned h) {
    uint32_t mask = lc->vars_cap - 1, i = h & mask;
    while (lc->vars[i].used && !(lc->vars[i].hash == h && clang_equalCursors(lc->vars[i].decl, decl)))
        i = (i + 1) & mask;
    return &lc->vars[i];
}

static void var_map_put(lower_ctx *lc, CXCursor decl, bool is_global, uint32_t index) {
    if ((lc->vars_count + 1) * 2 > lc->vars_cap) {
        var_entry *old = lc->vars;
        uint32_t old_cap = lc->vars_cap;
        lc->vars_cap = old_cap ? old_cap * 2 : 64;
        lc->vars = arena_alloc(&lc->scratch, lc->vars_cap * sizeof *lc->vars);
        lc->vars_count = 0;
        for (uint32_t i = 0; i < old_cap; i++)
            if (old[i].used) var_map_put(lc, old[i].decl, old[i].is_global, old[i].index);
    }
    unsigned h = clang_hashCursor(decl);
    var_entry *e = var_slot(lc, decl, h);
    if (!e->used) lc->vars_count++;
    *e = (var_entry){.decl = decl, .hash = h, .used = true, .is_global = is_global, .index = index};
}

static const var_entry *var_map_get(lower_ctx *lc, CXCursor decl) {
    if (!lc->vars_cap) return NULL;
    var_entry *e = var_slot(lc, decl, clang_hashCursor(decl));
    return e->used ? e : NULL;
}

static void fill_var_type(lower_ctx *lc, ir_var *v, CXType t) {
    CXString ts = clang_getTypeSpelling(t);
    v->type = arena_strdup(&lc->m->arena, clang_getCString(ts));
    clang_disposeString(ts);
    v->is_pointer = type_is_pointer(t);
    v->is_array = type_is_array(t);
    v->is_record = type_is_record(t);
    v->is_integer = type_is_integer(t);
}

static ir_place place_of_decl(lower_ctx *lc, CXCursor decl) {
    const var_entry *e = var_map_get(lc, decl);
    if (e) return e->is_global ? ir_place_global(e->index) : ir_place_var(e->index);
    /* Not a local we declared: a global (possibly declared `extern` inside the function). */
    return ir_place_global(fe_global_for(lc->tl, decl));
}

/* --- scopes ---------------------------------------------------------------------------------------------------- */

static void push_scope(lower_ctx *lc) {
    if (lc->depth == lc->scopes_cap) {
        uint32_t cap = lc->scopes_cap ? lc->scopes_cap * 2 : 16;
        lc->scopes = arena_grow(&lc->scratch, lc->scopes, lc->depth, cap, sizeof *lc->scopes);
        lc->scopes_cap = cap;
    }
    lc->scopes[lc->depth++] = (scope){.id = ++lc->next_scope_id};
}

static void scope_add(lower_ctx *lc, uint32_t var) {
    if (!lc->depth) return;
    scope *s = &lc->scopes[lc->depth - 1];
    if (s->nvars == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 8;
        s->vars = arena_grow(&lc->scratch, s->vars, s->nvars, cap, sizeof *s->vars);
        s->cap = cap;
    }
    s->vars[s->nvars++] = var;
}

/* Emit what leaving scopes [to_depth, depth) does: cleanup calls (innermost first, reverse declaration order), then
 * the scope-end events. The scopes stay pushed: break/continue/return leave them only on their own path. */
static void leave_scope_list(lower_ctx *lc, const scope *scopes, uint32_t from_depth, uint32_t to_depth, ir_loc loc) {
    for (uint32_t d = from_depth; d-- > to_depth;) {
        const scope *s = &scopes[d];
        if (!s->nvars) continue;
        for (uint32_t i = s->nvars; i-- > 0;) {
            const ir_var *v = &lc->f->vars[s->vars[i]];
            if (!v->cleanup) continue;
            ir_event *e = emit(lc, EV_CALL, loc);
            e->u.call.callee = v->cleanup;
            e->u.call.callee_usr = strmap_get(&lc->tl->fn_usr_by_name, v->cleanup);
            e->u.call.args = arena_alloc(&lc->m->arena, sizeof(ir_operand));
            e->u.call.args[0] = addr_of(lc, ir_place_var(s->vars[i]));
            e->u.call.nargs = 1;
        }
        ir_event *e = emit(lc, EV_SCOPE_END, loc);
        uint32_t *vars = arena_alloc(&lc->m->arena, s->nvars * sizeof *vars);
        memcpy(vars, s->vars, s->nvars * sizeof *vars);
        e->u.scope_end.vars = vars;
        e->u.scope_end.nvars = s->nvars;
    }
}

/* Emit what leaving scopes [to_depth, depth) does: cleanup calls (innermost first, reverse declaration order), then
 * the scope-end events. The scopes stay pushed: break/continue/return leave them only on their own path. */
static void leave_scopes(lower_ctx *lc, uint32_t to_depth, ir_loc loc) {
    leave_scope_list(lc, lc->scopes, lc->depth, to_depth, loc);
}

static scope_snapshot snapshot_scopes(lower_ctx *lc) {
    scope_snapshot sn = {.depth = lc->depth};
    sn.scopes = arena_alloc(&lc->scratch, (lc->depth + 1) * sizeof *sn.scopes);
    for (uint32_t d = 0; d < lc->depth; d++) {
        sn.scopes[d] = lc->scopes[d];
        sn.scopes[d].vars = arena_alloc(&lc->scratch, (lc->scopes[d].nvars + 1) * sizeof(uint32_t));
        if (lc->scopes[d].nvars) memcpy(sn.scopes[d].vars, lc->scopes[d].vars, lc->scopes[d].nvars * sizeof(uint32_t));
        sn.scopes[d].cap = sn.scopes[d].nvars;
    }
    return sn;
}

/* How many outer scopes a jump keeps: the common prefix of the scope stacks at the jump and at the label. */
static uint32_t common_depth(const scope *a, uint32_t na, const scope *b, uint32_t nb) {
    uint32_t k = 0;
    while (k < na && k < nb && a[k].id == b[k].id)
        k++;
    return k;
}

static void pop_scope(lower_ctx *lc, ir_loc loc) {
    leave_scopes(lc, lc->depth - 1, loc);
    lc->depth--;
}

/* --- calls ----------------------------------------------------------------------------------------------------- */

static bool name_is_noreturn(const char *n) {
    static const char *const names[] = {"exit",
                                        "_exit",
                                        "_Exit",
                                        "abort",
                                        "quick_exit",
                                        "__assert_fail",
                                        "__assert_rtn",
                                        "__assert_perror_fail",
                                        "__builtin_trap",
                                        "__builtin_unreachable",
                                        "longjmp",
                                        "siglongjmp",
                                        "_longjmp",
                                        "__longjmp_chk",
                                        "pthread_exit",
                                        "thrd_exit",
                                        "err",
                                        "errx",
                                        "verr",
                                        "verrx",
                                        "__stack_chk_fail",
                                        "__builtin_abort",
                                        "__builtin_exit"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i]) == 0) return true;
    return false;
}

/* Declared noreturn (attribute, _Noreturn, [[noreturn]]) — asked once per callee per TU. */
static bool decl_is_noreturn(lower_ctx *lc, CXCursor decl, const char *name, const char *usr) {
    if (name_is_noreturn(name)) return true;
    if (!usr || !usr[0]) return false;
    void *cached = strmap_get(&lc->tl->noreturn_by_usr, usr);
    if (cached) return cached == (void *)1;
    bool nr = false;
    CXString ts = clang_getTypeSpelling(clang_getCursorType(decl));
    nr = strstr(clang_getCString(ts), "noreturn") != NULL;
    clang_disposeString(ts);
    if (!nr) {
        CXPrintingPolicy pol = clang_getCursorPrintingPolicy(decl);
        clang_PrintingPolicy_setProperty(pol, CXPrintingPolicy_TerseOutput, 1);
        CXString ps = clang_getCursorPrettyPrinted(decl, pol);
        const char *p = clang_getCString(ps);
        nr = p && (strstr(p, "_Noreturn") || strstr(p, "noreturn"));
        clang_disposeString(ps);
        clang_PrintingPolicy_dispose(pol);
    }
    strmap_put(&lc->tl->noreturn_by_usr, arena_strdup(&lc->m->arena, usr), nr ? (void *)1 : (void *)2);
    return nr;
}

static char *cursor_usr(arena *a, CXCursor c) {
    CXString s = clang_getCursorUSR(c);
    char *r = arena_strdup(a, clang_getCString(s));
    clang_disposeString(s);
    return r;
}

static void end_path(lower_ctx *lc, ir_loc loc) {
    terminate(lc, (ir_term){.kind = TERM_UNREACHABLE, .loc = loc}, NULL, 0);
}

static ir_operand lower_call(lower_ctx *lc, CXCursor e) {
    ir_loc loc = fe_loc(lc->tl, e);
    CXCursor ref = clang_getCursorReferenced(e);
    bool direct = clang_getCursorKind(ref) == CXCursor_FunctionDecl;
    if (!direct) {
        /* `(curl_easy_setopt)(h, opt, v)`: a parenthesised function name, as type-checking macros write the call
         * so that the macro does not expand again, is still a direct call. */
        cursor_list kids = expr_children(lc, e);
        CXCursor callee = kids.n ? strip(lc, kids.items[0]) : clang_getNullCursor();
        while (clang_getCursorKind(callee) == CXCursor_ParenExpr) {
            cursor_list inner = expr_children(lc, callee);
            if (!inner.n) break;
            callee = strip(lc, inner.items[0]);
        }
        if (clang_getCursorKind(callee) == CXCursor_DeclRefExpr &&
            clang_getCursorKind(clang_getCursorReferenced(callee)) == CXCursor_FunctionDecl) {
            ref = clang_getCursorReferenced(callee);
            direct = true;
        }
    }
    const char *name = direct ? spelling(lc, ref) : NULL;
    int nargs = clang_Cursor_getNumArguments(e);
    if (nargs < 0) nargs = 0;

    if (name && (strcmp(name, "__builtin_expect") == 0 || strcmp(name, "__builtin_expect_with_probability") == 0) &&
        nargs >= 1)
        return lower_rvalue(lc, clang_Cursor_getArgument(e, 0));
    if (name && (strcmp(name, "__builtin_unreachable") == 0 || strcmp(name, "__builtin_trap") == 0)) {
        end_path(lc, loc);
        return (ir_operand){0};
    }
    if (name && (strcmp(name, "alloca") == 0 || strncmp(name, "__builtin_alloca", 16) == 0)) {
        for (int i = 0; i < nargs; i++)
            lower_rvalue(lc, clang_Cursor_getArgument(e, (unsigned)i));
        /* alloca memory is an automatic object of the frame, like a local array. */
        uint32_t v = ir_add_var(lc->m, lc->f, VAR_LOCAL, "alloca'd memory");
        lc->f->vars[v].is_array = true;
        lc->f->vars[v].type = "alloca";
        lc->f->vars[v].loc = loc;
        ir_operand o = addr_of(lc, ir_place_var(v));
        o.array_decay = true;
        return o;
    }

    ir_call call = {.result_var = -1};
    if (direct) {
        call.callee = name;
        call.callee_usr = cursor_usr(&lc->m->arena, ref);
        call.variadic = clang_isFunctionTypeVariadic(clang_getCursorType(ref)) != 0;
        call.noreturn = decl_is_noreturn(lc, ref, name, call.callee_usr);
        call.system_callee = clang_Location_isInSystemHeader(clang_getCursorLocation(ref)) != 0;
    } else {
        cursor_list kids = expr_children(lc, e);
        if (kids.n) call.fnptr = lower_rvalue(lc, kids.items[0]);
    }
    if (nargs) {
        call.args = arena_alloc(&lc->m->arena, (size_t)nargs * sizeof *call.args);
        for (int i = 0; i < nargs; i++) {
            CXCursor arg = clang_Cursor_getArgument(e, (unsigned)i);
            call.args[i] = lower_rvalue(lc, arg);
            if (call.args[i].kind == OPND_INT && !call.args[i].text) call.args[i].text = macro_name(lc, arg);
        }
        call.nargs = (uint32_t)nargs;
    }
    CXType rt = clang_getCursorType(e);
    if (canon(rt).kind != CXType_Void && !call.noreturn) call.result_var = (int32_t)new_temp(lc, rt);
    ir_event *ev = emit(lc, EV_CALL, loc);
    ev->u.call = call;
    if (call.noreturn) {
        end_path(lc, loc);
        return (ir_operand){0};
    }
    if (call.result_var < 0) return (ir_operand){0};
    ir_operand o = ir_opnd_place(ir_place_var((uint32_t)call.result_var));
    o.is_pointer = type_is_pointer(rt);
    return o;
}

/* --- expressions ----------------------------------------------------------------------------------------------- */

/* va_list, or the pointer it decays to (__va_list_tag * on x86-64). */
static bool is_va_list(CXType t) {
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_Pointer) t = clang_getCanonicalType(clang_getPointeeType(t));
    if (t.kind == CXType_ConstantArray) t = clang_getCanonicalType(clang_getArrayElementType(t));
    /* __builtin_va_list is a struct (x86-64, AArch64) or a char or void pointer: spell nothing else. */
    if (t.kind != CXType_Record && t.kind != CXType_Char_S && t.kind != CXType_Char_U && t.kind != CXType_Void)
        return false;
    CXString s = clang_getTypeSpelling(t);
    bool va = strstr(clang_getCString(s), "va_list") != NULL;
    clang_disposeString(s);
    return va;
}

/* An expression's location, computed on first use: fe_loc (macro expansion locations) was a third of lowering's
 * time when every visited expression computed one it mostly did not need. */
typedef struct lazy_loc {
    CXCursor c;
    bool have;
    ir_loc loc;
} lazy_loc;

static ir_loc loc_of(lower_ctx *lc, lazy_loc *l) {
    if (!l->have) {
        l->loc = fe_loc(lc->tl, l->c);
        l->have = true;
    }
    return l->loc;
}

/* Skip parentheses and casts (implicit ones are UnexposedExpr with one child). */
static bool eval_int(CXCursor e, int64_t *out) {
    CXEvalResult r = clang_Cursor_Evaluate(e);
    if (!r) return false;
    bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok) *out = (int64_t)clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

typedef struct constant_children {
    unsigned n;
    bool any_constant;
} constant_children;

static enum CXChildVisitResult look_at_child(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    constant_children *cc = data;
    int64_t v;
    if (!clang_isExpression(clang_getCursorKind(c))) return CXChildVisit_Continue;
    cc->n++;
    if (eval_int(c, &v)) {
        cc->any_constant = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* A builtin whose operands are not evaluated (`__builtin_types_compatible_p(__typeof__(v), __typeof__(NULL))`,
 * `__builtin_offsetof`): libclang shows it as an unexposed expression whose children are the operands, like an
 * implicit cast or GNU `a ?: b`, but it folds to a constant while none of its operands does. */
static bool is_constant_builtin(CXCursor e) {
    int64_t v;
    if (clang_getCursorKind(e) != CXCursor_UnexposedExpr || !type_is_integer(clang_getCursorType(e)) ||
        !eval_int(e, &v))
        return false;
    constant_children cc = {0};
    clang_visitChildren(e, look_at_child, &cc);
    return cc.n > 0 && !cc.any_constant;
}

static bool is_builtin_call(CXCursor call) {
    CXString s = clang_getCursorSpelling(clang_getCursorReferenced(call));
    bool builtin = strncmp(clang_getCString(s), "__builtin_", 10) == 0;
    clang_disposeString(s);
    return builtin;
}

/* Side effects a constant-folded expression would drop: calls (but to the compiler's own __builtin_ functions),
 * assignments, ++/--, statement expressions. Looks at most `budget` nodes and says yes past them. */
typedef struct effects_scan {
    unsigned budget;
    bool found;
} effects_scan;

static enum CXChildVisitResult scan_effects(CXCursor c, CXCursor parent, CXClientData data) {
    (void)parent;
    effects_scan *es = data;
    if (es->budget-- == 0) {
        es->found = true;
        return CXChildVisit_Break;
    }
    bool effect = false;
    switch (clang_getCursorKind(c)) {
    case CXCursor_CallExpr:
        effect = !is_builtin_call(c);
        break;
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(c);
        effect = k >= CXBinaryOperator_Assign && k <= CXBinaryOperator_OrAssign;
        break;
    }
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(c);
        effect = k >= CXUnaryOperator_PostInc && k <= CXUnaryOperator_PreDec;
        break;
    }
    case CXCursor_StmtExpr:
        effect = true;
        break;
    case CXCursor_UnaryExpr: /* sizeof, _Alignof: the operand is not evaluated */
        return CXChildVisit_Continue;
    case CXCursor_UnexposedExpr:
        if (is_constant_builtin(c)) return CXChildVisit_Continue;
        break;
    default:
        break;
    }
    if (effect) {
        es->found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* An integer expression the compiler folds to a constant without dropping side effects: `sizeof(x) == 8`, and the
 * GNU builtins type-checking macros are made of (curl's curl_easy_setopt expands into dozens of
 * `__builtin_types_compatible_p(__typeof__(value), long)` tests per call). Seen as unknown values, each would fork
 * the paths in two; folded, only the branch the compiler keeps is lowered as taken. */
static bool fold_constant(CXCursor e, int64_t *out) {
    if (!type_is_integer(clang_getCursorType(e)) || !eval_int(e, out)) return false;
    effects_scan es = {.budget = 256};
    enum CXChildVisitResult top = scan_effects(e, clang_getNullCursor(), &es);
    if (top == CXChildVisit_Recurse) clang_visitChildren(e, scan_effects, &es);
    return !es.found;
}

static CXCursor strip(lower_ctx *lc, CXCursor e) {
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr && k != CXCursor_UnexposedExpr) return e;
        cursor_list kids = expr_children(lc, e);
        if (kids.n != 1) return e;
        if (k == CXCursor_UnexposedExpr && is_va_list(clang_getCursorType(kids.items[0])) &&
            !is_va_list(clang_getCursorType(e)))
            return e; /* va_arg(ap, T): a value read from the list, not the list's address */
        /* An implicit cast that only reads a value keeps its type: not worth asking the evaluator. */
        if (clang_getCanonicalType(clang_getCursorType(e)).kind !=
                clang_getCanonicalType(clang_getCursorType(kids.items[0])).kind &&
            is_constant_builtin(e))
            return e;
        e = kids.items[0];
    }
}

static ir_operand value_of_place(lower_ctx *lc, ir_place p, CXType t) {
    /* An array parameter is a pointer: its name does not decay to the address of the parameter's own storage. */
    bool param_itself = p.root == ROOT_VAR && p.npath == 0 && lc->f->vars[p.index].kind == VAR_PARAM;
    if (type_is_array(t) && !param_itself) {
        ir_operand o = addr_of(lc, p);
        o.array_decay = true;
        return o;
    }
    if (type_is_function(t)) return (ir_operand){0};
    ir_operand o = ir_opnd_place(p);
    o.is_pointer = type_is_pointer(t);
    return o;
}

static ir_operand lower_decl_ref(lower_ctx *lc, CXCursor e) {
    CXCursor ref = clang_getCursorReferenced(e);
    switch (clang_getCursorKind(ref)) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl:
        return value_of_place(lc, place_of_decl(lc, ref), clang_getCursorType(e));
    case CXCursor_EnumConstantDecl: {
        ir_operand o = ir_opnd_int(clang_getEnumConstantDeclValue(ref));
        o.text = spelling(lc, ref); /* models name options by enumerator (CURLOPT_TIMEOUT) */
        return o;
    }
    case CXCursor_FunctionDecl: {
        ir_operand o = {.kind = OPND_FUNC, .is_pointer = true};
        o.text = spelling(lc, ref);
        o.usr = cursor_usr(&lc->m->arena, ref);
        return o;
    }
    default:
        return (ir_operand){0};
    }
}

/* The macro an integer argument is written as (`setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, ...)`), so models can name
 * options that are macros rather than enumerators: the identifier at the expansion point; NULL otherwise.
 * Tokenising is cheap but not free: only arguments that come from a macro expansion get here. */
static const char *macro_name(lower_ctx *lc, CXCursor arg) {
    CXSourceLocation at = clang_getCursorLocation(arg);
    CXFile f1, f2;
    unsigned off1, off2;
    clang_getSpellingLocation(at, &f1, NULL, NULL, &off1);
    clang_getExpansionLocation(at, &f2, NULL, NULL, &off2);
    if (off1 == off2 && clang_File_isEqual(f1, f2)) return NULL;
    /* The cursor's extent is in the macro's definition; the name is the token at the expansion point. */
    CXToken *toks = NULL;
    unsigned ntoks = 0;
    CXSourceRange r = clang_getRange(clang_getLocationForOffset(lc->tl->tu, f2, off2),
                                     clang_getLocationForOffset(lc->tl->tu, f2, off2 + 1));
    clang_tokenize(lc->tl->tu, r, &toks, &ntoks);
    const char *name = NULL;
    if (ntoks >= 1 && clang_getTokenKind(toks[0]) == CXToken_Identifier) {
        CXString sp = clang_getTokenSpelling(lc->tl->tu, toks[0]);
        name = arena_strdup(&lc->m->arena, clang_getCString(sp));
        clang_disposeString(sp);
    }
    if (toks) clang_disposeTokens(lc->tl->tu, toks, ntoks);
    return name;
}

static ir_operand arith(lower_ctx *lc, ir_arith_op op, ir_operand l, ir_operand r, bool unary) {
    /* `-1`, `~0`: constants, so conditions such as `fd == -1` compare against a value the checkers can read. */
    if (unary && l.kind == OPND_INT && (op == ARITH_NEG || op == ARITH_BITNOT)) {
        ir_operand c = ir_opnd_int(op == ARITH_NEG ? (int64_t)(0 - (uint64_t)l.value) : ~l.value);
        c.is_pointer = l.is_pointer;
        return c;
    }
    ir_operand o = {.kind = OPND_ARITH, .op = op};
    ir_operand *pl = arena_alloc(&lc->m->arena, sizeof *pl);
    *pl = l;
    o.lhs = pl;
    if (!unary) {
        ir_operand *pr = arena_alloc(&lc->m->arena, sizeof *pr);
        *pr = r;
        o.rhs = pr;
    }
    return o;
}

static ir_arith_op arith_op_of(enum CXBinaryOperatorKind k) {
    switch (k) {
    case CXBinaryOperator_Add:
    case CXBinaryOperator_AddAssign:
        return ARITH_ADD;
    case CXBinaryOperator_Sub:
    case CXBinaryOperator_SubAssign:
        return ARITH_SUB;
    case CXBinaryOperator_Mul:
    case CXBinaryOperator_MulAssign:
        return ARITH_MUL;
    case CXBinaryOperator_Div:
    case CXBinaryOperator_DivAssign:
        return ARITH_DIV;
    case CXBinaryOperator_Rem:
    case CXBinaryOperator_RemAssign:
        return ARITH_REM;
    case CXBinaryOperator_And:
    case CXBinaryOperator_AndAssign:
        return ARITH_AND;
    case CXBinaryOperator_Or:
    case CXBinaryOperator_OrAssign:
        return ARITH_OR;
    case CXBinaryOperator_Xor:
    case CXBinaryOperator_XorAssign:
        return ARITH_XOR;
    case CXBinaryOperator_Shl:
    case CXBinaryOperator_ShlAssign:
        return ARITH_SHL;
    case CXBinaryOperator_Shr:
    case CXBinaryOperator_ShrAssign:
        return ARITH_SHR;
    default:
        return ARITH_OTHER;
    }
}

/* p + n, n + p, p - n keep pointing into p's object. */
static ir_operand pointer_offset(ir_operand base) {
    if (base.kind == OPND_ADDR || base.kind == OPND_PLACE) base.offset = true;
    return base;
}

/* `a + k` where a is an array: the address of element k (a[] for a non-constant k), like &a[k]. */
static ir_operand element_offset(lower_ctx *lc, ir_operand base, ir_operand k, bool add) {
    ir_place p = k.kind == OPND_INT && add ? ir_place_extend_index(lc->m, base.place, k.value)
                                           : ir_place_extend(lc->m, base.place, STEP_INDEX, NULL);
    ir_operand o = ir_opnd_addr(p);
    o.is_pointer = true;
    o.offset = true;
    return o;
}

static ir_operand combine(lower_ctx *lc, ir_arith_op op, ir_operand l, ir_operand r, CXType result) {
    if (type_is_pointer(result) && (op == ARITH_ADD || op == ARITH_SUB)) {
        ir_operand base = l.is_pointer ? l : r, k = l.is_pointer ? r : l;
        if (base.kind == OPND_ADDR && base.array_decay && !base.offset)
            return element_offset(lc, base, k, op == ARITH_ADD);
        return pointer_offset(base);
    }
    if (l.kind == OPND_INT && r.kind == OPND_INT) {
        int64_t a = l.value, b = r.value;
        switch (op) {
        case ARITH_ADD:
            return ir_opnd_int((int64_t)((uint64_t)a + (uint64_t)b));
        case ARITH_SUB:
            return ir_opnd_int((int64_t)((uint64_t)a - (uint64_t)b));
        case ARITH_MUL:
            return ir_opnd_int((int64_t)((uint64_t)a * (uint64_t)b));
        default:
            break;
        }
    }
    return arith(lc, op, l, r, false);
}

static ir_operand lower_cond_value(lower_ctx *lc, CXCursor e, CXType type) {
    /* A boolean-valued expression used as a value: branch into a temporary 1/0. */
    ir_loc loc = fe_loc(lc->tl, e);
    uint32_t t = new_temp(lc, type), bt = new_block(lc), bf = new_block(lc), join = new_block(lc);
    lower_cond(lc, e, bt, bf, "condition");
    lc->cur = bt;
    emit_assign(lc, ir_place_var(t), ir_opnd_int(1), loc);
    jump(lc, join, loc);
    lc->cur = bf;
    emit_assign(lc, ir_place_var(t), ir_opnd_int(0), loc);
    fall_into(lc, join, loc);
    return ir_opnd_place(ir_place_var(t));
}

static ir_operand lower_conditional(lower_ctx *lc, CXCursor e) {
    ir_loc loc = fe_loc(lc->tl, e);
    cursor_list kids = expr_children(lc, e);
    CXType type = clang_getCursorType(e);
    bool is_void = canon(type).kind == CXType_Void;
    uint32_t t = is_void ? 0 : new_temp(lc, type);
    uint32_t bt = new_block(lc), bf = new_block(lc), join = new_block(lc);
    if (kids.n == 3) {
        lower_cond(lc, kids.items[0], bt, bf, "?:");
        lc->cur = bt;
        ir_operand a = lower_rvalue(lc, kids.items[1]);
        if (!is_void) emit_assign(lc, ir_place_var(t), a, loc);
        jump(lc, join, loc);
        lc->cur = bf;
        ir_operand b = lower_rvalue(lc, kids.items[2]);
        if (!is_void) emit_assign(lc, ir_place_var(t), b, loc);
        fall_into(lc, join, loc);
    } else { /* GNU a ?: b */
        ir_operand a = kids.n ? lower_rvalue(lc, kids.items[0]) : (ir_operand){0};
        a = materialize(lc, a, type, loc);
        branch(lc, (ir_cond){.lhs = a, .cmp = CMP_NE, .rhs = ir_opnd_int(0)}, bt, bf, loc, "?:");
        lc->cur = bt;
        if (!is_void) emit_assign(lc, ir_place_var(t), a, loc);
        jump(lc, join, loc);
        lc->cur = bf;
        ir_operand b = kids.n > 1 ? lower_rvalue(lc, kids.items[kids.n - 1]) : (ir_operand){0};
        if (!is_void) emit_assign(lc, ir_place_var(t), b, loc);
        fall_into(lc, join, loc);
    }
    if (is_void) return (ir_operand){0};
    ir_operand o = ir_opnd_place(ir_place_var(t));
    o.is_pointer = type_is_pointer(type);
    return o;
}

static bool is_comparison(enum CXBinaryOperatorKind k) {
    return k == CXBinaryOperator_LT || k == CXBinaryOperator_GT || k == CXBinaryOperator_LE ||
           k == CXBinaryOperator_GE || k == CXBinaryOperator_EQ || k == CXBinaryOperator_NE ||
           k == CXBinaryOperator_LAnd || k == CXBinaryOperator_LOr;
}

static void lower_init_into(lower_ctx *lc, ir_place dst, CXType dst_type, CXCursor init, ir_loc loc);

static ir_operand lower_compound_literal(lower_ctx *lc, CXCursor e) {
    ir_loc loc = fe_loc(lc->tl, e);
    CXType type = clang_getCursorType(e);
    uint32_t v = ir_add_var(lc->m, lc->f, VAR_LOCAL, "compound literal");
    fill_var_type(lc, &lc->f->vars[v], type);
    lc->f->vars[v].loc = loc;
    cursor_list kids = expr_children(lc, e);
    if (kids.n) lower_init_into(lc, ir_place_var(v), type, kids.items[kids.n - 1], loc);
    return value_of_place(lc, ir_place_var(v), type);
}

static ir_operand lower_stmt_expr(lower_ctx *lc, CXCursor e) {
    cursor_list kids = children(lc, e);
    if (!kids.n) return (ir_operand){0};
    CXCursor body = kids.items[kids.n - 1];
    cursor_list stmts = children(lc, body);
    ir_loc loc = fe_loc(lc->tl, e);
    push_scope(lc);
    ir_operand value = {0};
    for (unsigned i = 0; i < stmts.n; i++) {
        if (i + 1 == stmts.n && is_expr(stmts.items[i])) {
            value = lower_rvalue(lc, stmts.items[i]);
            CXType t = clang_getCursorType(stmts.items[i]);
            if (canon(t).kind != CXType_Void && value.kind != OPND_INT) value = materialize(lc, value, t, loc);
        } else {
            lower_stmt(lc, stmts.items[i]);
        }
    }
    pop_scope(lc, loc);
    return value;
}

static ir_operand lower_rvalue(lower_ctx *lc, CXCursor e) {
    e = strip(lc, e);
    lazy_loc at = {.c = e};
    CXType type = clang_getCursorType(e);
    switch (clang_getCursorKind(e)) {
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral: {
        int64_t v;
        if (eval_int(e, &v)) return ir_opnd_int(v);
        return (ir_operand){0};
    }
    case CXCursor_GNUNullExpr:
    case CXCursor_CXXNullPtrLiteralExpr: {
        ir_operand o = ir_opnd_int(0);
        o.is_pointer = true;
        return o;
    }
    case CXCursor_StringLiteral: {
        ir_operand o = {.kind = OPND_STRING, .is_pointer = true};
        char *s = spelling(lc, e);
        size_t n = strlen(s);
        /* Spelling keeps the quotes (and any prefix such as L or u8). */
        char *q = strchr(s, '"');
        if (q && n >= 2 && s[n - 1] == '"') {
            s[n - 1] = '\0';
            s = q + 1;
        }
        o.text = s;
        return o;
    }
    case CXCursor_DeclRefExpr:
        return lower_decl_ref(lc, e);
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr: {
        ir_place p;
        if (!lower_lvalue(lc, e, &p)) return (ir_operand){0};
        return value_of_place(lc, p, type);
    }
    case CXCursor_CallExpr:
        return lower_call(lc, e);
    case CXCursor_ConditionalOperator:
        return lower_conditional(lc, e);
    case CXCursor_CompoundLiteralExpr:
        return lower_compound_literal(lc, e);
    case CXCursor_StmtExpr:
        return lower_stmt_expr(lc, e);
    case CXCursor_UnaryExpr: { /* sizeof, _Alignof: never evaluate the operand */
        int64_t v;
        if (eval_int(e, &v)) return ir_opnd_int(v);
        return (ir_operand){0};
    }
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(e);
        cursor_list kids = expr_children(lc, e);
        if (!kids.n) return (ir_operand){0};
        CXCursor sub = kids.items[0];
        switch (k) {
        case CXUnaryOperator_AddrOf: {
            CXCursor s = strip(lc, sub);
            if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
                clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
                return lower_decl_ref(lc, s);
            ir_place p;
            if (!lower_lvalue(lc, sub, &p)) return (ir_operand){0};
            if (p.root == ROOT_HEAP) return (ir_operand){.is_pointer = true};
            /* &a[i] and &*p point into what a / p point to. */
            if (p.npath && p.path[p.npath - 1].kind == STEP_DEREF) {
                ir_place base = p;
                base.npath--;
                ir_operand o = ir_opnd_place(base);
                o.is_pointer = true;
                return o;
            }
            ir_operand o = addr_of(lc, p);
            /* &a[i]: the address of one element, pointing into a (`offset`). The element stays in the place so
             * that &t[0] and &t[1] (thread ids, descriptors written through them) are told apart. */
            if (p.npath && p.path[p.npath - 1].kind == STEP_INDEX) o.offset = true;
            return o;
        }
        case CXUnaryOperator_Deref: {
            ir_place p;
            if (!lower_lvalue(lc, e, &p)) return (ir_operand){0};
            return value_of_place(lc, p, type);
        }
        case CXUnaryOperator_PostInc:
        case CXUnaryOperator_PreInc:
        case CXUnaryOperator_PostDec:
        case CXUnaryOperator_PreDec: {
            ir_place p;
            if (!lower_lvalue(lc, sub, &p)) return (ir_operand){0};
            bool inc = k == CXUnaryOperator_PostInc || k == CXUnaryOperator_PreInc;
            bool post = k == CXUnaryOperator_PostInc || k == CXUnaryOperator_PostDec;
            ir_operand next = type_is_pointer(type)
                                  ? pointer_offset(ir_opnd_place(p))
                                  : arith(lc, inc ? ARITH_ADD : ARITH_SUB, ir_opnd_place(p), ir_opnd_int(1), false);
            if (post) {
                /* The expression's value is the old one: keep it in a temporary before the update. */
                uint32_t t = new_temp(lc, type);
                emit_assign(lc, ir_place_var(t), ir_opnd_place(p), loc_of(lc, &at));
                emit_assign(lc, p, next, loc_of(lc, &at));
                ir_operand o = ir_opnd_place(ir_place_var(t));
                o.is_pointer = type_is_pointer(type);
                return o;
            }
            emit_assign(lc, p, next, loc_of(lc, &at));
            return value_of_place(lc, p, type);
        }
        case CXUnaryOperator_Minus:
            return arith(lc, ARITH_NEG, lower_rvalue(lc, sub), (ir_operand){0}, true);
        case CXUnaryOperator_Not:
            return arith(lc, ARITH_BITNOT, lower_rvalue(lc, sub), (ir_operand){0}, true);
        case CXUnaryOperator_LNot:
            return lower_cond_value(lc, e, type);
        case CXUnaryOperator_Plus:
        case CXUnaryOperator_Extension:
        default:
            return lower_rvalue(lc, sub);
        }
    }
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(e);
        cursor_list kids = expr_children(lc, e);
        if (kids.n != 2) return (ir_operand){0};
        if (k == CXBinaryOperator_Comma) {
            lower_rvalue(lc, kids.items[0]);
            return lower_rvalue(lc, kids.items[1]);
        }
        if (is_comparison(k)) return lower_cond_value(lc, e, type);
        if (k == CXBinaryOperator_Assign) {
            ir_place dst;
            bool have = lower_lvalue(lc, kids.items[0], &dst);
            CXType lt = clang_getCursorType(kids.items[0]);
            ir_operand src = lower_rvalue(lc, kids.items[1]);
            if (!have) return src;
            emit_assign(lc, dst, src, loc_of(lc, &at));
            return value_of_place(lc, dst, lt);
        }
        if (k >= CXBinaryOperator_MulAssign && k <= CXBinaryOperator_OrAssign) {
            ir_place dst;
            bool have = lower_lvalue(lc, kids.items[0], &dst);
            ir_operand r = lower_rvalue(lc, kids.items[1]);
            if (!have) return (ir_operand){0};
            ir_operand cur = value_of_place(lc, dst, type);
            emit_assign(lc, dst, combine(lc, arith_op_of(k), cur, r, type), loc_of(lc, &at));
            return value_of_place(lc, dst, type);
        }
        ir_operand l = lower_rvalue(lc, kids.items[0]);
        ir_operand r = lower_rvalue(lc, kids.items[1]);
        return combine(lc, arith_op_of(k), l, r, type);
    }
    case CXCursor_InitListExpr: {
        /* A brace list used as a value outside an initializer context: evaluate its parts. */
        cursor_list kids = expr_children(lc, e);
        for (unsigned i = 0; i < kids.n; i++)
            lower_rvalue(lc, kids.items[i]);
        return (ir_operand){0};
    }
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr:
    default: {
        /* Unknown expression (GNU ?:, _Generic, va_arg, builtins...): keep the side effects of its parts. */
        int64_t v;
        if (fold_constant(e, &v)) return ir_opnd_int(v);
        if (clang_getCursorKind(e) == CXCursor_UnexposedExpr) {
            cursor_list kids = expr_children(lc, e);
            /* GNU `a ?: b` shows up as an unexposed expression with the two operands. */
            if (kids.n == 2 && clang_getCursorKind(kids.items[0]) != CXCursor_InitListExpr)
                return lower_conditional(lc, e);
        }
        cursor_list kids = expr_children(lc, e);
        for (unsigned i = 0; i < kids.n; i++)
            lower_rvalue(lc, kids.items[i]);
        return (ir_operand){.is_pointer = type_is_pointer(type)};
    }
    }
}

static bool lower_lvalue(lower_ctx *lc, CXCursor e, ir_place *out) {
    e = strip(lc, e);
    lazy_loc at = {.c = e};
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr: {
        CXCursor ref = clang_getCursorReferenced(e);
        enum CXCursorKind rk = clang_getCursorKind(ref);
        if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl) return false;
        *out = place_of_decl(lc, ref);
        return true;
    }
    case CXCursor_MemberRefExpr: {
        cursor_list kids = expr_children(lc, e);
        const char *field = spelling(lc, e);
        if (!kids.n) return false;
        CXCursor base = kids.items[0];
        CXType bt = clang_getCursorType(base);
        ir_place p;
        if (type_is_pointer(bt)) {
            p = deref_operand(lc, lower_rvalue(lc, base), bt, loc_of(lc, &at));
        } else if (!lower_lvalue(lc, base, &p)) {
            /* f().x: the struct is a temporary */
            ir_operand v = materialize(lc, lower_rvalue(lc, base), bt, loc_of(lc, &at));
            if (v.kind != OPND_PLACE) return false;
            p = v.place;
        }
        *out = ir_place_extend(lc->m, p, STEP_FIELD, field);
        return true;
    }
    case CXCursor_ArraySubscriptExpr: {
        cursor_list kids = expr_children(lc, e);
        if (kids.n != 2) return false;
        /* a[i] and i[a] both exist; the pointer-typed side is the base. */
        CXCursor base = kids.items[0], index = kids.items[1];
        if (!type_is_pointer(clang_getCursorType(base)) && !type_is_array(clang_getCursorType(strip(lc, base))) &&
            (type_is_pointer(clang_getCursorType(index)) || type_is_array(clang_getCursorType(strip(lc, index))))) {
            CXCursor t = base;
            base = index;
            index = t;
        }
        ir_operand b = lower_rvalue(lc, base);
        ir_operand i = lower_rvalue(lc, index);
        /* a[2] names one element; a[i] may be any of them. */
        ir_place whole =
            b.kind == OPND_ADDR ? b.place : deref_operand(lc, b, clang_getCursorType(base), loc_of(lc, &at));
        *out = i.kind == OPND_INT ? ir_place_extend_index(lc->m, whole, i.value)
                                  : ir_place_extend(lc->m, whole, STEP_INDEX, NULL);
        return true;
    }
    case CXCursor_UnaryOperator: {
        cursor_list kids = expr_children(lc, e);
        if (!kids.n) return false;
        if (clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Deref) {
            CXCursor sub = kids.items[0];
            *out = deref_operand(lc, lower_rvalue(lc, sub), clang_getCursorType(sub), loc_of(lc, &at));
            return true;
        }
        if (clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Extension)
            return lower_lvalue(lc, kids.items[0], out);
        return false;
    }
    case CXCursor_CompoundLiteralExpr: {
        ir_operand v = lower_compound_literal(lc, e);
        if (v.kind == OPND_ADDR) {
            *out = v.place;
            return true;
        }
        if (v.kind == OPND_PLACE) {
            *out = v.place;
            return true;
        }
        return false;
    }
    case CXCursor_StringLiteral:
        return false;
    default: {
        /* An rvalue used where an object is needed (a struct returned by a call): give it a temporary. */
        CXType t = clang_getCursorType(e);
        ir_operand v = lower_rvalue(lc, e);
        if (type_is_record(t)) {
            v = materialize(lc, v, t, loc_of(lc, &at));
            if (v.kind == OPND_PLACE) {
                *out = v.place;
                return true;
            }
        }
        return false;
    }
    }
}

/* --- initialisers ---------------------------------------------------------------------------------------------- */

typedef struct field_names {
    const char **names;
    CXType *types;
    unsigned n, cap;
    arena *a;
    arena *names_arena;
} field_names;

static enum CXVisitorResult collect_field(CXCursor c, CXClientData data) {
    field_names *fn = data;
    if (fn->n == fn->cap) {
        unsigned cap = fn->cap ? fn->cap * 2 : 8;
        fn->names = arena_grow(fn->a, fn->names, fn->n, cap, sizeof *fn->names);
        fn->types = arena_grow(fn->a, fn->types, fn->n, cap, sizeof *fn->types);
        fn->cap = cap;
    }
    CXString s = clang_getCursorSpelling(c);
    fn->names[fn->n] = arena_strdup(fn->names_arena, clang_getCString(s));
    fn->types[fn->n] = clang_getCursorType(c);
    fn->n++;
    clang_disposeString(s);
    return CXVisit_Continue;
}

static void lower_init_into(lower_ctx *lc, ir_place dst, CXType dst_type, CXCursor init, ir_loc loc) {
    CXCursor s = strip(lc, init);
    if (clang_getCursorKind(s) != CXCursor_InitListExpr) {
        ir_operand v = lower_rvalue(lc, init);
        emit_assign(lc, dst, v, loc);
        return;
    }
    cursor_list kids = expr_children(lc, s);
    if (type_is_record(dst_type)) {
        field_names fn = {.a = &lc->scratch, .names_arena = &lc->m->arena};
        clang_Type_visitFields(canon(dst_type), collect_field, &fn);
        for (unsigned i = 0; i < kids.n; i++) {
            if (i < fn.n && fn.names[i][0])
                lower_init_into(lc, ir_place_extend(lc->m, dst, STEP_FIELD, fn.names[i]), fn.types[i], kids.items[i],
                                loc);
            else
                lower_init_into(lc, ir_place_extend(lc->m, dst, STEP_INDEX, NULL), clang_getCursorType(kids.items[i]),
                                kids.items[i], loc);
        }
        return;
    }
    if (type_is_array(dst_type)) {
        CXType elem = clang_getArrayElementType(canon(dst_type));
        for (unsigned i = 0; i < kids.n; i++)
            lower_init_into(lc, ir_place_extend(lc->m, dst, STEP_INDEX, NULL), elem, kids.items[i], loc);
        return;
    }
    if (kids.n) lower_init_into(lc, dst, dst_type, kids.items[0], loc); /* int x = { 1 }; */
}

static const char *cleanup_function(lower_ctx *lc, CXCursor decl) {
    cursor_list kids = children(lc, decl);
    bool has_attr = false;
    for (unsigned i = 0; i < kids.n; i++)
        if (clang_isAttribute(clang_getCursorKind(kids.items[i]))) has_attr = true;
    if (!has_attr) return NULL;
    /* libclang exposes no cleanup attribute cursor; the pretty-printed declaration carries it even when a macro
     * (`_cleanup_free_`) spelled it. */
    CXPrintingPolicy pol = clang_getCursorPrintingPolicy(decl);
    clang_PrintingPolicy_setProperty(pol, CXPrintingPolicy_TerseOutput, 1);
    CXString ps = clang_getCursorPrettyPrinted(decl, pol);
    const char *text = clang_getCString(ps);
    const char *found = NULL;
    const char *p = text ? strstr(text, "cleanup") : NULL;
    if (p) {
        p += 7;
        while (*p == '_')
            p++;
        while (*p == ' ' || *p == '(')
            p++;
        const char *start = p;
        while (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            p++;
        if (p > start) found = arena_strndup(&lc->m->arena, start, (size_t)(p - start));
    }
    clang_disposeString(ps);
    clang_PrintingPolicy_dispose(pol);
    return found;
}

static void lower_var_decl(lower_ctx *lc, CXCursor d) {
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
    ir_loc loc = fe_loc(lc->tl, d);
    if (sc == CX_SC_Static || sc == CX_SC_Extern) {
        uint32_t g = fe_global_for(lc->tl, d);
        var_map_put(lc, d, true, g);
        return;
    }
    CXType type = clang_getCursorType(d);
    uint32_t v = ir_add_var(lc->m, lc->f, VAR_LOCAL, spelling(lc, d));
    fill_var_type(lc, &lc->f->vars[v], type);
    lc->f->vars[v].loc = loc;
    lc->f->vars[v].cleanup = cleanup_function(lc, d);
    var_map_put(lc, d, false, v);
    scope_add(lc, v);
    ir_event *e = emit(lc, EV_DECL, loc);
    e->u.decl.var = v;
    CXCursor init = clang_Cursor_getVarDeclInitializer(d);
    if (!clang_Cursor_isNull(init)) lower_init_into(lc, ir_place_var(v), type, init, loc);
}

/* --- conditions ------------------------------------------------------------------------------------------------ */

static ir_cmp cmp_of(enum CXBinaryOperatorKind k) {
    switch (k) {
    case CXBinaryOperator_EQ:
        return CMP_EQ;
    case CXBinaryOperator_NE:
        return CMP_NE;
    case CXBinaryOperator_LT:
        return CMP_LT;
    case CXBinaryOperator_LE:
        return CMP_LE;
    case CXBinaryOperator_GT:
        return CMP_GT;
    default:
        return CMP_GE;
    }
}

static void lower_cond(lower_ctx *lc, CXCursor e, uint32_t t, uint32_t f, const char *what) {
    e = strip(lc, e);
    lazy_loc at = {.c = e};
    enum CXCursorKind k = clang_getCursorKind(e);
    int64_t folded;
    /* Variables, fields and calls are never constants: spare the evaluator the most common conditions. */
    bool plain = k == CXCursor_IntegerLiteral || k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr ||
                 k == CXCursor_ArraySubscriptExpr || (k == CXCursor_CallExpr && !is_builtin_call(e));
    if (!plain && fold_constant(e, &folded)) {
        jump(lc, folded ? t : f, loc_of(lc, &at));
        return;
    }
    if (k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);
        cursor_list kids = expr_children(lc, e);
        if (kids.n == 2) {
            if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
                uint32_t mid = new_block(lc);
                if (op == CXBinaryOperator_LAnd)
                    lower_cond(lc, kids.items[0], mid, f, "&&");
                else
                    lower_cond(lc, kids.items[0], t, mid, "||");
                lc->cur = mid;
                lower_cond(lc, kids.items[1], t, f, what);
                return;
            }
            if (op == CXBinaryOperator_Comma) {
                lower_rvalue(lc, kids.items[0]);
                lower_cond(lc, kids.items[1], t, f, what);
                return;
            }
            if (op >= CXBinaryOperator_LT && op <= CXBinaryOperator_NE) {
                ir_operand l = lower_rvalue(lc, kids.items[0]);
                ir_operand r = lower_rvalue(lc, kids.items[1]);
                ir_cmp cmp = cmp_of(op);
                if (l.kind == OPND_INT && r.kind != OPND_INT) {
                    /* `NULL == p`, `-1 == fd`: the tested value goes on the left, as checkers expect. */
                    static const ir_cmp mirrored[] = {CMP_EQ, CMP_NE, CMP_GT, CMP_GE, CMP_LT, CMP_LE};
                    ir_operand tmp = l;
                    l = r;
                    r = tmp;
                    cmp = mirrored[cmp];
                }
                branch(lc, (ir_cond){.lhs = l, .cmp = cmp, .rhs = r}, t, f, loc_of(lc, &at), what);
                return;
            }
        }
    } else if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot) {
        cursor_list kids = expr_children(lc, e);
        if (kids.n == 1) {
            lower_cond(lc, kids.items[0], f, t, what);
            return;
        }
    } else if (k == CXCursor_CallExpr) {
        CXCursor ref = clang_getCursorReferenced(e);
        if (clang_getCursorKind(ref) == CXCursor_FunctionDecl && clang_Cursor_getNumArguments(e) >= 1) {
            CXString s = clang_getCursorSpelling(ref);
            bool expect = strncmp(clang_getCString(s), "__builtin_expect", 16) == 0;
            clang_disposeString(s);
            if (expect) {
                lower_cond(lc, clang_Cursor_getArgument(e, 0), t, f, what);
                return;
            }
        }
    }
    ir_operand v = lower_rvalue(lc, e);
    branch(lc, (ir_cond){.lhs = v, .cmp = CMP_NE, .rhs = ir_opnd_int(0)}, t, f, loc_of(lc, &at), what);
}

/* --- statements ------------------------------------------------------------------------------------------------ */

static void push_target(lower_ctx *lc, uint32_t brk, uint32_t cont) {
    if (lc->ntargets == lc->targets_cap) {
        uint32_t cap = lc->targets_cap ? lc->targets_cap * 2 : 8;
        lc->targets = arena_grow(&lc->scratch, lc->targets, lc->ntargets, cap, sizeof *lc->targets);
        lc->targets_cap = cap;
    }
    lc->targets[lc->ntargets++] = (jump_target){brk, cont, lc->depth};
}

static label_entry *label_get(lower_ctx *lc, const char *name) {
    uintptr_t i = (uintptr_t)strmap_get(&lc->label_index, name);
    if (i) return &lc->labels[i - 1];
    if (lc->nlabels == lc->labels_cap) {
        uint32_t cap = lc->labels_cap ? lc->labels_cap * 2 : 8;
        lc->labels = arena_grow(&lc->scratch, lc->labels, lc->nlabels, cap, sizeof *lc->labels);
        lc->labels_cap = cap;
    }
    uint32_t b = new_block(lc);
    lc->labels[lc->nlabels] = (label_entry){.name = name, .block = b};
    strmap_put(&lc->label_index, name, (void *)(uintptr_t)(lc->nlabels + 1));
    return &lc->labels[lc->nlabels++];
}

/* Which children of a for statement are init, cond and inc? libclang skips absent ones, so the two semicolons of the
 * header decide; when a macro hides them, fall back on the kinds of the children. */
static void for_parts(lower_ctx *lc, CXCursor s, cursor_list kids, CXCursor *init, CXCursor *cond, CXCursor *inc) {
    *init = *cond = *inc = clang_getNullCursor();
    if (kids.n < 2) return;
    CXCursor body = kids.items[kids.n - 1];
    unsigned nparts = kids.n - 1;
    if (nparts == 3) {
        *init = kids.items[0];
        *cond = kids.items[1];
        *inc = kids.items[2];
        return;
    }
    /* Spelling locations: when a macro spells the header, both its semicolons and the parts that come from the
     * macro's body are located in the macro definition, and compare there. */
    CXSourceRange header =
        clang_getRange(clang_getRangeStart(clang_getCursorExtent(s)), clang_getRangeStart(clang_getCursorExtent(body)));
    CXToken *toks = NULL;
    unsigned ntoks = 0;
    clang_tokenize(lc->tl->tu, header, &toks, &ntoks);
    unsigned semi_off[2] = {0, 0}, nsemi = 0;
    CXFile semi_file = NULL;
    int depth = 0;
    for (unsigned i = 0; i < ntoks; i++) {
        if (clang_getTokenKind(toks[i]) != CXToken_Punctuation) continue;
        CXString sp = clang_getTokenSpelling(lc->tl->tu, toks[i]);
        const char *t = clang_getCString(sp);
        bool done = false;
        if (strcmp(t, "(") == 0) {
            depth++;
        } else if (strcmp(t, ")") == 0) {
            done = --depth <= 0;
        } else if (strcmp(t, ";") == 0 && depth == 1 && nsemi < 2) {
            CXFile file;
            unsigned off;
            clang_getSpellingLocation(clang_getTokenLocation(lc->tl->tu, toks[i]), &file, NULL, NULL, &off);
            if (nsemi == 0) semi_file = file;
            if (file && semi_file && clang_File_isEqual(file, semi_file)) semi_off[nsemi++] = off;
        }
        clang_disposeString(sp);
        if (done) break;
    }
    if (toks) clang_disposeTokens(lc->tl->tu, toks, ntoks);
    if (nsemi == 2) {
        CXCursor parts[3] = {clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor()};
        bool comparable = true;
        for (unsigned i = 0; i < nparts && comparable; i++) {
            CXFile file;
            unsigned off;
            clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(kids.items[i])), &file, NULL, NULL,
                                      &off);
            if (!file || !clang_File_isEqual(file, semi_file)) {
                comparable = false;
                break;
            }
            unsigned slot = off < semi_off[0] ? 0 : off < semi_off[1] ? 1 : 2;
            if (!clang_Cursor_isNull(parts[slot])) comparable = false;
            parts[slot] = kids.items[i];
        }
        if (comparable) {
            *init = parts[0];
            *cond = parts[1];
            *inc = parts[2];
            return;
        }
    }
    /* A part spelled by a macro argument: guess from the kinds. A declaration is the init; otherwise the parts are
     * taken as cond, then inc — `for (; cond; inc)` is the common shape of iteration macros. */
    unsigned i = 0;
    if (nparts && clang_getCursorKind(kids.items[0]) == CXCursor_DeclStmt) *init = kids.items[i++];
    if (i < nparts) *cond = kids.items[i++];
    if (i < nparts) *inc = kids.items[i++];
}

static void lower_loop_body(lower_ctx *lc, CXCursor body, uint32_t brk, uint32_t cont) {
    push_target(lc, brk, cont);
    lower_stmt(lc, body);
    lc->ntargets--;
}

static void lower_switch(lower_ctx *lc, CXCursor s) {
    ir_loc loc = fe_loc(lc->tl, s);
    cursor_list kids = children(lc, s);
    if (kids.n < 2) return;
    CXCursor cond = kids.items[kids.n - 2], body = kids.items[kids.n - 1];
    CXType ct = clang_getCursorType(cond);
    ir_operand v = materialize(lc, lower_rvalue(lc, cond), ct, loc);
    uint32_t head = lc->cur, exit = new_block(lc);
    lc->cur = new_block(lc); /* code before the first label is unreachable */
    switch_ctx sw = {.scope_depth = lc->depth}, *outer = lc->sw;
    lc->sw = &sw;
    uint32_t cont = UINT32_MAX;
    for (uint32_t i = lc->ntargets; i-- > 0;)
        if (lc->targets[i].continue_block != UINT32_MAX) {
            cont = lc->targets[i].continue_block;
            break;
        }
    push_target(lc, exit, UINT32_MAX);
    if (cont != UINT32_MAX) lc->targets[lc->ntargets - 1].continue_block = UINT32_MAX;
    lower_stmt(lc, body);
    lc->ntargets--;
    fall_into(lc, exit, loc);
    lc->sw = outer;

    /* The dispatch: one test per case, in source order, so the engine refines the tested value on each edge. */
    uint32_t after_body = lc->cur;
    lc->cur = head;
    for (uint32_t i = 0; i < sw.ncases; i++) {
        case_entry *c = &sw.cases[i];
        uint32_t next = new_block(lc);
        if (!c->known) {
            branch(lc, (ir_cond){.lhs = (ir_operand){0}, .cmp = CMP_NE, .rhs = ir_opnd_int(0)}, c->block, next, c->loc,
                   "case");
        } else if (c->lo == c->hi) {
            branch(lc, (ir_cond){.lhs = v, .cmp = CMP_EQ, .rhs = ir_opnd_int(c->lo)}, c->block, next, c->loc, "case");
        } else {
            uint32_t upper = new_block(lc);
            branch(lc, (ir_cond){.lhs = v, .cmp = CMP_GE, .rhs = ir_opnd_int(c->lo)}, upper, next, c->loc, "case");
            lc->cur = upper;
            branch(lc, (ir_cond){.lhs = v, .cmp = CMP_LE, .rhs = ir_opnd_int(c->hi)}, c->block, next, c->loc, "case");
        }
        lc->cur = next;
    }
    jump(lc, sw.has_default ? sw.default_block : exit, loc);
    lc->cur = after_body;
}

static void add_case(lower_ctx *lc, case_entry c) {
    switch_ctx *sw = lc->sw;
    if (sw->ncases == sw->cap) {
        uint32_t cap = sw->cap ? sw->cap * 2 : 16;
        sw->cases = arena_grow(&lc->scratch, sw->cases, sw->ncases, cap, sizeof *sw->cases);
        sw->cap = cap;
    }
    sw->cases[sw->ncases++] = c;
}

static void lower_return(lower_ctx *lc, CXCursor s) {
    ir_loc loc = fe_loc(lc->tl, s);
    cursor_list kids = expr_children(lc, s);
    ir_term term = {.kind = TERM_RETURN, .loc = loc};
    if (kids.n) {
        CXType t = clang_getCursorType(kids.items[0]);
        term.ret = lower_rvalue(lc, kids.items[0]);
        term.has_ret = canon(t).kind != CXType_Void;
        /* Cleanups run after the value is computed; keep the value safe from them. */
        if (term.has_ret && lc->depth && term.ret.kind == OPND_PLACE && term.ret.place.root == ROOT_VAR &&
            lc->f->vars[term.ret.place.index].kind != VAR_TEMP && !type_is_record(t)) {
            term.ret = copy_to_temp(lc, term.ret, t, loc);
        }
    }
    leave_scopes(lc, 0, loc);
    terminate(lc, term, NULL, 0);
}

static void lower_stmt(lower_ctx *lc, CXCursor s) {
    ir_loc loc = fe_loc(lc->tl, s);
    enum CXCursorKind k = clang_getCursorKind(s);
    switch (k) {
    case CXCursor_CompoundStmt: {
        cursor_list kids = children(lc, s);
        push_scope(lc);
        for (unsigned i = 0; i < kids.n; i++)
            lower_stmt(lc, kids.items[i]);
        ir_loc end = loc;
        end.line = end.end_line;
        end.col = end.end_col;
        pop_scope(lc, end);
        return;
    }
    case CXCursor_DeclStmt: {
        cursor_list kids = children(lc, s);
        for (unsigned i = 0; i < kids.n; i++)
            if (clang_getCursorKind(kids.items[i]) == CXCursor_VarDecl) lower_var_decl(lc, kids.items[i]);
        return;
    }
    case CXCursor_IfStmt: {
        cursor_list kids = children(lc, s);
        if (kids.n < 2) return;
        CXCursor cond = kids.items[0], then_s = kids.items[1];
        uint32_t bt = new_block(lc), join = new_block(lc), bf = kids.n > 2 ? new_block(lc) : join;
        lower_cond(lc, cond, bt, bf, "if");
        lc->cur = bt;
        lower_stmt(lc, then_s);
        jump(lc, join, loc);
        if (kids.n > 2) {
            lc->cur = bf;
            lower_stmt(lc, kids.items[2]);
            jump(lc, join, loc);
        }
        lc->cur = join;
        return;
    }
    case CXCursor_WhileStmt: {
        cursor_list kids = children(lc, s);
        if (kids.n < 2) return;
        uint32_t head = new_block(lc), body = new_block(lc), exit = new_block(lc);
        fall_into(lc, head, loc);
        lower_cond(lc, kids.items[0], body, exit, "while");
        lc->cur = body;
        lower_loop_body(lc, kids.items[1], exit, head);
        jump(lc, head, loc);
        lc->cur = exit;
        return;
    }
    case CXCursor_DoStmt: {
        cursor_list kids = children(lc, s);
        if (kids.n < 2) return;
        uint32_t body = new_block(lc), cond = new_block(lc), exit = new_block(lc);
        fall_into(lc, body, loc);
        lower_loop_body(lc, kids.items[0], exit, cond);
        fall_into(lc, cond, loc);
        lower_cond(lc, kids.items[1], body, exit, "do-while");
        lc->cur = exit;
        return;
    }
    case CXCursor_ForStmt: {
        cursor_list kids = children(lc, s);
        if (!kids.n) return;
        CXCursor init, cond, inc;
        for_parts(lc, s, kids, &init, &cond, &inc);
        push_scope(lc); /* for (int i = 0; ...) */
        if (!clang_Cursor_isNull(init)) lower_stmt(lc, init);
        uint32_t head = new_block(lc), body = new_block(lc), step = new_block(lc), exit = new_block(lc);
        fall_into(lc, head, loc);
        if (!clang_Cursor_isNull(cond))
            lower_cond(lc, cond, body, exit, "for");
        else
            jump(lc, body, loc);
        lc->cur = body;
        lower_loop_body(lc, kids.items[kids.n - 1], exit, step);
        fall_into(lc, step, loc);
        if (!clang_Cursor_isNull(inc)) lower_rvalue(lc, inc);
        jump(lc, head, loc);
        lc->cur = exit;
        pop_scope(lc, loc);
        return;
    }
    case CXCursor_SwitchStmt:
        lower_switch(lc, s);
        return;
    case CXCursor_CaseStmt: {
        cursor_list kids = children(lc, s);
        if (!lc->sw || kids.n < 2) {
            if (kids.n) lower_stmt(lc, kids.items[kids.n - 1]);
            return;
        }
        case_entry c = {.loc = loc};
        int64_t lo, hi;
        if (eval_int(kids.items[0], &lo)) {
            c.known = true;
            c.lo = c.hi = lo;
            if (kids.n >= 3 && eval_int(kids.items[1], &hi)) c.hi = hi;
        }
        c.block = new_block(lc);
        fall_into(lc, c.block, loc);
        add_case(lc, c);
        lower_stmt(lc, kids.items[kids.n - 1]);
        return;
    }
    case CXCursor_DefaultStmt: {
        cursor_list kids = children(lc, s);
        if (lc->sw) {
            uint32_t b = new_block(lc);
            fall_into(lc, b, loc);
            lc->sw->has_default = true;
            lc->sw->default_block = b;
        }
        if (kids.n) lower_stmt(lc, kids.items[kids.n - 1]);
        return;
    }
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt: {
        for (uint32_t i = lc->ntargets; i-- > 0;) {
            jump_target *t = &lc->targets[i];
            uint32_t dest = k == CXCursor_BreakStmt ? t->break_block : t->continue_block;
            if (dest == UINT32_MAX) continue;
            leave_scopes(lc, t->scope_depth, loc);
            jump(lc, dest, loc);
            return;
        }
        return;
    }
    case CXCursor_ReturnStmt:
        lower_return(lc, s);
        return;
    case CXCursor_GotoStmt: {
        cursor_list kids = children(lc, s);
        if (!kids.n) return;
        const char *name = spelling(lc, kids.items[0]);
        label_entry *l = label_get(lc, name);
        if (l->defined) {
            /* A backward goto leaves the scopes the label is not in. */
            leave_scopes(lc, common_depth(lc->scopes, lc->depth, l->at.scopes, l->at.depth), loc);
            jump(lc, l->block, loc);
            return;
        }
        if (l->npending == l->cappending) {
            uint32_t cap = l->cappending ? l->cappending * 2 : 4;
            l->pending = arena_grow(&lc->scratch, l->pending, l->npending, cap, sizeof *l->pending);
            l->cappending = cap;
        }
        pending_goto *pg = &l->pending[l->npending++];
        *pg = (pending_goto){.tramp = new_block(lc), .at = snapshot_scopes(lc), .loc = loc};
        jump(lc, pg->tramp, loc);
        return;
    }
    case CXCursor_IndirectGotoStmt: {
        cursor_list kids = expr_children(lc, s);
        for (unsigned i = 0; i < kids.n; i++)
            lower_rvalue(lc, kids.items[i]);
        if (lc->nindirect == lc->indirect_cap) {
            uint32_t cap = lc->indirect_cap ? lc->indirect_cap * 2 : 4;
            lc->indirect_gotos = arena_grow(&lc->scratch, lc->indirect_gotos, lc->nindirect, cap, sizeof(uint32_t));
            lc->indirect_cap = cap;
        }
        lc->indirect_gotos[lc->nindirect++] = lc->cur;
        terminate(lc, (ir_term){.kind = TERM_MULTI, .loc = loc}, NULL, 0);
        return;
    }
    case CXCursor_LabelStmt: {
        const char *name = spelling(lc, s);
        label_entry *l = label_get(lc, name);
        l->defined = true;
        l->at = snapshot_scopes(lc);
        uint32_t b = l->block;
        fall_into(lc, b, loc);
        /* Forward gotos seen so far: their trampolines leave the scopes this label is not in. */
        uint32_t resume = lc->cur;
        for (uint32_t i = 0; i < l->npending; i++) {
            pending_goto *pg = &l->pending[i];
            lc->cur = pg->tramp;
            leave_scope_list(lc, pg->at.scopes, pg->at.depth,
                             common_depth(pg->at.scopes, pg->at.depth, l->at.scopes, l->at.depth), pg->loc);
            lc->f->blocks[pg->tramp].term = (ir_term){.kind = TERM_GOTO, .loc = pg->loc};
            ir_set_succs(lc->m, lc->f, pg->tramp, &b, 1);
        }
        l->npending = 0;
        lc->cur = resume;
        cursor_list kids = children(lc, s);
        if (kids.n) lower_stmt(lc, kids.items[kids.n - 1]);
        return;
    }
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
    case CXCursor_StaticAssert:
        return;
    default:
        if (clang_isExpression(k)) {
            lower_rvalue(lc, s);
            return;
        }
        if (clang_isStatement(k)) {
            cursor_list kids = children(lc, s);
            for (unsigned i = 0; i < kids.n; i++)
                lower_stmt(lc, kids.items[i]);
        }
        return;
    }
}

/* --- functions ------------------------------------------------------------------------------------------------- */

void fe_lower_function(tu_lowering *tl, CXCursor fn, bool in_header) {
    ir_module *m = tl->module;
    CXString name = clang_getCursorSpelling(fn);
    CXString usr = clang_getCursorUSR(fn);
    ir_function *f = ir_function_new(m, clang_getCString(name), clang_getCString(usr));
    clang_disposeString(name);
    clang_disposeString(usr);

    lower_ctx lc = {.tl = tl, .m = m, .f = f};
    arena_init(&lc.scratch);
    strmap_init(&lc.label_index);
    f->loc = fe_loc(tl, fn);
    {
        CXSourceLocation nameloc = clang_getCursorLocation(fn);
        CXFile file;
        unsigned line, col;
        clang_getExpansionLocation(nameloc, &file, &line, &col, NULL);
        f->loc.line = line;
        f->loc.col = col;
    }
    f->is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
    f->is_inline_header = in_header;
    CXType rt = clang_getResultType(clang_getCursorType(fn));
    CXString rts = clang_getTypeSpelling(rt);
    f->return_type = arena_strdup(&m->arena, clang_getCString(rts));
    clang_disposeString(rts);
    f->returns_pointer = type_is_pointer(rt);

    int nparams = clang_Cursor_getNumArguments(fn);
    for (int i = 0; i < nparams; i++) {
        CXCursor p = clang_Cursor_getArgument(fn, (unsigned)i);
        uint32_t v = ir_add_var(m, f, VAR_PARAM, spelling(&lc, p));
        fill_var_type(&lc, &f->vars[v], clang_getCursorType(p));
        if (f->vars[v].is_array) { /* `int a[]` declares a pointer parameter */
            f->vars[v].is_array = false;
            f->vars[v].is_pointer = true;
        }
        f->vars[v].loc = fe_loc(tl, p);
        var_map_put(&lc, p, false, v);
    }
    f->nparams = nparams > 0 ? (uint32_t)nparams : 0;

    lc.cur = new_block(&lc);
    cursor_list kids = children(&lc, fn);
    for (unsigned i = 0; i < kids.n; i++) {
        if (clang_getCursorKind(kids.items[i]) != CXCursor_CompoundStmt) continue;
        lower_stmt(&lc, kids.items[i]);
    }
    /* Falling off the end is a return. */
    ir_loc end = f->loc;
    CXSourceRange ext = clang_getCursorExtent(fn);
    clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, &end.line, &end.col, NULL);
    terminate(&lc, (ir_term){.kind = TERM_RETURN, .loc = end}, NULL, 0);
    /* A goto to a label that never appeared (clang already reported it): jump there without scope exits. */
    for (uint32_t l = 0; l < lc.nlabels; l++)
        for (uint32_t i = 0; i < lc.labels[l].npending; i++) {
            uint32_t tramp = lc.labels[l].pending[i].tramp;
            f->blocks[tramp].term = (ir_term){.kind = TERM_GOTO, .loc = lc.labels[l].pending[i].loc};
            ir_set_succs(m, f, tramp, &lc.labels[l].block, 1);
        }
    /* Computed gotos may reach every label. */
    for (uint32_t i = 0; i < lc.nindirect; i++) {
        uint32_t *succs = arena_alloc(&lc.scratch, (lc.nlabels + 1) * sizeof *succs);
        for (uint32_t l = 0; l < lc.nlabels; l++)
            succs[l] = lc.labels[l].block;
        ir_set_succs(m, f, lc.indirect_gotos[i], succs, lc.nlabels);
    }
    strmap_free(&lc.label_index);
    arena_free(&lc.scratch);
}
