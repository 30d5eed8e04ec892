/* core_facts.h — the engine-level summary pass (constant returns, noreturn) that runs before the checkers. */
#ifndef LIFELINE_CORE_FACTS_H
#define LIFELINE_CORE_FACTS_H

#include "engine.h"

extern const checker_ops core_facts_checker;

#endif
