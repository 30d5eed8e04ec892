/* tu_wire.h — the messages between lifeline and a parse worker process (parse_pool.c, parse_worker.c): a compile job
 * going out; a "parsed" mark (libclang is done, lowering starts) and the front end's result coming back. */
#ifndef LIFELINE_TU_WIRE_H
#define LIFELINE_TU_WIRE_H

#include <stdbool.h>

#include "frontend.h"
#include "wire.h"

/* The first byte of each message. */
enum { TU_WIRE_JOB = 'J', TU_WIRE_PARSED = 'P', TU_WIRE_RESULT = 'R' };

void tu_wire_put_job(wire_buf *b, const compile_job *job, const frontend_options *opt);
/* Fills job (heap copies; compile_job_free) and opt (parse_only; unsaved contents in *unsaved, heap, NULL for
 * none). False on a malformed message, with nothing to free. */
bool tu_wire_get_job(wire_reader *r, compile_job *job, frontend_options *opt, char **unsaved);

void tu_wire_put_result(wire_buf *b, const frontend_result *fe);
/* False on a malformed message; out is then empty. */
bool tu_wire_get_result(wire_reader *r, frontend_result *out);

#endif
