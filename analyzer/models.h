/* models.h — API facts as data: which functions acquire, release and use which kind of resource, and what library
 * functions do with their arguments. Read from YAML model files: the built-in ones (checkers/models/<lib>.yaml,
 * embedded in the binary at build time) and the user's (`--models FILE`, or the config file). README "Models" is the
 * user documentation of the format.
 *
 * A model file:
 *
 *   version: 1
 *   resources:
 *     - kind: FILE                 # name used in messages and summaries
 *       description: stdio stream  # optional
 *       invalid: null              # what a failed acquire yields: null | negative | an integer | none
 *       report: true               # optional; false: modelled, but the handle rules ignore it (plain memory)
 *       acquire:
 *         - fopen                  # the handle is the return value
 *         - { function: pipe, out: 0, count: 2, success: zero }   # handles in *arg0 (two of them) when it returns 0
 *         - { function: sqlite3_open, out: 1 }                    # *arg1 holds a handle whatever it returns
 *         - { function: freopen, releases: 2 }                    # releases its arg 2, returns a new handle
 *         - { function: fdopen, adopts: 0 }                       # when it succeeds, the new handle owns arg 0
 *       release:
 *         - fclose                 # the handle is arg 0
 *         - { function: PQfinish, arg: 0 }
 *       use:
 *         - { function: fread, arg: 3 }
 *       transfer:
 *         - { function: SSL_set_bio, arg: 1 }   # takes ownership of arg 1: the caller must not release it any more
 *   functions:
 *     - { function: memcpy, returns: 0 }   # returns its argument 0 (a pointer into the same object)
 *   threads:
 *     - kind: pthread_t            # a thread kind: its ids must be joined or detached (rule thread-not-joined)
 *       create:                    # id: where the id is stored; attr, routine, arg: attribute, start routine and
 *         - { function: pthread_create, id: 0, attr: 1, routine: 2, arg: 3, success: zero }   # its argument
 *       join: [pthread_join]       # the id is argument 0 (or { function: f, id: N })
 *       detach: [pthread_detach]
 *       self: [pthread_self]       # returns the calling thread's id (a routine that detaches itself)
 *       detached-attr:             # sets an attribute's detach state; `detached` is the value meaning detached
 *         - { function: pthread_attr_setdetachstate, attr: 0, state: 1, detached: 1 }
 *
 * `success`: zero | nonzero | nonnegative | nonnull — for out-parameter acquires, the return values that mean a handle
 * was produced; absent means the out-parameter holds a handle to release whatever the return value says.
 * `releases` happens whatever the call returns (freopen closes its stream even when it fails); `adopts` only when the
 * acquire succeeds (fdopen leaves the fd to the caller when it returns NULL; realloc leaves the old block).
 * Several kinds may name one function in different roles (freopen acquires a FILE and releases one; accept acquires
 * an fd and uses one).
 *
 * A kind declared again — later in the same file (a warning) or in another file (the way to extend a built-in kind
 * with your own functions) — is one kind: the new entries are added to it, and the properties of its first
 * declaration (invalid, report, description) stay; restating them differently is a warning. An entry that repeats an
 * existing one (same function, role, kind and argument) is ignored, with a warning if the rest of it differs.
 *
 * Errors (the load fails, nothing of the file is kept): not YAML, a top level that is not a mapping, `version` absent
 * or not 1, a required key absent (`kind`, `function`, `returns`), a value of the wrong type (an integer where a name
 * is needed...), a negative argument index, `count` < 1, an unknown `success` or `invalid` value.
 * Warnings (tool_diag tag "lifeline-model", the entry or key is ignored): unknown keys, a function name that is not a
 * C identifier, a kind declared twice in one file, conflicting properties or entries. */
#ifndef LIFELINE_MODELS_H
#define LIFELINE_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "finding.h"
#include "strmap.h"

typedef enum model_invalid {
    INVALID_NONE,     /* every returned value is a handle */
    INVALID_NULL,     /* NULL means failure */
    INVALID_NEGATIVE, /* < 0 means failure (fds) */
    INVALID_VALUE,    /* one specific value (invalid_value) means failure */
} model_invalid;

typedef enum model_success {
    SUCCESS_ALWAYS, /* no condition: the out-parameter holds a handle whatever the call returns */
    SUCCESS_ZERO,
    SUCCESS_NONZERO,
    SUCCESS_NONNEGATIVE,
    SUCCESS_NONNULL,
} model_success;

