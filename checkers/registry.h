/* registry.h — the list of checkers lifeline runs, in a fixed order. Adding a checker is one line in registry.c. */
#ifndef LIFELINE_REGISTRY_H
#define LIFELINE_REGISTRY_H

#include <stddef.h>

#include "engine.h"

const checker_ops *const *checkers_all(size_t *count);

extern const checker_ops stack_escape_checker;
extern const checker_ops handle_checker;
extern const checker_ops thread_checker;
extern const checker_ops session_checker;

#endif
