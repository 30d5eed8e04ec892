/* tracker_state.h — the resource tracker's per-function facts and per-path state, shared by resource_tracker.c and
 * the parts of the handle rules that read them (timeouts.c: properties of handles for missing-timeout). Private to
 * checkers/: the engine and other checkers see only resource_tracker.h. */
#ifndef LIFELINE_TRACKER_STATE_H
#define LIFELINE_TRACKER_STATE_H

#include "resource_tracker.h"

/* --- handles: function-wide facts ------------------------------------------------------------------------------ */

typedef enum hstatus { H_NONE = 0, H_OPEN, H_RELEASED, H_HANDED_OFF } hstatus;

typedef struct handle_info {
    int32_t kind; /* models kind index; -1 unknown (parameters) */
    const char *kind_name;
    const char *acquired_by; /* function name */
    ir_loc loc;
    const ir_event *site; /* the acquiring call; NULL for parameter handles */
    int32_t param;        /* >= 0: the value of this parameter (pointee false) or *param (pointee true) */
    bool pointee;
    const ir_path_step *sub; /* a part of it: (*param).sub or param.sub (NULL: the whole) */
    uint16_t nsub;
    bool collection; /* stored into an array element with a variable index: one handle stands for many */
    uint32_t shadow; /* site handles: the id the previous instance moves to when the site acquires again while it
                      * is still open (a loop); 0 = none */
    bool report;     /* leaks of this kind are reported */
    bool self;       /* the id of the running thread (pthread_self()): detaching it detaches the function's caller */
    /* A thread creation: the call's arguments that are the attribute, the start routine and its argument (-1). */
    int32_t attr_arg, routine_arg, thread_arg;
} handle_info;

/* A release of the elements of a local array inside a loop (`for (...) pthread_join(t[i], NULL)`): entering the
 * loop's head counts as releasing every element, since the engine cannot tell how many times the loop runs — the
 * path that skips the loop is the one where the array is empty. */
typedef struct loop_release {
    uint32_t head;          /* block */
    const ir_operand *what; /* the released element, t[i] */
    int32_t kind;           /* models kind, -1 any */
    bool detach;
    bool address;         /* `what` is the address of the id (a release wrapper's pointer argument) */
    const ir_event *site; /* the releasing call */
} loop_release;

typedef struct hfn {
    const resource_family *fam;
    handle_info *handles;
    uint32_t nhandles, cap;
    uint32_t nparam_handles; /* handles [0, nparam_handles) stand for parameters and their parts */
    bool *numeric;           /* per local: arithmetic is done on it in place */
    /* summary accumulation over returning paths */
    uint32_t returns;
    uint32_t *released_paths, *open_paths, *kept_paths; /* per handle, for parameter handles */
    bool *pointee_written;                              /* per parameter: `*param = ...` somewhere */
    /* out-parameter acquire wrapper detection, per parameter: the kind stored through it, and how the function
     * returns on paths that stored vs did not */
    const char **out_kind;
    bool *out_conflict;
    uint32_t *stored_zero, *stored_other, *unstored_zero, *unstored_other;
    const char *returned_kind;
    bool returned_unknown;
    /* per parameter: paths that return the status of the acquire that stored through it (`return pthread_create(t,
     * ...)`), and which status means success; pass_conflict when two such paths disagree */
    uint32_t *passthrough;
    model_success *pass_success;
    bool *pass_conflict;
    bool detaches_self;                             /* detaches the thread running it */
    int32_t thread_arg_param, thread_routine_param; /* a thread-creating wrapper's parameters, -1 */
    loop_release *loop_releases;
    uint32_t nloop_releases, cap_loop_releases;
    struct timeout_fn *timeouts; /* timeouts.c's function-wide facts; NULL when the family has no timeout rule */
} hfn;