typedef struct model_kind {
    const char *name;
    const char *description; /* may be NULL */
    model_invalid invalid;
    int64_t invalid_value; /* INVALID_VALUE */
    bool report;           /* `report: false` (e.g. plain memory): modelled, but the handle rules ignore it */
    bool thread;           /* declared under `threads:`: the thread rules follow it, the handle rules do not */
    const char *file;      /* where it was declared */
    unsigned line;
    /* `sessions:` — not safe for concurrent use (rule shared-session); only handles with every `session_when`
     * property and none of `session_unless` (sqlite3: when nomutex; CURLSH: unless lockfunc). */
    bool session;
    uint32_t session_when, session_unless;
} model_kind;

/* ROLE_TRANSFER: the call takes ownership of the handle in `arg` (SSL_set_bio, BIO_push): the caller no longer
 * releases it (a later release is a double release), uses stay valid, transferring it again is not an error. */
/* ROLE_THREAD_SELF returns the calling thread's id; ROLE_THREAD_ATTR sets the detach state of the attribute object
 * `arg` points to from argument `state` (detached when it equals `detached_value`). */
typedef enum model_role {
    ROLE_ACQUIRE,
    ROLE_RELEASE,
    ROLE_USE,
    ROLE_RETURNS_ARG,
    ROLE_TRANSFER,
    ROLE_THREAD_SELF,
    ROLE_THREAD_ATTR
} model_role;

typedef struct model_fn {
    const char *function;
    model_role role;
    int32_t kind;   /* index into models.kinds; -1 for ROLE_RETURNS_ARG */
    int32_t arg;    /* RELEASE/USE/TRANSFER: the handle argument; RETURNS_ARG: the returned argument; ACQUIRE: -1 */
    int32_t out;    /* ACQUIRE: -1 = handle is the return value, else the handle is stored through argument `out` */
    uint32_t count; /* ACQUIRE: handles produced (pipe: 2); default 1. 0 for the other roles */
    model_success success; /* ACQUIRE with out >= 0; SUCCESS_ALWAYS otherwise */
    int32_t releases;      /* ACQUIRE: argument released by the same call whatever it returns (freopen: 2), else -1 */
    int32_t adopts; /* ACQUIRE: argument whose handle the new one owns when the call succeeds (fdopen: 0; realloc: 0:
                     * the old block is not the caller's to free any more), else -1 */
    /* Thread creation (ACQUIRE of a thread kind): the attribute, start routine and routine-argument positions, or -1.
     */
    int32_t attr, routine, thread_arg;
    bool detaches;          /* RELEASE of a thread kind: detaches rather than joins (the thread goes on running) */
    int32_t state;          /* THREAD_ATTR: the argument holding the new detach state */
    int64_t detached_value; /* THREAD_ATTR: the value of that argument meaning "detached" */
    const char *file;
    unsigned line;
} model_fn;

/* --- timeouts and sessions (model_facts.c; README "Models": properties, blocking, waits, sessions, locks) --------- */

enum { MODEL_MAX_PROPS = 32 };

/* A call that sets, clears or copies named properties of a handle (`timeout`, `socket`, `nonblocking`, `nomutex`).
 * Properties are bits (models.prop_names). */
typedef struct model_prop {
    const char *function;
    int32_t kind;
    int32_t handle;      /* the argument holding the handle; -1: the handle this call acquires */
    int32_t option;      /* the entry applies only when this argument is the constant `is`; -1: always */
    const char *is_name; /* the constant's name (an enumerator or macro as written), or NULL */
    bool has_is_value;   /* ...or its value */
    int64_t is_value;
    int32_t value; /* an argument whose literal 0 clears `sets` instead of setting it; -1: none */
    int32_t flags; /* the entry needs bit `flag` in this argument (a constant without it clears); -1 */
    int64_t flag;
    uint32_t sets, clears;
    int32_t copies; /* the acquired handle copies the properties of this argument's handle; -1 */
    const char *file;
    unsigned line;
} model_prop;

enum { MODEL_MAX_BOUNDS = 4 };

/* A call that may wait on a remote peer forever unless its handle has a bound (rule missing-timeout). Either on a
 * handle (`handle` >= 0) or on a connection string (`conninfo` >= 0: a literal without `contains` is unbounded). */
typedef struct model_block {
    const char *function;
    int32_t kind; /* -1 for conninfo entries */
    int32_t handle;
    uint32_t requires;                     /* the handle must have all of these for the call to block (`socket`) */
    uint32_t bounded_by[MODEL_MAX_BOUNDS]; /* any one set of properties, all present, bounds the call */
    uint32_t nbounded;
    uint32_t partial;         /* properties that bound only part of the wait */
    const char *partial_note; /* what to say when only those are set */
    bool guarded_by_wait;     /* a wait with a finite timeout in the same function bounds it (sockets) */
    int32_t dontwait;         /* an argument whose bit `dontwait_flag` makes this one call non-blocking; -1 */
    int64_t dontwait_flag;
    bool ok_in_loop; /* waiting forever inside a loop is the normal state (a server's accept loop) */
    int32_t conninfo;
    const char *contains;
    const char *hint; /* how to bound it, for the message */
    const char *file;
    unsigned line;
} model_block;

