/* test_cfg.c — the CFG builder (frontend_lower.c): C source goes through frontend_process as unsaved contents, and
 * each test checks the shape of the graph one construct produces — which branch terminators exist and what they test,
 * which edges reach which calls and assignments, back edges of loops, where scope-end and cleanup calls sit, how
 * noreturn calls end paths — plus locations and the parse-error diagnostics of a broken file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontend.h"
#include "ir.h"

/* --- lowering a source string ------------------------------------------------------------------------------------ */

static char g_dir[64];       /* a real directory: libclang needs the working directory to exist */
static char g_path[128];     /* the made-up main file inside it, never written to disk */
static frontend_result g_fe; /* the current test's result, freed by the teardown even when an assertion fails */
static bool g_have_fe;

static int group_setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/lifeline-cfg-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_path, sizeof g_path, "%s/x.c", g_dir);
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    rmdir(g_dir);
    return 0;
}

static int free_result(void **state) {
    (void)state;
    if (g_have_fe) frontend_result_free(&g_fe);
    g_have_fe = false;
    return 0;
}

/* Lowers `src` and returns its module; the TU must parse cleanly unless `allow_errors`. */
static const ir_module *lower_src_ex(const char *src, bool allow_errors) {
    static char std_arg[] = "-std=gnu17";
    char *args[] = {std_arg};
    compile_job job = {.file = g_path, .directory = g_dir, .args = args, .nargs = 1};
    frontend_options opt = {.unsaved_contents = src, .unsaved_length = strlen(src)};
    if (g_have_fe) frontend_result_free(&g_fe);
    frontend_process(&job, &opt, &g_fe);
    g_have_fe = true;
    if (!allow_errors) {
        for (size_t i = 0; i < g_fe.diags.count; i++)
            print_message("unexpected diagnostic: %s:%u: %s\n",
                          g_fe.diags.items[i].file ? g_fe.diags.items[i].file : "", g_fe.diags.items[i].line,
                          g_fe.diags.items[i].message);
        assert_int_equal(g_fe.status, TU_OK);
    }
    assert_non_null(g_fe.module);
    return g_fe.module;
}

static const ir_module *lower_src(const char *src) {
    return lower_src_ex(src, false);
}

/* Prelude shared by most sources: opaque calls whose presence marks a place in the graph. */
#define PRELUDE "void f(int); int c(void); void freep(int **p);\n"

/* --- graph helpers -------------------------------------------------------------------------------------------------
 */

enum { NONE = UINT32_MAX };

static const ir_function *fn(const ir_module *m, const char *name) {
    for (uint32_t i = 0; i < m->nfunctions; i++)
        if (strcmp(m->functions[i]->name, name) == 0) return m->functions[i];
    fail_msg("function %s was not lowered", name);
    return NULL;
}

/* Blocks reachable from `from` (inclusive) without entering any block of `avoid` (NONE-terminated list; `from` itself
 * is never avoided). Heap array of nblocks flags. */
static bool *reach_set(const ir_function *f, uint32_t from, const uint32_t *avoid) {
    bool *seen = calloc(f->nblocks, sizeof *seen);
    uint32_t *stack = calloc(f->nblocks + 1, sizeof *stack);
    assert_non_null(seen);
    assert_non_null(stack);
    bool *blocked = calloc(f->nblocks, sizeof *blocked);
    assert_non_null(blocked);
    for (const uint32_t *a = avoid; a && *a != NONE; a++)
        if (*a < f->nblocks) blocked[*a] = true;
    uint32_t sp = 0;
    seen[from] = true;
    stack[sp++] = from;
    while (sp) {
        uint32_t b = stack[--sp];
        for (uint32_t i = 0; i < f->blocks[b].nsuccs; i++) {
            uint32_t s = f->blocks[b].succs[i];
            assert_true(s < f->nblocks);
            if (seen[s] || blocked[s]) continue;
            seen[s] = true;
            stack[sp++] = s;
        }
    }
    free(stack);
    free(blocked);
    return seen;
}

/* Is `to` reachable from `from` in one or more steps (so a block reaches itself only around a cycle)? */
static bool reaches_avoiding(const ir_function *f, uint32_t from, uint32_t to, const uint32_t *avoid) {
    bool found = false;
    for (uint32_t i = 0; i < f->blocks[from].nsuccs && !found; i++) {
        uint32_t s = f->blocks[from].succs[i];
        bool blocked = false;
        for (const uint32_t *a = avoid; a && *a != NONE; a++)
            blocked |= *a == s;
        if (blocked) continue;
        bool *seen = reach_set(f, s, avoid);
        found = seen[to];
        free(seen);
    }
    return found;
}

/* Does the i-th out-edge of block b lead to `to` (its target included) without entering `avoid`? */
static bool edge_reaches(const ir_function *f, uint32_t b, uint32_t i, uint32_t to, const uint32_t *avoid) {
    assert_true(i < f->blocks[b].nsuccs);
    uint32_t s = f->blocks[b].succs[i];
    for (const uint32_t *a = avoid; a && *a != NONE; a++)
        if (*a == s) return false;
    bool *seen = reach_set(f, s, avoid);
    bool found = seen[to];
    free(seen);
    return found;
}

static bool reaches(const ir_function *f, uint32_t from, uint32_t to) {
    return from == to || reaches_avoiding(f, from, to, NULL);
}

static uint32_t count_reachable(const ir_function *f) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        n += seen[b];
    free(seen);
    return n;
}

static bool is_call_to(const ir_event *ev, const char *callee) {
    return ev->kind == EV_CALL && ev->u.call.callee && strcmp(ev->u.call.callee, callee) == 0;
}

/* Position of the first call to `callee` in block b, or -1. */
static int call_pos(const ir_function *f, uint32_t b, const char *callee) {
    for (uint32_t i = 0; i < f->blocks[b].nevents; i++)
        if (is_call_to(&f->blocks[b].events[i], callee)) return (int)i;
    return -1;
}

/* The reachable block holding a call to callee whose first argument is the integer `arg` (any args when arg is
 * INT64_MIN); it must be unique. */
static uint32_t call_block_arg(const ir_function *f, const char *callee, int64_t arg) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t found = NONE;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!seen[b]) continue;
        for (uint32_t i = 0; i < f->blocks[b].nevents; i++) {
            const ir_event *ev = &f->blocks[b].events[i];
            if (!is_call_to(ev, callee)) continue;
            if (arg != INT64_MIN &&
                (ev->u.call.nargs < 1 || ev->u.call.args[0].kind != OPND_INT || ev->u.call.args[0].value != arg))
                continue;
            if (found != NONE && found != b) fail_msg("call %s(%lld) appears in two blocks", callee, (long long)arg);
            found = b;
        }
    }
    free(seen);
    if (found == NONE) fail_msg("no reachable call %s(%lld)", callee, (long long)arg);
    return found;
}

/* Block of the reachable call f(n) — the marker calls of the sources. */
static uint32_t fcall(const ir_function *f, int64_t n) {
    return call_block_arg(f, "f", n);
}
static uint32_t call_block(const ir_function *f, const char *callee) {
    return call_block_arg(f, callee, INT64_MIN);
}

static bool any_reachable_call(const ir_function *f, const char *callee) {
    bool *seen = reach_set(f, 0, NULL);
    bool found = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        if (seen[b] && call_pos(f, b, callee) >= 0) found = true;
    free(seen);
    return found;
}

