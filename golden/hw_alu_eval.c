/* The ALU's operations by opcode, on values and on codes. */
#include "hw_alu_internal.h"

float mx_hw_alu_eval(const mx_format *e, mx_alu_op op, float a, float b, unsigned *flags)
{
    switch (op) {
    case MX_ALU_QUANT:
        return hw_alu_quant(e, a, flags);
    case MX_ALU_ADD:
        return hw_alu_add(e, a, b, flags);
    case MX_ALU_SUB:
        return hw_alu_sub(e, a, b, flags);
    case MX_ALU_MUL:
        return hw_alu_mul(e, a, b, flags);
    case MX_ALU_DIV:
        return hw_alu_div(e, a, b, flags);
    case MX_ALU_MAX:
        return mx_hw_alu_max(a, b);
    case MX_ALU_RELU:
        return mx_hw_alu_relu(a);
    case MX_ALU_EXP:
        return hw_alu_exp(e, a, flags);
    case MX_ALU_LOG:
        return hw_alu_log(e, a, flags);
    default:
        return alu_nan(); /* reductions hold state: not one operation */
    }
}

uint32_t mx_hw_alu_eval_code(const mx_format *e, mx_alu_op op, uint32_t a, uint32_t b)
{
    const float va = op == MX_ALU_QUANT ? mx_u2f(a) : mx_hw_alu_decode(e, a);
    const float vb = mx_hw_alu_decode(e, b);
    return mx_hw_alu_encode(e, mx_hw_alu_eval(e, op, va, vb, NULL));
}

float mx_hw_alu_add(const mx_format *e, float a, float b) { return hw_alu_add(e, a, b, NULL); }
float mx_hw_alu_sub(const mx_format *e, float a, float b) { return hw_alu_sub(e, a, b, NULL); }
float mx_hw_alu_mul(const mx_format *e, float a, float b) { return hw_alu_mul(e, a, b, NULL); }
float mx_hw_alu_div(const mx_format *e, float a, float b) { return hw_alu_div(e, a, b, NULL); }
float mx_hw_alu_exp(const mx_format *e, float x) { return hw_alu_exp(e, x, NULL); }
float mx_hw_alu_log(const mx_format *e, float x) { return hw_alu_log(e, x, NULL); }
