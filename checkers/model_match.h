/* model_match.h — reading a call's arguments the way model entries describe them: "argument 1 is the option
 * CURLOPT_TIMEOUT", "argument 2 has the SOCK_NONBLOCK bit". Shared by the timeout and session rules. */
#ifndef LIFELINE_MODEL_MATCH_H
#define LIFELINE_MODEL_MATCH_H

#include "engine.h"

typedef enum tri { T_NO, T_YES, T_UNKNOWN } tri;

/* Is bit `flag` set in the value? Constants (also those the engine knows a local holds) and | / & of them are
 * read; anything else is unknown. */
tri model_has_flag(engine_ctx *cx, const ir_operand *op, int64_t flag);

/* Is argument `option` of the call the constant a model entry names — by its name as written (an enumerator or a
 * macro), or by value (also through a local the engine knows the value of)? option < 0: always. */
bool model_option_is(engine_ctx *cx, const ir_call *call, int32_t option, const char *name, bool has_value,
                     int64_t value);

#endif
