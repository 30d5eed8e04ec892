/* model_match.c — see model_match.h. */
#include "model_match.h"

#include <string.h>

tri model_has_flag(engine_ctx *cx, const ir_operand *op, int64_t flag) {
    int64_t v;
    if (engine_const_value(cx, op, &v)) return (v & flag) ? T_YES : T_NO;
    if (op->kind != OPND_ARITH || !op->lhs || !op->rhs) return T_UNKNOWN;
    tri l = model_has_flag(cx, op->lhs, flag), r = model_has_flag(cx, op->rhs, flag);
    if (op->op == ARITH_OR) return l == T_YES || r == T_YES ? T_YES : l == T_NO && r == T_NO ? T_NO : T_UNKNOWN;
    if (op->op == ARITH_AND) return l == T_NO || r == T_NO ? T_NO : l == T_YES && r == T_YES ? T_YES : T_UNKNOWN;
    return T_UNKNOWN;
}

bool model_option_is(engine_ctx *cx, const ir_call *call, int32_t option, const char *name, bool has_value,
                     int64_t value) {
    if (option < 0) return true;
    if ((uint32_t)option >= call->nargs) return false;
    const ir_operand *a = &call->args[option];
    if (name) return a->kind == OPND_INT && a->text && !strcmp(a->text, name);
    int64_t v;
    return has_value && engine_const_value(cx, a, &v) && v == value;
}
