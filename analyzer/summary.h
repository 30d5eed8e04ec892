/* summary.h — what a function does to its parameters and result, as its callers need to know it.
 *
 * Summaries are computed bottom-up over the call graph of the whole run (callees first; a recursive cycle is iterated
 * until it stops changing, with a bound), stored in SQLite as JSON keyed by the function's USR, and loaded back so a
 * caller in another TU — or a later run that does not re-parse the callee — uses the same facts. */
#ifndef LIFELINE_SUMMARY_H
#define LIFELINE_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* Where the value of a pointer parameter (the object it points to) can go. */
enum {
    ESC_RETURN = 1u << 0,     /* returned to the caller */
    ESC_GLOBAL = 1u << 1,     /* stored into a global or static (escape_global names it) */
    ESC_PARAM = 1u << 2,      /* stored through another parameter (escape_param is its index) */
    ESC_HEAP = 1u << 3,       /* stored into memory reached through some other pointer */
    ESC_SOME_PATHS = 1u << 4, /* ESC_GLOBAL happens on some returning paths only (`if (x) return -1; g = p;`) */
};

/* What a function does with a resource handle passed in a parameter (the value itself, or the handle stored where a
 * pointer parameter points: `void fclosep(FILE **f)`). */
enum {
    HANDLE_RELEASES = 1u << 0,         /* releases the parameter's value on every path that returns */
    HANDLE_KEEPS = 1u << 1,            /* stores the value where it outlives the call (ownership taken) */
    HANDLE_RELEASES_POINTEE = 1u << 2, /* releases *param */
    HANDLE_KEEPS_POINTEE = 1u << 3,    /* keeps *param */
    HANDLE_WRITES_POINTEE = 1u << 4,   /* assigns *param (close_and_clear(&fp) sets fp = NULL) */
    HANDLE_MAY_RELEASE = 1u << 5,      /* releases the parameter on some paths only (close on error) */
};

/* HANDLE_* facts about a part of a parameter: "*.out" (field out of *param), ".fd" (field of a struct passed by
 * value), "*[1]" (element 1 of the array param points to). */
typedef struct handle_field_fact {
    const char *path;
    uint32_t bits;
} handle_field_fact;

/* What a function does to the timeouts and the sessions reachable from a parameter (rules missing-timeout and
 * shared-session; summary_sessions.c). Property names are the models' (`timeout`, `nonblocking`). */
typedef struct param_session_facts {
    const char *sets;   /* properties it sets on the handle in the parameter, comma-separated; NULL: none */
    const char *blocks; /* a blocking call (its model's function name) made on that handle; NULL: none */
    unsigned block_line;
    const char *uses_kind; /* a session of this kind reachable from the parameter is used with no lock held */
    const char *use_fn;    /* the library call that uses it */
    unsigned use_line;
} param_session_facts;

/* A global session handle used with no lock held, by the function or a function it calls. */
typedef struct global_session_use {
    const char *global; /* USR */
    const char *name;
    const char *kind;
    const char *fn; /* the library call */
    const char *file;
    unsigned line;
} global_session_use;

typedef struct param_facts {
    uint32_t escapes;          /* ESC_* bits */
    const char *escape_global; /* ESC_GLOBAL: the global's name */
    int32_t escape_param;      /* ESC_PARAM: index of the parameter it is stored through */
    unsigned escape_line;      /* where, for --explain-escapes */
    uint32_t handle;           /* HANDLE_* bits */
    handle_field_fact *fields; /* facts about parts of the parameter */
    uint32_t nfields;
    param_session_facts session;
} param_facts;

typedef struct fn_summary {
    const char *usr;
    const char *name;
    const char *file;
    unsigned line;
    uint32_t nparams;
    param_facts *params; /* nparams entries */
    bool returns_const;  /* every return returns the same integer constant */
    int64_t return_value;
    bool noreturn; /* no path returns */
    /* Globals (by USR) the function may assign, itself or through its callees: a caller forgets what it knew
     * those globals held. */
    const char **clobbers;
    uint32_t nclobbers;
    /* An acquire wrapper: returns a handle of this resource kind that it acquired (NULL: not a wrapper). */
    const char *returns_handle;
    /* An out-parameter acquire wrapper: stores a handle of kind acquires_out_kind through parameter
     * acquires_out_param; acquires_out_success says which return values mean it did (models.h model_success). */
    int32_t acquires_out_param; /* -1: none */
    const char *acquires_out_kind;
    uint32_t acquires_out_success;
    /* A thread-creating wrapper (acquires_out_kind is a thread kind): the parameters that become the new thread's
     * start routine and argument, or -1. */
    int32_t thread_routine_param, thread_arg_param;
    /* A thread start routine that detaches the thread running it (pthread_detach(pthread_self()), itself or in a
     * function it calls): whoever creates it has nothing to join. */
    bool detaches_self;
    /* missing-timeout: properties of the handle it returns (an acquire wrapper that sets a timeout), and whether it
     * waits with a finite timeout (poll(..., 1000)), which guards the caller's socket calls. */
    const char *returns_props;
    bool bounded_wait;
    /* shared-session: locks it leaves held (+1, a lock wrapper) or releases (-1, an unlock wrapper); global sessions
     * it uses with no lock held. */
    int32_t lock_delta;
    global_session_use *global_uses;
    uint32_t nglobal_uses;
    arena *home; /* the arena the summary lives in, for facts added later */
} fn_summary;

fn_summary *summary_new(arena *a, const char *usr, const char *name, const char *file, unsigned line, uint32_t nparams);
/* Deep copy into arena a. */
fn_summary *summary_copy(arena *a, const fn_summary *s);
bool summary_equal(const fn_summary *a, const fn_summary *b);
/* JSON text (malloc'd) for the store; parse back into arena a (NULL on malformed text). */
char *summary_to_json(const fn_summary *s);
fn_summary *summary_from_json(arena *a, const char *usr, const char *name, const char *file, const char *json);
/* Adds (or ORs into) a fact about a part of parameter i. */
void summary_add_field_fact(fn_summary *s, uint32_t param, const char *path, uint32_t bits);

/* Adds a global session use once per global (the first use found names the call). */
void summary_add_global_use(fn_summary *s, const global_session_use *u);

/* summary_sessions.c: the session/timeout part of copy, equality and JSON (called by summary.c). */
void summary_sessions_copy(arena *a, fn_summary *dst, const fn_summary *src);
bool summary_sessions_equal(const fn_summary *a, const fn_summary *b);
struct json_t;
void summary_sessions_to_json(const fn_summary *s, struct json_t *root, struct json_t *const *params);
bool summary_sessions_from_json(arena *a, struct json_t *root, fn_summary *s);

/* Adds a clobbered global once (USR copied into the summary's arena). */
void summary_add_clobber(fn_summary *s, const char *global_usr);

/* Go -gcflags=-m style lines: "f: param p leaks to global g", "h: param q does not escape". Parameter names come
 * from the caller (NULL entries print as "#i"). */
void summary_explain(FILE *out, const fn_summary *s, const char *const *param_names);

#endif
