/* registry.c — which checkers run, and so which rules exist (rules.c reads the rule tables from here). */
#include "registry.h"

static const checker_ops *const all_checkers[] = {
    &stack_escape_checker,
    &handle_checker,
    &thread_checker,
    &session_checker,
};

const checker_ops *const *checkers_all(size_t *count) {
    *count = sizeof all_checkers / sizeof all_checkers[0];
    return all_checkers;
}
