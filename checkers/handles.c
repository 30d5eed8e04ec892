/* handles.c — the handle-lifecycle rules: handle-leak, handle-double-release, handle-use-after-release,
 * handle-mismatched-release, and missing-timeout (timeouts.c: a blocking call on a handle with no time bound). Files,
 * descriptors, directories and library sessions, as the model files declare them under `resources:`; the tracking
 * itself is resource_tracker.c, shared with the thread rules. */
#include "registry.h"
#include "resource_tracker.h"

static const rule_info handle_rules[] = {
    {.id = "handle-leak",
     .name = "HandleLeak",
     .short_desc = "Acquired handle is not released on some path",
     .full_desc = "A file, descriptor, directory, library session or other handle is acquired and, on some path that "
                  "returns, is neither released, returned, stored where it outlives the function, nor handed to a "
                  "function that releases or keeps it; or the last variable holding it is overwritten.",
     .level = SEV_WARNING,
     .tags = "reliability external/cwe/cwe-775 external/cwe/cwe-404",
     .precision = "high"},
    {.id = "handle-double-release",
     .name = "HandleDoubleRelease",
     .short_desc = "Handle released twice",
     .full_desc = "The same handle is released a second time on some path (fclose/close/free of an already released "
                  "handle), which corrupts the allocator or closes an unrelated descriptor that reused the number.",
     .level = SEV_WARNING,
     .tags = "reliability security external/cwe/cwe-1341",
     .precision = "high",
     .security_severity = "7.0"},
    {.id = "handle-use-after-release",
     .name = "HandleUseAfterRelease",
     .short_desc = "Handle used after it was released",
     .full_desc = "A handle is passed to a function that uses it after it was released on the same path.",
     .level = SEV_WARNING,
     .tags = "reliability security external/cwe/cwe-416",
     .precision = "high",
     .security_severity = "7.5"},
    {.id = "handle-mismatched-release",
     .name = "HandleMismatchedRelease",
     .short_desc = "Handle released by the wrong kind's function",
     .full_desc = "A handle is released by a function meant for another kind of resource, e.g. a popen() stream "
                  "closed with fclose() or a FILE* from fopen() closed with pclose().",
     .level = SEV_WARNING,
     .tags = "reliability external/cwe/cwe-762",
     .precision = "high"},
    {.id = "missing-timeout",
     .name = "MissingTimeout",
     .short_desc = "Blocking network call with no time bound",
     .full_desc = "A call that waits on a remote peer (curl_easy_perform, connect/recv on a blocking socket, "
                  "redisCommand, PQconnectdb, mysql_real_connect) is made on a handle that has no timeout on some "
                  "path from its creation, so a peer that stops answering hangs the caller forever.",
     .level = SEV_WARNING,
     .tags = "reliability external/cwe/cwe-400 external/cwe/cwe-1088",
     .precision = "high"},
};

static const resource_family handle_family = {
    .threads = false,
    .leak_rule = "handle-leak",
    .double_rule = "handle-double-release",
    .use_rule = "handle-use-after-release",
    .mismatch_rule = "handle-mismatched-release",
    .timeout_rule = "missing-timeout",
    .acquired = "acquired",
    .released = "released",
    .not_released = "is not released",
    .holds = "the handle",
};

static void *handle_entry(engine_ctx *cx) {
    return tracker_entry(cx, &handle_family);
}

const checker_ops handle_checker = TRACKER_CHECKER("handles", handle_rules, handle_entry);
