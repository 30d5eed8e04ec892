/* resource_tracker.h — the path-sensitive tracker of acquired resources shared by two rule families: handles
 * (files, descriptors, sessions: checkers/handles.c) and threads (joinable thread ids: checkers/threads.c).
 *
 * A thread is a resource like a file: creating it acquires an id that someone must give back — by joining or
 * detaching it instead of closing it. Both families need the same machinery (which locals hold which handle, failure
 * branches, out-parameters, arrays, struct parts, wrappers through summaries), so it exists once; each family is a
 * checker of its own that follows only its kinds (models.h model_kind.thread) and words its findings itself. */
#ifndef LIFELINE_RESOURCE_TRACKER_H
#define LIFELINE_RESOURCE_TRACKER_H

#include <stdbool.h>

#include "engine.h"

typedef struct resource_family {
    bool threads; /* follows the kinds declared under `threads:` in the models; else every other kind */
    /* Rule ids; NULL: the family does not report that problem. */
    const char *leak_rule;     /* lost while still acquired (a leak; a thread neither joined nor detached) */
    const char *double_rule;   /* released twice */
    const char *use_rule;      /* used after release */
    const char *mismatch_rule; /* released by another kind's function */
    const char *borrow_rule;   /* memory of this frame lent to the resource (a thread's argument) outlives it */
    const char *timeout_rule;  /* a blocking call on a handle with no time bound (timeouts.c) */
    /* Words for messages. */
    const char *noun;         /* "thread"; NULL: the kind's name ("FILE", "fd") */
    const char *acquired;     /* "acquired", "created" */
    const char *released;     /* "released", "joined or detached" */
    const char *not_released; /* "is not released", "is neither joined nor detached" */
    const char *holds;        /* what an overwritten variable held: "the handle", "the thread id" */
} resource_family;

/* Checker callbacks; `entry` takes the family, the others find it in the function's data. */
void *tracker_entry(engine_ctx *cx, const resource_family *family);
void *tracker_clone(engine_ctx *cx, const void *st);
bool tracker_equal(const void *a, const void *b);
void tracker_join(engine_ctx *cx, void *into, const void *from);
void tracker_event(engine_ctx *cx, void *st, const ir_event *ev);
bool tracker_branch(engine_ctx *cx, void *st, const ir_cond *cond, bool holds);
void tracker_ret(engine_ctx *cx, void *st, const ir_term *term);
void tracker_block(engine_ctx *cx, void *st, uint32_t block);
void tracker_finish(engine_ctx *cx);

/* The checker_ops of a family: its name, rule table and entry (which passes the family to tracker_entry). */
#define TRACKER_CHECKER(NAME, RULES, ENTRY)                                                                            \
    {                                                                                                                  \
        .name = NAME, .rules = RULES, .nrules = sizeof RULES / sizeof RULES[0], .entry = ENTRY,                        \
        .clone = tracker_clone, .equal = tracker_equal, .join = tracker_join, .event = tracker_event,                  \
        .branch = tracker_branch, .ret = tracker_ret, .finish = tracker_finish, .block = tracker_block,                \
    }

#endif
