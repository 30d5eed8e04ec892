/* threads.c — the thread-lifecycle rules: thread-not-joined (a joinable thread whose id is lost before anyone joins
 * or detaches it: the C counterpart of a leaked goroutine) and thread-stack-arg (the address of this frame's memory
 * handed to a thread that may still run after the frame returns). Thread kinds and their create/join/detach
 * functions come from the model files (`threads:`); the tracking is resource_tracker.c, shared with the handle rules:
 * creating a thread acquires its id, joining or detaching releases it. */
#include "registry.h"
#include "resource_tracker.h"

static const rule_info thread_rules[] = {
    {.id = "thread-not-joined",
     .name = "ThreadNotJoined",
     .short_desc = "Joinable thread is neither joined nor detached on some path",
     .full_desc = "A thread created joinable (pthread_create with default attributes, thrd_create) is, on some path "
                  "that returns, neither joined, detached, returned, nor stored where it outlives the function; or the "
                  "last variable holding its id is overwritten. Nobody can wait for it or reclaim its resources.",
     .level = SEV_WARNING,
     .tags = "reliability concurrency external/cwe/cwe-404",
     .precision = "high"},
    {.id = "thread-stack-arg",
     .name = "ThreadStackArg",
     .short_desc = "Address of a local is handed to a thread that may outlive the frame",
     .full_desc = "The argument of a new thread points into the creating function's stack frame, and on some path "
                  "the function returns while the thread may still run: it is not joined on that path, it is "
                  "detached, or its id is handed to someone who joins it later. The thread then reads or writes a "
                  "dead frame.",
     .level = SEV_WARNING,
     .tags = "reliability security concurrency external/cwe/cwe-562",
     .precision = "high",
     .security_severity = "7.0"},
};

static const resource_family thread_family = {
    .threads = true,
    .leak_rule = "thread-not-joined",
    .borrow_rule = "thread-stack-arg",
    .noun = "thread",
    .acquired = "created",
    .released = "joined or detached",
    .not_released = "is neither joined nor detached",
    .holds = "the thread id",
};

static void *thread_entry(engine_ctx *cx) {
    return tracker_entry(cx, &thread_family);
}

const checker_ops thread_checker = TRACKER_CHECKER("threads", thread_rules, thread_entry);
