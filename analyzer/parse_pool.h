/* parse_pool.h — TUs parsed and lowered in worker processes, one per parsing thread, so that a TU that crashes
 * libclang beyond its own recovery, runs past --tu-timeout or exhausts memory costs that TU only: the worker is
 * killed, the TU is reported failed with one line, and the next TU gets a new worker. The IR comes back over a
 * socket (ir_serial.h). `lifeline check` and `summarize` use it; the LSP server, dump-cfg and the unit tests parse
 * in-process. */
#ifndef LIFELINE_PARSE_POOL_H
#define LIFELINE_PARSE_POOL_H

#include <stdbool.h>
#include <sys/types.h>

#include "frontend.h"

typedef struct parse_proc {
    pid_t pid;  /* 0: none running */
    int fd;     /* our end of its socket */
    int err_fd; /* a memfd holding its stdout and stderr (libclang's crash reports), read when it dies */
} parse_proc;

typedef struct parse_pool {
    parse_proc *procs;
    unsigned n;
} parse_pool;

/* n worker slots, their processes started now: forked, which is cheap, when this process has a single thread (so no
 * lock can be held by a thread the child would not have); otherwise spawned afresh from /proc/self/exe. A worker
 * that cannot be started now is started at its slot's first job. */
void parse_pool_start(parse_pool *p, unsigned n);

/* frontend_process for one job in slot `slot` (each slot is used by one thread at a time). timeout: seconds for
 * parse and lowering together, 0 for no limit. Never fails as a whole: a worker that dies or runs out of time is
 * killed and reaped, and out says the TU failed, how, and in which phase. When no worker process can be started at
 * all, the job is processed in this process. */
void parse_pool_process(parse_pool *p, unsigned slot, const compile_job *job, const frontend_options *opt,
                        double timeout, frontend_result *out);

/* Ends every worker (they exit when their socket closes) and reaps them. */
void parse_pool_stop(parse_pool *p);

/* The worker process's main loop on socket fd (`lifeline __parse-worker` runs it on fd 0). Returns its exit code. */
int parse_worker_main(int fd);

/* The hidden command a spawned worker is started with: `lifeline __parse-worker PARENT_PID`. */
#define PARSE_WORKER_COMMAND "__parse-worker"
/* Its body: dies with its parent, refuses to run for another, then parse_worker_main on fd 0. */
int parse_worker_command(const char *parent_pid);

#endif
