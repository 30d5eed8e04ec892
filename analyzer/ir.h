/* ir.h — lifeline's intermediate representation: per function, a CFG of basic blocks holding a handful of events.
 *
 * The front end (frontend_*.c) is the only producer and the only code that knows about libclang; the engine and the
 * checkers consume these plain structs, so they can be unit-tested by building IR by hand. Everything here is owned
 * by the arena of the module that holds it. */
#ifndef LIFELINE_IR_H
#define LIFELINE_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* A source range. `file` is interned in the module arena: equal paths are equal pointers within one module. */
typedef struct ir_loc {
    const char *file;
    unsigned line, col;
    unsigned end_line, end_col;
} ir_loc;

/* --- places (lvalues) ------------------------------------------------------------------------------------------- */

typedef enum ir_root_kind {
    ROOT_NONE = 0,
    ROOT_VAR,    /* index into ir_function.vars (parameters, locals, statics, temporaries) */
    ROOT_GLOBAL, /* index into ir_module.globals */
    ROOT_HEAP,   /* memory reached only through an unknown expression; never names a variable */
} ir_root_kind;

typedef enum ir_step_kind {
    STEP_DEREF, /* *p, p->..., p[i] where p is a pointer */
    STEP_FIELD, /* .name */
    STEP_INDEX, /* a[i] where a is an array: every element is one abstract element */
} ir_step_kind;

typedef struct ir_path_step {
    ir_step_kind kind;
    const char *field; /* STEP_FIELD only; interned */
    bool has_index;    /* STEP_INDEX with a constant index (a[2]): elements can be told apart */
    int64_t index;
} ir_path_step;

/* root.path — `s->a.b` is var s with path [DEREF, FIELD a, FIELD b]. */
typedef struct ir_place {
    ir_root_kind root;
    uint32_t index;
    uint16_t npath;
    const ir_path_step *path;
} ir_place;

/* --- operands (rvalues) ----------------------------------------------------------------------------------------- */

typedef enum ir_operand_kind {
    OPND_UNKNOWN = 0, /* a value the IR does not model (float maths, sizeof of VLAs, ...) */
    OPND_PLACE,       /* the value stored in a place */
    OPND_ADDR,        /* the address of a place (&x, an array decaying to a pointer, a compound literal) */
    OPND_INT,         /* integer constant (also NULL, enumerators, folded constant expressions) */
    OPND_STRING,      /* string literal; `text` holds its bytes without quotes */
    OPND_FUNC,        /* a function designator; `text` is its name, `usr` its USR */
    OPND_ARITH,       /* integer arithmetic over two operands (lhs op rhs); rhs NULL for unary minus/not */
} ir_operand_kind;

typedef enum ir_arith_op {
    ARITH_ADD,
    ARITH_SUB,
    ARITH_MUL,
    ARITH_DIV,
    ARITH_REM,
    ARITH_AND,
    ARITH_OR,
    ARITH_XOR,
    ARITH_SHL,
    ARITH_SHR,
    ARITH_NEG,
    ARITH_BITNOT,
    ARITH_OTHER
} ir_arith_op;

typedef struct ir_operand ir_operand;
struct ir_operand {
    ir_operand_kind kind;
    /* For OPND_PLACE/OPND_ADDR: pointer arithmetic was applied (p + n, &a[i]): the value points into the same object.
     */
    bool offset;
    bool array_decay; /* OPND_ADDR of an array used as a pointer to its first element */
    bool is_pointer;  /* the operand's type is a pointer (or an array/function decayed to one) */
    ir_place place;   /* OPND_PLACE, OPND_ADDR */
    int64_t value;    /* OPND_INT */
    const char *text; /* OPND_STRING, OPND_FUNC */
    const char *usr;  /* OPND_FUNC */
    ir_arith_op op;   /* OPND_ARITH */
    const ir_operand *lhs, *rhs;
};

/* --- events ----------------------------------------------------------------------------------------------------- */

typedef enum ir_event_kind {
    EV_ASSIGN,    /* dst = src */
    EV_CALL,      /* [result =] callee(args...) */
    EV_DECL,      /* a variable's lifetime starts (re-entered on every loop iteration); init follows as EV_ASSIGN */
    EV_SCOPE_END, /* variables' lifetimes end (block exit, return, break, goto out of scope) */
} ir_event_kind;

typedef struct ir_call {
    const char *callee;     /* NULL for a call through a function pointer */
    const char *callee_usr; /* NULL when unknown */
    ir_operand fnptr;       /* the called expression when callee is NULL */
    ir_operand *args;
    uint32_t nargs;
    int32_t result_var; /* var receiving the result, or -1 when discarded / void */
    bool noreturn;
    bool variadic;
    bool defined_in_program; /* callee has a body in this run or a stored summary (set by the program builder) */
    bool system_callee;      /* declared in a system header (libc, installed libraries' headers) */
} ir_call;

typedef struct ir_event {
    ir_event_kind kind;
    ir_loc loc;
    union {
        struct {
            ir_place dst;
            ir_operand src;
        } assign;
        ir_call call;
        struct {
            uint32_t var;
        } decl;
        struct {
            const uint32_t *vars;
            uint32_t nvars;
        } scope_end;
    } u;
} ir_event;

/* --- terminators ------------------------------------------------------------------------------------------------ */

typedef enum ir_cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE } ir_cmp;

/* `lhs cmp rhs`; a truthiness test `if (x)` is `x != 0`. */
typedef struct ir_cond {
    ir_operand lhs;
    ir_cmp cmp;
    ir_operand rhs;
} ir_cond;

