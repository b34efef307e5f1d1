/* The one rounding of the hw ALU: an unrounded result to E, round to
 * nearest with ties away from zero. Ties away needs only the guard bit
 * (the first bit below the quantum): the rest can never decide. */
#include <float.h>
#include <math.h>

#include "hw_alu_internal.h"

float hw_alu_round(const mx_format *e, alu_raw r, unsigned *flags)
{
    if (r.mag == 0) {
        return r.neg ? -0.0f : 0.0f;
    }
    const int t = mx_format_trailing_bits(e);
    const int lead = 63 - __builtin_clzll(r.mag);
    /* quantum of the result: normals keep t + 1 bits, subnormals share emin's */
    int q = lead + r.exp - t;
    if (q < e->emin - t) {
        q = e->emin - t;
    }
    const int rs = q - r.exp;
    uint64_t k;
    if (rs <= 0) {
        k = r.mag << -rs; /* exact: below 2^(t+1) */
    } else if (rs > 64) {
        k = 0; /* below half the quantum */
    } else {
        const uint64_t guard = (r.mag >> (rs - 1)) & 1u;
        k = (rs == 64 ? 0 : r.mag >> rs) + guard;
    }
    if (k == 0) {
        alu_flag(flags, MX_ALU_FLUSHED);
        return r.neg ? -0.0f : 0.0f; /* keeps its sign, as q does */
    }
    /* k <= 2^(t+1): a rounding carry may reach the next binade */
    if (63 - __builtin_clzll(k) + q > e->emax) {
        alu_flag(flags, MX_ALU_OVERFLOW);
        return alu_signed_inf(r.neg);
    }
    const float v = (float)k * mx_pow2f(q); /* exact: E's values are fp32 values */
    return r.neg ? -v : v;
}

float hw_alu_round_long(const mx_format *e, long double v, unsigned *flags)
{
    _Static_assert(LDBL_MANT_DIG == 64, "long double must be the x87 extended format");
    const bool neg = signbit(v);
    if (isinf(v)) {
        alu_flag(flags, MX_ALU_OVERFLOW);
        return alu_signed_inf(neg);
    }
    /* exp is never zero and log only at 1 (no rounding there): 0 is an underflow */
    if (v == 0.0L) {
        alu_flag(flags, MX_ALU_FLUSHED);
        return neg ? -0.0f : 0.0f;
    }
    int x;
    const long double f = frexpl(fabsl(v), &x); /* |v| = f * 2^x, f in [0.5, 1) */
    const alu_raw r = {neg, (uint64_t)ldexpl(f, 64), x - 64};
    return hw_alu_round(e, r, flags);
}