/* Reachable TERM_BRANCH blocks whose `what` is `what` (any when NULL), in block order; returns how many. */
static uint32_t branches(const ir_function *f, const char *what, uint32_t *out, uint32_t max) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const ir_term *t = &f->blocks[b].term;
        if (!seen[b] || t->kind != TERM_BRANCH) continue;
        if (what && (!t->what || strcmp(t->what, what) != 0)) continue;
        assert_int_equal(f->blocks[b].nsuccs, 2);
        if (n < max) out[n] = b;
        n++;
    }
    free(seen);
    return n;
}

/* The only reachable branch with this `what`. */
static uint32_t the_branch(const ir_function *f, const char *what) {
    uint32_t b[4];
    uint32_t n = branches(f, what, b, 4);
    if (n != 1) fail_msg("expected one '%s' branch, found %u", what, n);
    return b[0];
}

static uint32_t count_terms(const ir_function *f, ir_term_kind kind) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t n = 0;
    for (uint32_t b = 0; b < f->nblocks; b++)
        n += seen[b] && f->blocks[b].term.kind == kind;
    free(seen);
    return n;
}

static uint32_t var_named(const ir_function *f, const char *name) {
    for (uint32_t i = 0; i < f->nvars; i++)
        if (strcmp(f->vars[i].name, name) == 0) return i;
    fail_msg("no variable %s", name);
    return NONE;
}

static bool is_var_place(const ir_place *p, uint32_t var) {
    return p->root == ROOT_VAR && p->index == var && !p->npath;
}
static bool is_var_operand(const ir_operand *o, uint32_t var) {
    return o->kind == OPND_PLACE && is_var_place(&o->place, var);
}
static bool is_int_operand(const ir_operand *o, int64_t v) {
    return o->kind == OPND_INT && o->value == v;
}

/* Position of the first assignment to var in block b, or -1. */
static int assign_pos(const ir_function *f, uint32_t b, uint32_t var) {
    for (uint32_t i = 0; i < f->blocks[b].nevents; i++) {
        const ir_event *ev = &f->blocks[b].events[i];
        if (ev->kind == EV_ASSIGN && is_var_place(&ev->u.assign.dst, var)) return (int)i;
    }
    return -1;
}

/* The reachable block assigning var (it must be unique). */
static uint32_t assign_block(const ir_function *f, uint32_t var) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t found = NONE;
    for (uint32_t b = 0; b < f->nblocks; b++)
        if (seen[b] && assign_pos(f, b, var) >= 0) {
            if (found != NONE) fail_msg("variable %u assigned in blocks %u and %u", var, found, b);
            found = b;
        }
    free(seen);
    if (found == NONE) fail_msg("variable %u never assigned", var);
    return found;
}

/* Follows TERM_GOTO chains of empty blocks; returns the first block that does something. */
static uint32_t skip_gotos(const ir_function *f, uint32_t b) {
    for (uint32_t guard = 0; guard < f->nblocks; guard++) {
        const ir_block *blk = &f->blocks[b];
        if (blk->nevents || blk->term.kind != TERM_GOTO || blk->nsuccs != 1) return b;
        b = blk->succs[0];
    }
    return b;
}

static uint32_t succ(const ir_function *f, uint32_t b, uint32_t i) {
    assert_true(i < f->blocks[b].nsuccs);
    return f->blocks[b].succs[i];
}

/* Number of reachable predecessors of block b. */
static uint32_t preds(const ir_function *f, uint32_t b) {
    bool *seen = reach_set(f, 0, NULL);
    uint32_t n = 0;
    for (uint32_t p = 0; p < f->nblocks; p++) {
        if (!seen[p]) continue;
        for (uint32_t i = 0; i < f->blocks[p].nsuccs; i++)
            n += f->blocks[p].succs[i] == b;
    }
    free(seen);
    return n;
}

#define AVOID(...) ((const uint32_t[]){__VA_ARGS__, NONE})

/* --- the front end itself --------------------------------------------------------------------------------------- */

static void test_unsaved_file_and_locations(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int ret(int a) {\n"
                                           "    if (a > 2)\n"
                                           "        f(1);\n"
                                           "    return a;\n"
                                           "}\n");
    assert_int_equal(g_fe.status, TU_OK);
    assert_int_equal(g_fe.diags.count, 0);
    assert_string_equal(m->main_file, g_path);
    assert_int_equal(m->nfunctions, 1);
    const ir_function *f = fn(m, "ret");
    assert_non_null(f->loc.file);
    assert_string_equal(f->loc.file, g_path);
    assert_int_equal(f->loc.line, 2);
    assert_int_equal(f->loc.col, 5);
    assert_int_equal(f->nparams, 1);
    assert_string_equal(f->vars[0].name, "a");
    assert_int_equal(f->vars[0].kind, VAR_PARAM);
    assert_true(f->vars[0].is_integer);
    assert_string_equal(f->return_type, "int");

    uint32_t br = the_branch(f, "if");
    assert_int_equal(f->blocks[br].term.loc.line, 3);
    assert_int_equal(f->blocks[br].term.cond.cmp, CMP_GT);
    assert_true(is_var_operand(&f->blocks[br].term.cond.lhs, 0));
    assert_true(is_int_operand(&f->blocks[br].term.cond.rhs, 2));

    uint32_t call = fcall(f, 1);
    const ir_event *ev = &f->blocks[call].events[call_pos(f, call, "f")];
    assert_int_equal(ev->loc.line, 4);
    assert_int_equal(ev->loc.col, 9);
    assert_string_equal(ev->loc.file, g_path);

    /* One reachable return: `return a;` on line 5, column 5; falling off the end is not reachable. */
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
    bool *seen = reach_set(f, 0, NULL);
    for (uint32_t b = 0; b < f->nblocks; b++) {
        const ir_term *t = &f->blocks[b].term;
        if (!seen[b] || t->kind != TERM_RETURN) continue;
        assert_int_equal(t->loc.line, 5);
        assert_int_equal(t->loc.col, 5);
        assert_true(t->has_ret);
    }
    free(seen);
}

static void test_fall_off_end_returns_at_closing_brace(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void v(void) {\n"
                                           "    f(1);\n"
                                           "}\n");
    const ir_function *f = fn(m, "v");
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
    uint32_t b = fcall(f, 1);
    const ir_term *t = &f->blocks[b].term;
    assert_int_equal(t->kind, TERM_RETURN);
    assert_false(t->has_ret);
    assert_int_equal(t->loc.line, 4);
}

/* --- if ------------------------------------------------------------------------------------------------------------
 */

static void test_if_else(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int a) { if (a) f(1); else f(2); f(3); }");
    const ir_function *f = fn(m, "t");
    uint32_t br = the_branch(f, "if");
    assert_int_equal(branches(f, NULL, NULL, 0), 1);
    const ir_term *t = &f->blocks[br].term;
    assert_true(is_var_operand(&t->cond.lhs, 0));
    assert_int_equal(t->cond.cmp, CMP_NE);
    assert_true(is_int_operand(&t->cond.rhs, 0));
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2), b3 = fcall(f, 3);
    /* then-edge reaches f(1), never f(2); else-edge the other way round; both join before f(3). */
    assert_true(reaches(f, succ(f, br, 0), b1));
    assert_false(reaches(f, succ(f, br, 0), b2));
    assert_true(reaches(f, succ(f, br, 1), b2));
    assert_false(reaches(f, succ(f, br, 1), b1));
    assert_true(reaches(f, b1, b3));
    assert_true(reaches(f, b2, b3));
    assert_false(reaches(f, b1, b2));
    assert_false(reaches(f, b2, b1));
    assert_true(b3 != b1 && b3 != b2);
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
}

