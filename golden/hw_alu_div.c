/* DIV: the exact quotient rounded once to E. The dividend is normalized to
 * bit 63, so the integer quotient by a 24-bit divisor has at least 40 bits.
 * The remainder is dropped: rounding to nearest with ties away only asks
 * which half-quantum interval holds the value, and truncating far below
 * the half quantum never changes that. x / 0 is +-Inf, 0 / 0 and
 * Inf / Inf are NaN; signs as IEEE (exclusive or). */
#include "hw_alu_internal.h"

float hw_alu_div(const mx_format *e, float a, float b, unsigned *flags)
{
    const alu_fp x = alu_unpack(a), y = alu_unpack(b);
    const bool neg = x.neg != y.neg;
    if (x.cls == ALU_NAN || y.cls == ALU_NAN || (x.cls == ALU_INF && y.cls == ALU_INF)) {
        return alu_nan();
    }
    const bool x_zero = x.cls == ALU_FINITE && x.sig == 0;
    const bool y_zero = y.cls == ALU_FINITE && y.sig == 0;
    if (x_zero && y_zero) {
        return alu_nan();
    }
    if (x.cls == ALU_INF || y_zero) {
        return alu_signed_inf(neg);
    }
    if (y.cls == ALU_INF || x_zero) {
        return neg ? -0.0f : 0.0f;
    }
    const int lz = __builtin_clzll((uint64_t)x.sig);
    const alu_raw r = {neg, ((uint64_t)x.sig << lz) / y.sig, x.exp - lz - y.exp};
    return hw_alu_round(e, r, flags);
}
