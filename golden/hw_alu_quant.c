/* QUANT: fp32 -> E, the hw elementwise quantizer itself, with what it did. */
#include <math.h>

#include "hw_alu_internal.h"

float hw_alu_quant(const mx_format *e, float x, unsigned *flags)
{
    const float y = mx_hw_alu_quant(e, x);
    if (isfinite(x) && isinf(y)) {
        alu_flag(flags, MX_ALU_OVERFLOW);
    }
    if (x != 0.0f && y == 0.0f) {
        alu_flag(flags, MX_ALU_FLUSHED);
    }
    return y;
}