/* A call that waits with a timeout argument (poll, select): with a finite one it guards blocking calls. */
typedef enum model_infinite { INFINITE_NEGATIVE, INFINITE_NULL } model_infinite;
typedef struct model_wait {
    const char *function;
    int32_t timeout;
    model_infinite infinite;
    const char *file;
    unsigned line;
} model_wait;

/* A lock or unlock: between them, uses of a session are synchronised (rule shared-session). */
typedef struct model_lock {
    const char *function;
    bool unlock;
    const char *file;
    unsigned line;
} model_lock;

/* A use of a session kind that is not one of its resource roles (curl_easy_setopt(h, CURLOPT_SHARE, sh) uses sh). */
typedef struct model_session_use {
    const char *function;
    int32_t kind;
    int32_t arg;
    int32_t option; /* as in model_prop */
    const char *is_name;
    bool has_is_value;
    int64_t is_value;
    const char *file;
    unsigned line;
} model_session_use;

typedef struct models {
    arena arena;
    model_kind *kinds;
    uint32_t nkinds, cap_kinds;
    model_fn *fns;
    uint32_t nfns, cap_fns;
    strmap by_function;  /* function name -> (index + 1) of its first model_fn; entries of one name are chained */
    uint32_t *next_same; /* next_same[i]: index + 1 of the next model_fn with the same function name, 0 = none */
    strmap files_loaded; /* paths (or "builtin:NAME") already loaded, so a file given twice is read once */
    /* timeouts and sessions */
    strmap facts_by_function; /* names with an entry in any of the tables below */
    const char *prop_names[MODEL_MAX_PROPS];
    uint32_t nprops;
    model_prop *props;
    uint32_t nprops_fns, cap_props;
    model_block *blocks;
    uint32_t nblocks, cap_blocks;
    model_wait *waits;
    uint32_t nwaits, cap_waits;
    model_lock *locks;
    uint32_t nlocks, cap_locks;
    model_session_use *session_uses;
    uint32_t nsession_uses, cap_session_uses;
} models;

void models_init(models *m);
void models_free(models *m);

/* Every built-in model file. Returns 0, or -1 with err set (a built-in file that does not parse, or that draws a
 * warning, is a build bug: testcases/unit/test_models.c loads them all). */
int models_load_builtin(models *m, char *err, size_t errlen);

/* A model file from disk. A malformed file: -1 and err = "FILE:LINE: what is wrong" (nothing of it is kept).
 * Unknown keys, a function name that is not a C identifier, a kind declared twice in the file, a conflicting
 * redeclaration: a warning in `warnings` (tag "lifeline-model", may be NULL) naming file:line, and the key or entry
 * is ignored. Warnings are only added when the load succeeds. A path already loaded (by its real path) is not read
 * again: 0, nothing added. */
int models_load_file(models *m, const char *path, tool_diag_list *warnings, char *err, size_t errlen);

/* Same, from text in memory (`name` is used in messages, and a name already loaded is not loaded again). */
int models_load_text(models *m, const char *name, const char *text, size_t len, tool_diag_list *warnings, char *err,
                     size_t errlen);

/* The models of a function (all roles), in declaration order: iterate with models_next. NULL when none.
 * The pointers stay valid until the next models_load_* call (the array may move). */
const model_fn *models_first(const models *m, const char *function);
const model_fn *models_next(const models *m, const model_fn *f);

int32_t models_kind_index(const models *m, const char *kind_name);

/* Timeouts and sessions, looked up by function name (linear scans of short tables: a few hundred entries). Each
 * `*_next` continues after `prev` (NULL: from the start) with the next entry for the same function. */
const model_prop *models_prop_next(const models *m, const char *function, const model_prop *prev);
const model_block *models_block_next(const models *m, const char *function, const model_block *prev);
const model_wait *models_wait(const models *m, const char *function);
const model_lock *models_lock(const models *m, const char *function);
const model_session_use *models_session_use_next(const models *m, const char *function, const model_session_use *prev);
/* The bit of a property name, or 0 when no model file names it. */
uint32_t models_prop_bit(const models *m, const char *name);
/* "timeout,nonblocking" — the names of the bits in `mask`, in arena a (the form summaries store). */
const char *models_prop_list(arena *a, const models *m, uint32_t mask);
/* The bits of such a list; names no model file declares are skipped. */
uint32_t models_prop_mask(const models *m, const char *list);

/* Names of the built-in model files and their text (for `lifeline models` / docs). */
typedef struct builtin_model {
    const char *name;
    const char *text;
    size_t length;
} builtin_model;
const builtin_model *models_builtin_all(size_t *count);

#endif