static void test_if_without_else(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int a) { if (a) f(1); f(3); }");
    const ir_function *f = fn(m, "t");
    uint32_t br = the_branch(f, "if");
    uint32_t b1 = fcall(f, 1), b3 = fcall(f, 3);
    assert_true(reaches(f, succ(f, br, 0), b1));
    assert_false(reaches(f, succ(f, br, 1), b1));
    /* The false edge goes straight on to f(3). */
    assert_true(reaches_avoiding(f, br, b3, AVOID(b1)));
    assert_true(reaches(f, b1, b3));
}

/* --- loops ---------------------------------------------------------------------------------------------------------
 */

static void test_while_loop(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int a) { while (a > 3) { f(1); a--; } f(2); }");
    const ir_function *f = fn(m, "t");
    uint32_t head = the_branch(f, "while");
    const ir_term *t = &f->blocks[head].term;
    assert_int_equal(t->cond.cmp, CMP_GT);
    assert_true(is_var_operand(&t->cond.lhs, 0));
    assert_true(is_int_operand(&t->cond.rhs, 3));
    uint32_t body = fcall(f, 1), after = fcall(f, 2);
    assert_true(reaches(f, succ(f, head, 0), body));
    /* The test comes first: the body is not reachable from the entry without passing the head. */
    assert_false(reaches_avoiding(f, 0, body, AVOID(head)));
    /* Back edge: the body returns to the head, and only through the head to the code after the loop. */
    assert_true(reaches(f, body, head));
    assert_false(reaches_avoiding(f, body, after, AVOID(head)));
    /* Exit edge: the false edge reaches f(2) without the body. */
    assert_true(reaches_avoiding(f, head, after, AVOID(body)));
    assert_false(reaches(f, succ(f, head, 1), body));
    /* a-- is in the body: the decrement assigns a there. */
    assert_true(assign_pos(f, body, 0) > call_pos(f, body, "f"));
}

static void test_do_while_runs_body_first(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(void) { do { f(1); } while (c()); f(2); }");
    const ir_function *f = fn(m, "t");
    uint32_t test = the_branch(f, "do-while");
    uint32_t body = fcall(f, 1), after = fcall(f, 2);
    /* The body is reached from the entry without the test; the code after only through it. */
    assert_true(reaches_avoiding(f, 0, body, AVOID(test)));
    assert_false(reaches_avoiding(f, 0, after, AVOID(test)));
    /* The condition's call is evaluated in the test block, after the body. */
    assert_true(call_pos(f, test, "c") >= 0);
    assert_true(reaches(f, body, test));
    assert_true(reaches(f, succ(f, test, 0), body));
    assert_true(reaches(f, succ(f, test, 1), after));
    assert_false(reaches(f, succ(f, test, 1), body));
}

static void test_for_all_parts(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int n) { int i; for (i = 0; i < n; i++) f(7); f(100); }");
    const ir_function *f = fn(m, "t");
    uint32_t i = var_named(f, "i");
    uint32_t head = the_branch(f, "for");
    const ir_term *t = &f->blocks[head].term;
    assert_true(is_var_operand(&t->cond.lhs, i));
    assert_int_equal(t->cond.cmp, CMP_LT);
    assert_true(is_var_operand(&t->cond.rhs, 0));
    uint32_t body = fcall(f, 7), after = fcall(f, 100);
    /* init before the head: i = 0 on the way from the entry */
    int init = assign_pos(f, 0, i);
    assert_true(init >= 0);
    assert_true(is_int_operand(&f->blocks[0].events[init].u.assign.src, 0));
    assert_false(reaches_avoiding(f, 0, body, AVOID(head)));
    /* the increment runs after the body and before the next test: a block after the body assigns i = i + 1 */
    bool *seen = reach_set(f, body, AVOID(head));
    uint32_t inc = NONE;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!seen[b] || b == 0) continue;
        int p = assign_pos(f, b, i);
        if (p < 0) continue;
        const ir_operand *src = &f->blocks[b].events[p].u.assign.src;
        if (src->kind == OPND_ARITH && src->op == ARITH_ADD) inc = b;
    }
    free(seen);
    assert_int_not_equal(inc, NONE);
    assert_true(reaches(f, inc, head));
    assert_true(reaches_avoiding(f, head, after, AVOID(body)));
    assert_false(reaches_avoiding(f, body, after, AVOID(head)));
}

static void test_for_missing_condition_and_init(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void nocond(int n) { int i; for (i = 0; ; i++) { if (i > n) break; f(1); } "
                                           "f(2); }\n"
                                           "void noinit(int n) { int i = 0; for (; i < n;) { f(1); i++; } f(2); }\n"
                                           "void forever(void) { for (;;) { if (c()) break; f(1); } f(2); }\n"
                                           "void spin(void) { for (;;) f(1); }\n");
    /* No condition: no 'for' branch; the only way out is the break. */
    const ir_function *f = fn(m, "nocond");
    uint32_t dummy[1];
    assert_int_equal(branches(f, "for", dummy, 1), 0);
    uint32_t brk = the_branch(f, "if");
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    assert_false(reaches_avoiding(f, 0, b2, AVOID(brk)));
    assert_true(edge_reaches(f, brk, 0, b2, AVOID(b1)));
    assert_true(reaches(f, b1, brk)); /* back edge */

    /* No init, no increment: just the test. */
    f = fn(m, "noinit");
    uint32_t head = the_branch(f, "for");
    assert_int_equal(f->blocks[head].term.cond.cmp, CMP_LT);
    assert_true(is_var_operand(&f->blocks[head].term.cond.lhs, var_named(f, "i")));
    b1 = fcall(f, 1);
    b2 = fcall(f, 2);
    assert_true(reaches(f, succ(f, head, 0), b1));
    assert_true(reaches_avoiding(f, head, b2, AVOID(b1)));
    assert_true(reaches(f, b1, head));

    /* for (;;) with break */
    f = fn(m, "forever");
    assert_int_equal(branches(f, "for", dummy, 1), 0);
    brk = the_branch(f, "if");
    b1 = fcall(f, 1);
    b2 = fcall(f, 2);
    assert_true(reaches(f, succ(f, brk, 0), b2));
    assert_false(reaches(f, succ(f, brk, 0), b1));
    assert_true(reaches(f, succ(f, brk, 1), b1));
    assert_true(reaches(f, b1, brk));
    assert_false(reaches_avoiding(f, 0, b2, AVOID(brk)));
    assert_int_equal(count_terms(f, TERM_RETURN), 1);

    /* for (;;) without break never returns */
    f = fn(m, "spin");
    assert_int_equal(count_terms(f, TERM_RETURN), 0);
    b1 = fcall(f, 1);
    assert_true(reaches(f, b1, b1));
}

static void test_for_header_from_macro(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "#define FOR_EACH(i, n) for ((i) = 0; (i) < (n); (i)++)\n"
                                           "void t(int n) { int i; FOR_EACH(i, n) f(1); f(2); }\n");
    const ir_function *f = fn(m, "t");
    uint32_t i = var_named(f, "i");
    uint32_t head = the_branch(f, "for");
    assert_true(is_var_operand(&f->blocks[head].term.cond.lhs, i));
    assert_int_equal(f->blocks[head].term.cond.cmp, CMP_LT);
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    assert_true(assign_pos(f, 0, i) >= 0); /* (i) = 0 before the loop */
    assert_true(reaches(f, succ(f, head, 0), b1));
    assert_true(reaches_avoiding(f, head, b2, AVOID(b1)));
    assert_true(reaches(f, b1, head));
    assert_false(reaches_avoiding(f, b1, b2, AVOID(head)));
}

/* Front-end bug: a macro-generated for header with an empty part. The loop condition is lowered as the increment (a
 * boolean value computed after the body), so the loop has no exit edge and the code after it is unreachable; with a
 * declaration as init, the declaration is dropped altogether and `k` becomes a module global. */
