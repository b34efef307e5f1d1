/* MUL: the exact product (48 bits at most) rounded once to E; the sign of
 * a zero product is the exclusive or of the operands' signs. */
#include "hw_alu_internal.h"

float hw_alu_mul(const mx_format *e, float a, float b, unsigned *flags)
{
    const alu_fp x = alu_unpack(a), y = alu_unpack(b);
    const bool neg = x.neg != y.neg;
    if (x.cls == ALU_NAN || y.cls == ALU_NAN) {
        return alu_nan();
    }
    if (x.cls == ALU_INF || y.cls == ALU_INF) {
        const bool zero = (x.cls == ALU_FINITE && x.sig == 0) || (y.cls == ALU_FINITE && y.sig == 0);
        return zero ? alu_nan() : alu_signed_inf(neg); /* 0 * Inf */
    }
    const alu_raw r = {neg, (uint64_t)x.sig * y.sig, x.exp + y.exp};
    return hw_alu_round(e, r, flags);
}
