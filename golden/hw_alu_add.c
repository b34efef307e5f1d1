/* ADD and SUB: the exact sum rounded once to E. An exact zero sum is +0
 * unless both addends are -0 (IEEE, round to nearest). */
#include "hw_alu_internal.h"

static float add(const mx_format *e, float a, float b, bool negate_b, unsigned *flags)
{
    /* x the operand of larger magnitude (fp32 encodings order magnitudes) */
    const bool swap = (mx_f2u(b) & 0x7fffffffu) > (mx_f2u(a) & 0x7fffffffu);
    alu_fp x = alu_unpack(swap ? b : a), y = alu_unpack(swap ? a : b);
    if (swap) {
        x.neg ^= negate_b;
    } else {
        y.neg ^= negate_b;
    }
    if (x.cls == ALU_NAN || y.cls == ALU_NAN) {
        return alu_nan();
    }
    if (x.cls == ALU_INF) {
        return y.cls == ALU_INF && x.neg != y.neg ? alu_nan() : alu_signed_inf(x.neg);
    }
    /* Significands from bit 39 up: the smaller one keeps 39 bits below its
     * alignment, then a sticky bit. A difference that loses bits (d > 39)
     * cancels at most one leading bit, so the sticky bit stays far below E's
     * quantum. */
    const uint64_t big = (uint64_t)x.sig << 39;
    const uint64_t small = (uint64_t)y.sig << 39;
    const int d = x.exp - y.exp;
    uint64_t aligned;
    if (d == 0) {
        aligned = small;
    } else if (d < 64) {
        aligned = (small >> d) | ((small & ((UINT64_C(1) << d) - 1)) != 0);
    } else {
        aligned = small != 0;
    }
    alu_raw r = {x.neg, x.neg == y.neg ? big + aligned : big - aligned, x.exp - 39};
    if (r.mag == 0) {
        r.neg = x.neg && y.neg; /* only (-0) + (-0) is -0 */
    }
    return hw_alu_round(e, r, flags);
}

float hw_alu_add(const mx_format *e, float a, float b, unsigned *flags)
{
    return add(e, a, b, false, flags);
}

float hw_alu_sub(const mx_format *e, float a, float b, unsigned *flags)
{
    return add(e, a, b, true, flags);
}