static void test_for_header_from_macro_missing_parts(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "#define UNTIL(i, n) for (; (i) < (n);)\n"
                                           "#define COUNT(n) for (int k = 0; k < (n);)\n"
                                           "void until(int n) { int i = 0; UNTIL(i, n) { f(1); i++; } f(2); }\n"
                                           "void count(int n) { COUNT(n) { f(1); } f(2); }\n");
    const ir_function *f = fn(m, "until");
    uint32_t head = the_branch(f, "for");
    assert_int_equal(f->blocks[head].term.cond.cmp, CMP_LT);
    uint32_t b1 = fcall(f, 1);
    assert_false(reaches_avoiding(f, 0, b1, AVOID(head)));
    assert_true(reaches_avoiding(f, head, fcall(f, 2), AVOID(b1)));

    f = fn(m, "count");
    uint32_t k = var_named(f, "k");
    assert_int_equal(f->vars[k].kind, VAR_LOCAL);
    head = the_branch(f, "for");
    assert_true(is_var_operand(&f->blocks[head].term.cond.lhs, k));
    assert_true(reaches_avoiding(f, head, fcall(f, 2), AVOID(fcall(f, 1))));
}

/* --- switch --------------------------------------------------------------------------------------------------------
 */

static void test_switch_fallthrough_without_default(void **state) {
    (void)state;
    const ir_module *m =
        lower_src(PRELUDE "void t(int x) { switch (x) { case 1: f(1); case 2: f(2); break; case 3: f(3); } f(9); }");
    const ir_function *f = fn(m, "t");
    uint32_t cases[4];
    assert_int_equal(branches(f, "case", cases, 4), 3);
    assert_int_equal(branches(f, NULL, NULL, 0), 3);
    /* One equality test per case on x, in source order along the false edges. */
    uint32_t test[3];
    test[0] = 0;
    for (int k = 0; k < 3; k++) {
        if (k) test[k] = skip_gotos(f, succ(f, test[k - 1], 1));
        const ir_term *t = &f->blocks[test[k]].term;
        assert_int_equal(t->kind, TERM_BRANCH);
        assert_string_equal(t->what, "case");
        assert_true(is_var_operand(&t->cond.lhs, 0));
        assert_int_equal(t->cond.cmp, CMP_EQ);
        assert_true(is_int_operand(&t->cond.rhs, k + 1));
    }
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2), b3 = fcall(f, 3), b9 = fcall(f, 9);
    assert_int_equal(skip_gotos(f, succ(f, test[0], 0)), b1);
    assert_int_equal(skip_gotos(f, succ(f, test[1], 0)), b2);
    assert_int_equal(skip_gotos(f, succ(f, test[2], 0)), b3);
    /* case 1 falls into case 2's block, which breaks past case 3 */
    assert_true(reaches_avoiding(f, b1, b2, AVOID(test[0], test[1], test[2])));
    assert_false(reaches(f, b1, b3));
    assert_false(reaches(f, b2, b3));
    assert_true(reaches(f, b2, b9));
    assert_true(reaches(f, b3, b9));
    /* No default: the dispatch's last false edge goes to the code after the switch. */
    assert_true(edge_reaches(f, test[2], 1, b9, AVOID(b1, b2, b3)));
    assert_int_equal(skip_gotos(f, succ(f, test[2], 1)), b9);
}

static void test_switch_with_default(void **state) {
    (void)state;
    const ir_module *m = lower_src(
        PRELUDE "void t(int x) { switch (x) { case 1: f(1); break; default: f(0); case 2: f(2); break; } f(9); }");
    const ir_function *f = fn(m, "t");
    uint32_t cases[4];
    assert_int_equal(branches(f, "case", cases, 4), 2);
    uint32_t b0 = fcall(f, 0), b1 = fcall(f, 1), b2 = fcall(f, 2), b9 = fcall(f, 9);
    /* Every way to the end goes through one of the case bodies. */
    assert_false(reaches_avoiding(f, 0, b9, AVOID(b0, b1, b2)));
    /* The default is where the last failed test goes, and it falls into case 2. */
    uint32_t last = skip_gotos(f, succ(f, 0, 1));
    assert_int_equal(f->blocks[last].term.kind, TERM_BRANCH);
    assert_true(is_int_operand(&f->blocks[last].term.cond.rhs, 2));
    assert_int_equal(skip_gotos(f, succ(f, last, 1)), b0);
    assert_true(reaches(f, b0, b2));
    assert_false(reaches(f, b1, b0));
    assert_false(reaches(f, b1, b2));
}

static void test_switch_gnu_case_range(void **state) {
    (void)state;
    const ir_module *m =
        lower_src(PRELUDE "void t(int x) { switch (x) { case 1 ... 5: f(1); break; case 6: f(2); } f(9); }");
    const ir_function *f = fn(m, "t");
    uint32_t cases[4];
    assert_int_equal(branches(f, "case", cases, 4), 3);
    /* x >= 1, then x <= 5 on its true edge, leading to f(1); both false edges lead to the test of case 6. */
    const ir_term *lo = &f->blocks[0].term;
    assert_int_equal(lo->kind, TERM_BRANCH);
    assert_int_equal(lo->cond.cmp, CMP_GE);
    assert_true(is_int_operand(&lo->cond.rhs, 1));
    uint32_t hib = skip_gotos(f, succ(f, 0, 0));
    const ir_term *hi = &f->blocks[hib].term;
    assert_int_equal(hi->kind, TERM_BRANCH);
    assert_string_equal(hi->what, "case");
    assert_int_equal(hi->cond.cmp, CMP_LE);
    assert_true(is_int_operand(&hi->cond.rhs, 5));
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    assert_int_equal(skip_gotos(f, succ(f, hib, 0)), b1);
    uint32_t six = skip_gotos(f, succ(f, 0, 1));
    assert_int_equal(skip_gotos(f, succ(f, hib, 1)), six);
    assert_true(is_int_operand(&f->blocks[six].term.cond.rhs, 6));
    assert_int_equal(skip_gotos(f, succ(f, six, 0)), b2);
}

static void test_switch_in_loop_continue(void **state) {
    (void)state;
    const ir_module *m = lower_src(
        PRELUDE "void t(int x) { for (int i = 0; i < x; i++) { switch (i) { case 1: continue; case 2: f(2); break; } "
                "f(9); } f(100); }\n"
                "void w(int x) { while (c()) { switch (x) { case 1: continue; default: break; } f(9); } f(100); }\n");
    const ir_function *f = fn(m, "t");
    uint32_t head = the_branch(f, "for");
    uint32_t cases[4];
    assert_int_equal(branches(f, "case", cases, 4), 2);
    uint32_t c1 = succ(f, cases[0], 0), b2 = fcall(f, 2), b9 = fcall(f, 9);
    assert_true(is_int_operand(&f->blocks[cases[0]].term.cond.rhs, 1));
    /* continue: back to the loop (through the increment) without the code after the switch */
    assert_true(reaches_avoiding(f, c1, head, AVOID(b9)));
    assert_false(reaches_avoiding(f, c1, b9, AVOID(head)));
    /* break leaves only the switch */
    assert_true(reaches_avoiding(f, b2, b9, AVOID(head)));
    /* the continue path also runs the increment: an assignment to i on the way back */
    uint32_t i = var_named(f, "i");
    bool *seen = reach_set(f, c1, AVOID(head, b9));
    bool inc = false;
    for (uint32_t b = 0; b < f->nblocks; b++)
        inc |= seen[b] && assign_pos(f, b, i) >= 0;
    free(seen);
    assert_true(inc);

    f = fn(m, "w");
    head = the_branch(f, "while");
    assert_int_equal(branches(f, "case", cases, 4), 1);
    c1 = succ(f, cases[0], 0);
    b9 = fcall(f, 9);
    assert_true(reaches_avoiding(f, c1, head, AVOID(b9)));
    assert_false(reaches_avoiding(f, c1, b9, AVOID(head)));
    assert_true(edge_reaches(f, cases[0], 1, b9, AVOID(head)));
}