typedef enum ir_term_kind {
    TERM_GOTO,        /* succs[0] */
    TERM_BRANCH,      /* succs[0] when cond holds, succs[1] otherwise */
    TERM_RETURN,      /* value in ret (ret.kind == OPND_UNKNOWN and has_ret false for `return;`) */
    TERM_UNREACHABLE, /* after a noreturn call or __builtin_unreachable: the path ends without leaving the frame */
    TERM_MULTI,       /* computed goto or a switch on a value the IR cannot test: any of succs */
} ir_term_kind;

typedef struct ir_term {
    ir_term_kind kind;
    ir_loc loc;
    ir_cond cond;
    ir_operand ret;
    bool has_ret;
    /* Why the branch exists, for path notes: "if", "while", "for", "do", "switch", "?:", "&&", "||", "case". */
    const char *what;
} ir_term;

typedef struct ir_block {
    ir_event *events;
    uint32_t nevents, cap_events;
    ir_term term;
    uint32_t *succs;
    uint32_t nsuccs;
} ir_block;

/* --- variables -------------------------------------------------------------------------------------------------- */

typedef enum ir_var_kind { VAR_PARAM, VAR_LOCAL, VAR_STATIC_LOCAL, VAR_TEMP } ir_var_kind;

typedef struct ir_var {
    ir_var_kind kind;
    const char *name; /* "" for temporaries */
    const char *type; /* type spelling, e.g. "FILE *" */
    bool is_pointer, is_array, is_record, is_integer;
    bool address_taken;  /* &v appears somewhere in the function */
    const char *cleanup; /* __attribute__((cleanup(f))): f, else NULL */
    ir_loc loc;
} ir_var;

typedef struct ir_function {
    const char *name;
    const char *usr;
    ir_loc loc; /* of the name in the definition */
    bool is_static;
    bool is_inline_header; /* defined in a header: analysed once per run */
    const char *return_type;
    bool returns_pointer;
    uint32_t nparams; /* vars[0 .. nparams-1] are the parameters, in order */
    ir_var *vars;
    uint32_t nvars, cap_vars;
    ir_block *blocks; /* blocks[0] is the entry */
    uint32_t nblocks, cap_blocks;
} ir_function;

typedef struct ir_global {
    const char *name;
    const char *usr;
    const char *type;
    bool is_pointer, is_array, is_record;
    bool is_const;                 /* const-qualified object */
    bool is_static;                /* internal linkage */
    bool has_int_init;             /* initialised with an integer constant, in `init` */
    bool written;                  /* assigned, incremented or address taken in this module */
    bool is_function_scope_static; /* a `static` local lowered as a global */
    int64_t init;
    ir_loc loc;
} ir_global;

/* One translation unit's worth of IR. */
typedef struct ir_module {
    arena arena;
    const char *main_file;
    ir_function **functions;
    uint32_t nfunctions, cap_functions;
    ir_global *globals;
    uint32_t nglobals, cap_globals;
    /* Interned file paths seen in locations (for the store's file table). */
    const char **files;
    uint32_t nfiles, cap_files;
} ir_module;

/* --- construction helpers (used by the front end and by hand-built IR in unit tests) ---------------------------- */

ir_module *ir_module_new(const char *main_file);
void ir_module_free(ir_module *m);
const char *ir_intern_file(ir_module *m, const char *path);
ir_function *ir_function_new(ir_module *m, const char *name, const char *usr);
uint32_t ir_add_var(ir_module *m, ir_function *f, ir_var_kind kind, const char *name);
uint32_t ir_add_block(ir_module *m, ir_function *f);
ir_event *ir_append_event(ir_module *m, ir_function *f, uint32_t block, ir_event_kind kind, ir_loc loc);
void ir_set_succs(ir_module *m, ir_function *f, uint32_t block, const uint32_t *succs, uint32_t n);
uint32_t ir_add_global(ir_module *m, const char *name, const char *usr);
int32_t ir_find_global(const ir_module *m, const char *usr);

ir_place ir_place_var(uint32_t var);
ir_place ir_place_global(uint32_t g);
/* A copy of `base` with one more step, allocated in the module arena. */
ir_place ir_place_extend(ir_module *m, ir_place base, ir_step_kind kind, const char *field);
/* base[index]: an element with a known constant index. */
ir_place ir_place_extend_index(ir_module *m, ir_place base, int64_t index);
/* The same, in another arena: checkers extend places in their run's arena (engine_arena), never in the module's,
 * which the workers analysing its functions in parallel share read-only. */
ir_place ir_place_extend_in(arena *a, ir_place base, ir_step_kind kind, const char *field);
ir_place ir_place_extend_index_in(arena *a, ir_place base, int64_t index);
/* n steps equal: same kinds, same field names, same constant indices (a[] equals only a[]). */
bool ir_steps_equal(const ir_path_step *a, const ir_path_step *b, uint16_t n);
bool ir_place_equal(const ir_place *a, const ir_place *b);
/* a is b or lies inside b (b.f is inside b; *b is NOT inside b: a dereference leaves the object). */
bool ir_place_within(const ir_place *a, const ir_place *b);
bool ir_place_has_deref(const ir_place *p);

ir_operand ir_opnd_int(int64_t v);
ir_operand ir_opnd_place(ir_place p);
ir_operand ir_opnd_addr(ir_place p);

/* Human-readable spelling of a place ("s->a.b", "*p", "buf[]"), for messages. */
const char *ir_place_str(arena *a, const ir_module *m, const ir_function *f, const ir_place *p);
/* Debug dump of a function's CFG (lifeline dump-cfg). */
void ir_dump_function(FILE *out, const ir_module *m, const ir_function *f);

#endif