typedef struct hslot {
    uint8_t status;
    bool checked;    /* compared against the invalid value on this path */
    bool detached;   /* H_RELEASED by detaching (the thread goes on running) */
    bool outlives;   /* H_HANDED_OFF where it outlives the frame: stored, returned, kept, detached from the start */
    uint32_t borrow; /* var + 1 of the local whose address the resource was given (a thread's argument); 0 none */
    const ir_operand *stored_at; /* a thread whose id went to memory not followed here: the creation's id argument */
    ir_loc rel_loc;              /* where it was released */
    const char *rel_by;
    uint32_t seq;   /* path position of the acquisition */
    uint32_t props; /* model properties the handle has on this path (timeouts.c) */
} hslot;

/* A local place that holds a handle. */
typedef struct hcell {
    uint32_t var;
    uint16_t npath;
    const ir_path_step *path;
    uint32_t handle;
} hcell;

/* A local that holds the return code of an out-parameter acquire with a success condition. */
typedef struct hlink {
    uint32_t var;
    uint32_t handle;
    uint32_t count; /* handles handle .. handle+count-1 */
    model_success success;
    int32_t out_param; /* the acquire stored through this parameter (an acquire wrapper), else -1 */
} hlink;

/* A thread attribute object of this frame whose detach state is not the default (joinable). */
typedef enum attr_state { ATTR_DETACHED = 1, ATTR_UNKNOWN } attr_state;
typedef struct hattr {
    ir_place place;
    uint8_t state;
} hattr;

/* A local pointer to a local place (`FILE **pp = &fp;`). */
typedef struct hptr {
    uint32_t var;
    ir_place target;
} hptr;

/* `f = fdopen(fd, ...)`: while f exists, it owns fd; if the adopting call failed, the caller still owns fd. */
typedef struct hadopt {
    uint32_t owner, adopted;
} hadopt;

typedef struct hstate {
    uint32_t nhandles;
    uint32_t out_stored; /* bit i: this path stored a handle it acquired through parameter i (i < 32) */
    bool std_slot_free;  /* this path closed descriptor 0, 1 or 2: the next descriptor acquired takes its number */
    hadopt *adopts;
    uint32_t nadopts, capadopts;
    hslot *slots;
    hcell *cells;
    uint32_t ncells, capcells;
    hlink *links;
    uint32_t nlinks, caplinks;
    hptr *ptrs;
    uint32_t nptrs, capptrs;
    hattr *attrs;
    uint32_t nattrs, capattrs;
} hstate;

enum { MAX_VALUE_HANDLES = 8 };

typedef struct hvalue {
    uint32_t handles[MAX_VALUE_HANDLES];
    uint32_t n;
    bool address;   /* the operand is the address of the holder(s) (&fp, &s) */
    bool has_place; /* holder place known (for ptr tracking) */
    ir_place place;
} hvalue;

hfn *tracker_fn(engine_ctx *cx);
const model_kind *tracker_kind(engine_ctx *cx, int32_t kind);
/* The handles an operand holds on this path (a local holder, &holder, a parameter or its pointee/part). */
hvalue tracker_eval(engine_ctx *cx, const hstate *st, const ir_operand *op);
/* "CURL 'h' from 'curl_easy_init'", "'fd'" (a parameter): a handle as messages name it. */
const char *tracker_handle_desc(engine_ctx *cx, const hstate *st, uint32_t h);
/* The acquiring call's handle, or -1. */
int32_t tracker_site_handle(const hfn *hf, const ir_event *ev);

/* timeouts.c — rule missing-timeout, run by the handle family (resource_family.timeout_rule). */
void timeouts_entry(engine_ctx *cx, hfn *hf);
void timeouts_block(engine_ctx *cx, hfn *hf, uint32_t block);
void timeouts_call(engine_ctx *cx, hstate *st, const ir_event *ev);
void timeouts_ret(engine_ctx *cx, hstate *st, const ir_term *term);
void timeouts_finish(engine_ctx *cx, hfn *hf, fn_summary *s);

#endif