/* --- break/continue, goto ---------------------------------------------------------------------------------------- */

static void test_nested_loops_break_continue(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int n) { for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) "
                                           "{ if (j == 3) break; if (j == 2) continue; f(5); } f(100); } f(200); }\n"
                                           "void d(int a) { do { if (c()) continue; f(1); } while (a--); f(2); }\n");
    const ir_function *f = fn(m, "t");
    uint32_t fors[2];
    assert_int_equal(branches(f, "for", fors, 2), 2);
    uint32_t outer = fors[0], inner = fors[1];
    uint32_t j = var_named(f, "j");
    assert_true(is_var_operand(&f->blocks[inner].term.cond.lhs, j));
    assert_true(is_var_operand(&f->blocks[outer].term.cond.lhs, var_named(f, "i")));
    uint32_t ifs[2];
    assert_int_equal(branches(f, "if", ifs, 2), 2);
    uint32_t brk = f->blocks[ifs[0]].term.cond.rhs.value == 3 ? ifs[0] : ifs[1];
    uint32_t cont = brk == ifs[0] ? ifs[1] : ifs[0];
    assert_true(is_int_operand(&f->blocks[cont].term.cond.rhs, 2));
    uint32_t b5 = fcall(f, 5), b100 = fcall(f, 100), b200 = fcall(f, 200);
    /* break: out of the inner loop only — f(100) next, without another inner test */
    assert_true(edge_reaches(f, brk, 0, b100, AVOID(inner, b5)));
    assert_false(edge_reaches(f, brk, 0, b200, AVOID(outer)));
    /* continue: to the inner loop's increment and test, skipping f(5) and f(100) */
    assert_true(edge_reaches(f, cont, 0, inner, AVOID(b5, b100, outer)));
    assert_false(edge_reaches(f, cont, 0, b100, AVOID(inner)));
    assert_false(edge_reaches(f, cont, 0, b5, AVOID(inner)));

    f = fn(m, "d");
    uint32_t test = the_branch(f, "do-while");
    uint32_t c = the_branch(f, "if");
    uint32_t b1 = fcall(f, 1);
    /* continue in a do-while goes to its test */
    assert_true(edge_reaches(f, c, 0, test, AVOID(b1)));
    assert_false(edge_reaches(f, c, 0, b1, AVOID(test)));
    assert_false(edge_reaches(f, c, 0, fcall(f, 2), AVOID(test)));
}

static void test_goto_forward_backward_labels(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void fwd(int a) { if (a) goto out; f(1); out: f(2); }\n"
                                           "void back(void) { again: f(1); if (c()) goto again; f(2); }\n");
    const ir_function *f = fn(m, "fwd");
    uint32_t br = the_branch(f, "if");
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    assert_true(edge_reaches(f, br, 0, b2, AVOID(b1)));
    assert_false(reaches(f, succ(f, br, 0), b1));
    /* the label joins the fallthrough and the goto */
    assert_true(preds(f, b2) >= 2);
    assert_false(reaches(f, b2, b1));

    f = fn(m, "back");
    br = the_branch(f, "if");
    b1 = fcall(f, 1);
    b2 = fcall(f, 2);
    /* backward goto: a cycle through the label */
    assert_true(reaches(f, succ(f, br, 0), b1));
    assert_true(reaches_avoiding(f, b1, b1, NULL));
    assert_true(reaches(f, succ(f, br, 1), b2));
    assert_false(reaches(f, succ(f, br, 1), b1));
    assert_true(preds(f, b1) >= 2);
}

static void test_computed_goto(void **state) {
    (void)state;
    const ir_module *m =
        lower_src(PRELUDE "void t(int a) { static void *tab[] = {&&l1, &&l2}; goto *tab[a]; l1: f(1); l2: f(2); }");
    const ir_function *f = fn(m, "t");
    assert_int_equal(count_terms(f, TERM_MULTI), 1);
    uint32_t multi = NONE;
    for (uint32_t b = 0; b < f->nblocks; b++)
        if (f->blocks[b].term.kind == TERM_MULTI) multi = b;
    assert_int_not_equal(multi, NONE);
    assert_int_equal(f->blocks[multi].nsuccs, 2);
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    bool to1 = false, to2 = false;
    for (uint32_t i = 0; i < 2; i++) {
        to1 |= skip_gotos(f, succ(f, multi, i)) == b1;
        to2 |= skip_gotos(f, succ(f, multi, i)) == b2;
    }
    assert_true(to1);
    assert_true(to2);
}

/* --- returns and scopes ---------------------------------------------------------------------------------------------
 */

static void test_return_in_nested_blocks(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int t(int a) {\n"
                                           "    int x = 1;\n"
                                           "    {\n"
                                           "        int y = 2;\n"
                                           "        if (a)\n"
                                           "            return x;\n"
                                           "    }\n"
                                           "    return 0;\n"
                                           "}\n");
    const ir_function *f = fn(m, "t");
    uint32_t x = var_named(f, "x"), y = var_named(f, "y");
    assert_int_equal(count_terms(f, TERM_RETURN), 2);
    uint32_t br = the_branch(f, "if");
    uint32_t early = skip_gotos(f, succ(f, br, 0));
    const ir_block *eb = &f->blocks[early];
    assert_int_equal(eb->term.kind, TERM_RETURN);
    assert_int_equal(eb->term.loc.line, 7);
    assert_true(eb->term.has_ret);
    /* The scopes end innermost first, right before the return: y's, then x's. */
    assert_true(eb->nevents >= 2);
    const ir_event *e1 = &eb->events[eb->nevents - 2], *e2 = &eb->events[eb->nevents - 1];
    assert_int_equal(e1->kind, EV_SCOPE_END);
    assert_int_equal(e1->u.scope_end.nvars, 1);
    assert_int_equal(e1->u.scope_end.vars[0], y);
    assert_int_equal(e2->kind, EV_SCOPE_END);
    assert_int_equal(e2->u.scope_end.nvars, 1);
    assert_int_equal(e2->u.scope_end.vars[0], x);
    /* The returned value was saved before the scopes ended. */
    assert_int_equal(eb->term.ret.kind, OPND_PLACE);
    assert_int_equal(eb->term.ret.place.root, ROOT_VAR);
    uint32_t saved = eb->term.ret.place.index;
    assert_int_equal(f->vars[saved].kind, VAR_TEMP);
    int p = assign_pos(f, early, saved);
    assert_true(p >= 0 && p < (int)eb->nevents - 2);
    assert_true(is_var_operand(&eb->events[p].u.assign.src, x));

    /* The late return: y's scope ended at the inner '}', x's right before `return 0` on line 9. */
    uint32_t late = skip_gotos(f, succ(f, br, 1));
    bool *seen = reach_set(f, late, NULL);
    uint32_t ret = NONE;
    for (uint32_t b = 0; b < f->nblocks; b++)
        if (seen[b] && f->blocks[b].term.kind == TERM_RETURN) ret = b;
    free(seen);
    assert_int_not_equal(ret, NONE);
    const ir_block *lb = &f->blocks[ret];
    assert_int_equal(lb->term.loc.line, 9);
    assert_true(is_int_operand(&lb->term.ret, 0));
    assert_int_equal(lb->events[lb->nevents - 1].kind, EV_SCOPE_END);
    assert_int_equal(lb->events[lb->nevents - 1].u.scope_end.vars[0], x);
}

