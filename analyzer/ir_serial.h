/* ir_serial.h — an ir_module as bytes and back, so a TU can be parsed and lowered in a worker process and its IR
 * analysed in the parent (parse_pool.c). The copy is exact: every field, and strings that were one pointer in the
 * original (interned file names) are one pointer in the copy. */
#ifndef LIFELINE_IR_SERIAL_H
#define LIFELINE_IR_SERIAL_H

#include "ir.h"
#include "wire.h"

void ir_module_write(wire_buf *b, const ir_module *m);
/* A new module (free with ir_module_free), or NULL when the bytes are not a whole, consistent module. */
ir_module *ir_module_read(wire_reader *r);

#endif