/* --- expressions with control flow ----------------------------------------------------------------------------------
 */

static void test_short_circuit(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void and(int a) { if (a && c()) f(1); f(3); }\n"
                                           "void or(int a) { if (a || c()) f(1); f(3); }\n"
                                           "int val(int a) { int v = a && c(); return v; }\n");
    const ir_function *f = fn(m, "and");
    uint32_t l = the_branch(f, "&&");
    uint32_t r = the_branch(f, "if"); /* the right operand's test carries the statement's kind */
    assert_true(is_var_operand(&f->blocks[l].term.cond.lhs, 0));
    uint32_t cb = call_block(f, "c"), b1 = fcall(f, 1), b3 = fcall(f, 3);
    assert_int_equal(cb, r);
    assert_true(reaches(f, succ(f, l, 0), cb));
    assert_false(reaches(f, succ(f, l, 1), cb));
    assert_true(edge_reaches(f, l, 1, b3, AVOID(b1)));
    assert_true(reaches(f, succ(f, r, 0), b1));
    assert_false(reaches(f, succ(f, r, 1), b1));
    /* the right test is on c()'s result */
    int cp = call_pos(f, cb, "c");
    int32_t res = f->blocks[cb].events[cp].u.call.result_var;
    assert_true(res >= 0);
    assert_true(is_var_operand(&f->blocks[r].term.cond.lhs, (uint32_t)res));

    f = fn(m, "or");
    l = the_branch(f, "||");
    cb = call_block(f, "c");
    b1 = fcall(f, 1);
    assert_false(reaches(f, succ(f, l, 0), cb));
    assert_true(reaches(f, succ(f, l, 0), b1));
    assert_true(reaches(f, succ(f, l, 1), cb));

    f = fn(m, "val");
    l = the_branch(f, "&&");
    cb = call_block(f, "c");
    assert_true(reaches(f, succ(f, l, 0), cb));
    assert_false(reaches(f, succ(f, l, 1), cb));
}

static void test_conditional_operator(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int t(int a) { int r = a ? c() : 7; return r; }");
    const ir_function *f = fn(m, "t");
    uint32_t br = the_branch(f, "?:");
    uint32_t r = var_named(f, "r");
    uint32_t bt = succ(f, br, 0), bf = succ(f, br, 1);
    /* Both arms assign the same result temporary: c()'s result on one side, 7 on the other. */
    int cp = call_pos(f, bt, "c");
    assert_true(cp >= 0);
    int32_t cres = f->blocks[bt].events[cp].u.call.result_var;
    uint32_t tmp = NONE;
    for (uint32_t i = (uint32_t)cp + 1; i < f->blocks[bt].nevents; i++) {
        const ir_event *ev = &f->blocks[bt].events[i];
        if (ev->kind == EV_ASSIGN && is_var_operand(&ev->u.assign.src, (uint32_t)cres)) tmp = ev->u.assign.dst.index;
    }
    assert_int_not_equal(tmp, NONE);
    assert_int_equal(f->vars[tmp].kind, VAR_TEMP);
    int pf = assign_pos(f, bf, tmp);
    assert_true(pf >= 0);
    assert_true(is_int_operand(&f->blocks[bf].events[pf].u.assign.src, 7));
    assert_int_equal(call_pos(f, bf, "c"), -1);
    /* The arms join where r takes the temporary. */
    uint32_t join = assign_block(f, r);
    assert_true(reaches(f, bt, join));
    assert_true(reaches(f, bf, join));
    const ir_event *ev = &f->blocks[join].events[assign_pos(f, join, r)];
    assert_true(is_var_operand(&ev->u.assign.src, tmp));
}

static void test_comma_operator(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int t(int a) { int r = (f(1), a); return r; }");
    const ir_function *f = fn(m, "t");
    uint32_t r = var_named(f, "r");
    uint32_t b = fcall(f, 1);
    int cp = call_pos(f, b, "f"), ap = assign_pos(f, b, r);
    assert_true(cp >= 0 && ap > cp);
    assert_true(is_var_operand(&f->blocks[b].events[ap].u.assign.src, 0));
    assert_int_equal(branches(f, NULL, NULL, 0), 0);
}

static void test_statement_expression(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int t(int a) { int r = ({ int u = a; f(u); u + 1; }); return r; }");
    const ir_function *f = fn(m, "t");
    uint32_t r = var_named(f, "r"), u = var_named(f, "u");
    uint32_t b = call_block(f, "f");
    int cp = call_pos(f, b, "f");
    const ir_call *call = &f->blocks[b].events[cp].u.call;
    assert_int_equal(call->nargs, 1);
    assert_true(is_var_operand(&call->args[0], u));
    int rp = assign_pos(f, b, r);
    assert_true(rp > cp);
    /* r gets the value of the last expression, u + 1 (directly or through a temporary) */
    const ir_operand *src = &f->blocks[b].events[rp].u.assign.src;
    if (src->kind == OPND_PLACE) {
        uint32_t tmp = src->place.index;
        int tp = assign_pos(f, b, tmp);
        assert_true(tp >= 0 && tp < rp);
        src = &f->blocks[b].events[tp].u.assign.src;
    }
    assert_int_equal(src->kind, OPND_ARITH);
    assert_int_equal(src->op, ARITH_ADD);
    assert_true(is_var_operand(src->lhs, u));
    assert_true(is_int_operand(src->rhs, 1));
    /* u's scope (the statement expression's block) ended before r was assigned */
    bool ended = false;
    for (int i = cp; i < rp; i++)
        if (f->blocks[b].events[i].kind == EV_SCOPE_END && f->blocks[b].events[i].u.scope_end.vars[0] == u)
            ended = true;
    assert_true(ended);
}

/* --- noreturn -------------------------------------------------------------------------------------------------------
 */

static void check_noreturn_call(const ir_function *f, const char *callee) {
    uint32_t br = the_branch(f, "if");
    uint32_t dead = skip_gotos(f, succ(f, br, 0));
    const ir_block *b = &f->blocks[dead];
    assert_int_equal(b->term.kind, TERM_UNREACHABLE);
    assert_int_equal(b->nsuccs, 0);
    if (callee) {
        assert_true(b->nevents >= 1);
        const ir_event *last = &b->events[b->nevents - 1];
        assert_true(is_call_to(last, callee));
        assert_true(last->u.call.noreturn);
        assert_int_equal(b->term.loc.line, last->loc.line);
    }
    uint32_t b1 = fcall(f, 1);
    assert_false(reaches(f, dead, b1));
    assert_true(reaches(f, succ(f, br, 1), b1));
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
}

static void test_noreturn_calls_end_the_path(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "#include <stdlib.h>\n"
                                           "__attribute__((noreturn)) void die(const char *);\n"
                                           "_Noreturn void die2(void);\n"
                                           "void ex(int a) { if (a) exit(1); f(1); }\n"
                                           "void ab(int a) { if (a) abort(); f(1); }\n"
                                           "void ue(int a) { if (a) _Exit(2); f(1); }\n"
                                           "void d1(int a) { if (a) die(\"x\"); f(1); }\n"
                                           "void d2(int a) { if (a) die2(); f(1); }\n"
                                           "void un(int a) { if (a) __builtin_unreachable(); f(1); }\n"
                                           "int val(int a) { int r = a ? (abort(), 0) : 3; return r; }\n");
    check_noreturn_call(fn(m, "ex"), "exit");
    check_noreturn_call(fn(m, "ab"), "abort");
    check_noreturn_call(fn(m, "ue"), "_Exit");
    check_noreturn_call(fn(m, "d1"), "die");
    check_noreturn_call(fn(m, "d2"), "die2");
    check_noreturn_call(fn(m, "un"), NULL);
    assert_false(any_reachable_call(fn(m, "un"), "__builtin_unreachable"));
    /* a noreturn call inside an expression: the arm never reaches the join */
    const ir_function *f = fn(m, "val");
    uint32_t br = the_branch(f, "?:");
    uint32_t r = var_named(f, "r");
    uint32_t join = assign_block(f, r);
    assert_false(reaches(f, succ(f, br, 0), join));
    assert_true(reaches(f, succ(f, br, 1), join));
}

/* --- cleanup attribute ---------------------------------------------------------------------------------------------
 */

/* The call freep(&p) right before p's scope end, in block b. */
static void check_cleanup_before_scope_end(const ir_function *f, uint32_t b, uint32_t p) {
    const ir_block *blk = &f->blocks[b];
    int cp = -1;
    for (uint32_t i = 0; i < blk->nevents; i++)
        if (is_call_to(&blk->events[i], "freep")) cp = (int)i;
    if (cp < 0) fail_msg("block %u has no cleanup call", b);
    const ir_call *call = &blk->events[cp].u.call;
    assert_int_equal(call->nargs, 1);
    assert_int_equal(call->args[0].kind, OPND_ADDR);
    assert_true(is_var_place(&call->args[0].place, p));
    assert_non_null(call->callee_usr); /* freep is declared in the TU: summaries can find it */
    assert_string_equal(call->callee_usr, "c:@F@freep");
    assert_true((uint32_t)cp + 1 < blk->nevents);
    const ir_event *se = &blk->events[cp + 1];
    assert_int_equal(se->kind, EV_SCOPE_END);
    bool has = false;
    for (uint32_t i = 0; i < se->u.scope_end.nvars; i++)
        has |= se->u.scope_end.vars[i] == p;
    assert_true(has);
}

static void test_cleanup_attribute(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "int t(int a) {\n"
                                           "    int *p __attribute__((cleanup(freep))) = 0;\n"
                                           "    if (a)\n"
                                           "        return 1;\n"
                                           "    f(1);\n"
                                           "    return 0;\n"
                                           "}\n"
                                           "void brk(void) {\n"
                                           "    for (;;) {\n"
                                           "        int *q __attribute__((cleanup(freep))) = 0;\n"
                                           "        if (c())\n"
                                           "            break;\n"
                                           "        f(2);\n"
                                           "    }\n"
                                           "    f(3);\n"
                                           "}\n");
    const ir_function *f = fn(m, "t");
    uint32_t p = var_named(f, "p");
    assert_non_null(f->vars[p].cleanup);
    assert_string_equal(f->vars[p].cleanup, "freep");
    assert_true(f->vars[p].address_taken);
    assert_int_equal(count_terms(f, TERM_RETURN), 2);
    bool *seen = reach_set(f, 0, NULL);
    unsigned lines = 0;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!seen[b] || f->blocks[b].term.kind != TERM_RETURN) continue;
        check_cleanup_before_scope_end(f, b, p);
        lines |= 1u << f->blocks[b].term.loc.line;
    }
    free(seen);
    assert_int_equal(lines, (1u << 5) | (1u << 7)); /* the early return and the normal one */
    /* f(1) only after the early return was not taken */
    uint32_t b1 = fcall(f, 1);
    assert_false(reaches_avoiding(f, 0, b1, AVOID(succ(f, the_branch(f, "if"), 1))));

    /* break out of the loop body and the end of each iteration both run the cleanup */
    f = fn(m, "brk");
    uint32_t q = var_named(f, "q");
    uint32_t br = the_branch(f, "if");
    uint32_t out = skip_gotos(f, succ(f, br, 0));
    check_cleanup_before_scope_end(f, out, q);
    assert_true(reaches(f, out, fcall(f, 3)));
    uint32_t b2 = fcall(f, 2);
    check_cleanup_before_scope_end(f, b2, q);
}

/* Front-end bug: `goto` out of a scope runs neither the cleanup function nor the scope end of the variables it leaves
 * (break and return do). */
static void test_cleanup_on_goto_out_of_scope(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "void t(int a) {\n"
                                           "    {\n"
                                           "        int *p __attribute__((cleanup(freep))) = 0;\n"
                                           "        if (a)\n"
                                           "            goto out;\n"
                                           "        f(1);\n"
                                           "    }\n"
                                           "out:\n"
                                           "    f(2);\n"
                                           "}\n");
    const ir_function *f = fn(m, "t");
    uint32_t p = var_named(f, "p");
    uint32_t br = the_branch(f, "if");
    uint32_t b1 = fcall(f, 1), b2 = fcall(f, 2);
    /* the normal exit of the block runs the cleanup */
    check_cleanup_before_scope_end(f, b1, p);
    /* the goto path must too: some block between the branch and f(2) calls freep(&p) */
    bool *seen = reach_set(f, succ(f, br, 0), AVOID(b1, b2));
    bool cleaned = false, ended = false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!seen[b]) continue;
        cleaned |= call_pos(f, b, "freep") >= 0;
        for (uint32_t i = 0; i < f->blocks[b].nevents; i++)
            ended |= f->blocks[b].events[i].kind == EV_SCOPE_END;
    }
    free(seen);
    assert_true(ended);
    assert_true(cleaned);
}

/* --- odds and ends ----------------------------------------------------------------------------------------------- */

static void test_builtin_expect_tests_inner_condition(void **state) {
    (void)state;
    const ir_module *m = lower_src(PRELUDE "#define unlikely(x) __builtin_expect(!!(x), 0)\n"
                                           "void t(int a) { if (__builtin_expect(a > 3, 0)) f(1); f(2); }\n"
                                           "void u(int *p) { if (unlikely(p == 0)) f(1); f(2); }\n");
    const ir_function *f = fn(m, "t");
    uint32_t br = the_branch(f, "if");
    const ir_term *t = &f->blocks[br].term;
    assert_true(is_var_operand(&t->cond.lhs, 0));
    assert_int_equal(t->cond.cmp, CMP_GT);
    assert_true(is_int_operand(&t->cond.rhs, 3));
    assert_true(reaches(f, succ(f, br, 0), fcall(f, 1)));
    assert_false(reaches(f, succ(f, br, 1), fcall(f, 1)));
    assert_false(any_reachable_call(f, "__builtin_expect"));
    assert_int_equal(branches(f, NULL, NULL, 0), 1);

    f = fn(m, "u");
    br = the_branch(f, "if");
    t = &f->blocks[br].term;
    assert_true(is_var_operand(&t->cond.lhs, 0));
    assert_int_equal(t->cond.cmp, CMP_EQ);
    assert_true(is_int_operand(&t->cond.rhs, 0));
    assert_true(reaches(f, succ(f, br, 0), fcall(f, 1)));
    assert_false(reaches(f, succ(f, br, 1), fcall(f, 1)));
    assert_int_equal(branches(f, NULL, NULL, 0), 1);
}

/* Conditions the compiler folds (curl's type-checking macros: `__builtin_types_compatible_p(__typeof__(v), long)`,
 * `__builtin_constant_p(option)`, sizeof tests) take only the branch the compiler keeps, and the operand inside
 * __typeof__ is not evaluated; a condition whose side effects a fold would drop is lowered as before. */
static void test_folded_builtin_conditions(void **state) {
    (void)state;
    const ir_module *m = lower_src(
        PRELUDE "long g(void); void err(void);\n"
                "#define is_long(x) __builtin_types_compatible_p(__typeof__(x), long)\n"
                "#define is_str(x) (__builtin_types_compatible_p(__typeof__(x), __typeof__((void *)0)) || \\\n"
                "                   __builtin_types_compatible_p(__typeof__(x), char *))\n"
                "void t(char *p) {\n"
                "  if (__builtin_constant_p(3)) { if (!is_long(g())) err(); } else f(9);\n"
                "  if (sizeof(long) == sizeof(char)) f(1);\n"
                "  if (!is_str(p)) f(2);\n"
                "  int k = is_str(p) + is_long(p);\n"
                "  f(k);\n"
                "}\n"
                "void u(void) { int y; if ((y = c()) && 0) f(1); f(2); }\n");
    const ir_function *f = fn(m, "t");
    assert_int_equal(branches(f, NULL, NULL, 0), 0);
    assert_false(any_reachable_call(f, "g"));
    assert_false(any_reachable_call(f, "err"));
    /* the only reachable marker call is f(k), k = 1 + 0: the operands of the builtins are not read as values */
    const ir_event *marker = NULL;
    bool *seen = reach_set(f, 0, NULL);
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t i = 0; seen[b] && i < f->blocks[b].nevents; i++)
            if (is_call_to(&f->blocks[b].events[i], "f")) {
                assert_null(marker);
                marker = &f->blocks[b].events[i];
            }
    free(seen);
    assert_non_null(marker);
    assert_int_equal(marker->u.call.nargs, 1);
    assert_int_equal(marker->u.call.args[0].kind, OPND_PLACE);

    f = fn(m, "u");
    assert_true(any_reachable_call(f, "c"));
    assert_true(reaches(f, 0, fcall(f, 2)));
}

static void test_knr_definition(void **state) {
    (void)state;
    const ir_module *m = lower_src_ex(PRELUDE "int kr(a, b)\n"
                                              "    int a;\n"
                                              "    char *b;\n"
                                              "{\n"
                                              "    if (b)\n"
                                              "        f(a);\n"
                                              "    return a;\n"
                                              "}\n",
                                      false);
    const ir_function *f = fn(m, "kr");
    assert_int_equal(f->nparams, 2);
    assert_string_equal(f->vars[0].name, "a");
    assert_string_equal(f->vars[1].name, "b");
    assert_int_equal(f->vars[1].kind, VAR_PARAM);
    assert_true(f->vars[0].is_integer);
    assert_true(f->vars[1].is_pointer);
    uint32_t br = the_branch(f, "if");
    assert_true(is_var_operand(&f->blocks[br].term.cond.lhs, 1));
    uint32_t cb = call_block(f, "f");
    assert_true(is_var_operand(&f->blocks[cb].events[call_pos(f, cb, "f")].u.call.args[0], 0));
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
}

/* A TU with thousands of errors (a header that includes itself behind a broken guard made 37,659 notes for three
 * small files) lists the first 20 errors and the first 20 functions they keep out, and counts the rest in one note;
 * every broken function is still left out of the analysis, listed or not. */
static void test_parse_notes_capped(void **state) {
    (void)state;
    enum { NFUNCS = 60 };
    char *src = malloc(NFUNCS * 64 + 64);
    assert_non_null(src);
    char *p = src + sprintf(src, "int ok(int a) { return a; }\n");
    for (int i = 0; i < NFUNCS; i++)
        p += sprintf(p, "int broken%d(int a) { return a + undeclared%d; }\n", i, i);
    const ir_module *m = lower_src_ex(src, true);
    free(src);
    assert_int_equal(g_fe.status, TU_PARSE_ERRORS);
    size_t errors = 0, functions = 0, summaries = 0;
    for (size_t i = 0; i < g_fe.diags.count; i++) {
        const tool_diag *d = &g_fe.diags.items[i];
        assert_string_equal(d->tag, "lifeline-parse-error");
        if (strstr(d->message, "not listed")) {
            summaries++;
            assert_non_null(strstr(d->message, "40 more parse errors and 40 more functions left out"));
        } else if (frontend_note_is_unparsed_function(d)) {
            functions++;
        } else {
            errors++;
        }
    }
    assert_int_equal(errors, 20);
    assert_int_equal(functions, 20);
    assert_int_equal(summaries, 1);
    assert_int_equal(m->nfunctions, 1); /* only ok() */
    assert_non_null(fn(m, "ok"));
}

static void test_syntax_error_elsewhere(void **state) {
    (void)state;
    const ir_module *m = lower_src_ex(PRELUDE "int good(int a) {\n"
                                              "    if (a)\n"
                                              "        f(1);\n"
                                              "    return a;\n"
                                              "}\n"
                                              "int bad(int a) {\n"
                                              "    return a +;\n"
                                              "}\n",
                                      true);
    assert_int_equal(g_fe.status, TU_PARSE_ERRORS);
    bool found = false;
    for (size_t i = 0; i < g_fe.diags.count; i++) {
        const tool_diag *d = &g_fe.diags.items[i];
        assert_string_equal(d->tag, "lifeline-parse-error");
        if (d->line == 8) {
            found = true;
            assert_non_null(d->file);
            assert_string_equal(d->file, g_path);
            assert_true(d->message && d->message[0]);
        }
    }
    assert_true(found);
    const ir_function *f = fn(m, "good");
    uint32_t br = the_branch(f, "if");
    assert_true(reaches(f, succ(f, br, 0), fcall(f, 1)));
    assert_int_equal(count_terms(f, TERM_RETURN), 1);
    assert_true(count_reachable(f) >= 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_unsaved_file_and_locations, free_result),
        cmocka_unit_test_teardown(test_fall_off_end_returns_at_closing_brace, free_result),
        cmocka_unit_test_teardown(test_if_else, free_result),
        cmocka_unit_test_teardown(test_if_without_else, free_result),
        cmocka_unit_test_teardown(test_while_loop, free_result),
        cmocka_unit_test_teardown(test_do_while_runs_body_first, free_result),
        cmocka_unit_test_teardown(test_for_all_parts, free_result),
        cmocka_unit_test_teardown(test_for_missing_condition_and_init, free_result),
        cmocka_unit_test_teardown(test_for_header_from_macro, free_result),
        cmocka_unit_test_teardown(test_for_header_from_macro_missing_parts, free_result),
        cmocka_unit_test_teardown(test_switch_fallthrough_without_default, free_result),
        cmocka_unit_test_teardown(test_switch_with_default, free_result),
        cmocka_unit_test_teardown(test_switch_gnu_case_range, free_result),
        cmocka_unit_test_teardown(test_switch_in_loop_continue, free_result),
        cmocka_unit_test_teardown(test_nested_loops_break_continue, free_result),
        cmocka_unit_test_teardown(test_goto_forward_backward_labels, free_result),
        cmocka_unit_test_teardown(test_computed_goto, free_result),
        cmocka_unit_test_teardown(test_return_in_nested_blocks, free_result),
        cmocka_unit_test_teardown(test_short_circuit, free_result),
        cmocka_unit_test_teardown(test_conditional_operator, free_result),
        cmocka_unit_test_teardown(test_comma_operator, free_result),
        cmocka_unit_test_teardown(test_statement_expression, free_result),
        cmocka_unit_test_teardown(test_noreturn_calls_end_the_path, free_result),
        cmocka_unit_test_teardown(test_cleanup_attribute, free_result),
        cmocka_unit_test_teardown(test_cleanup_on_goto_out_of_scope, free_result),
        cmocka_unit_test_teardown(test_builtin_expect_tests_inner_condition, free_result),
        cmocka_unit_test_teardown(test_folded_builtin_conditions, free_result),
        cmocka_unit_test_teardown(test_knr_definition, free_result),
        cmocka_unit_test_teardown(test_syntax_error_elsewhere, free_result),
        cmocka_unit_test_teardown(test_parse_notes_capped, free_result),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
