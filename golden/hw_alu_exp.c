/* EXP: exp(x) correctly rounded to E. exp is computed in long double (64-bit
 * significand; glibc's expl is within a few of its ulps) and rounded once.
 * tests/rtl/alu proves, for every code of every ALU format, that the exact
 * value lies further than 2^-56 (relative) from every rounding boundary of
 * E, so this one rounding is the correct rounding of the exact value. */
#include <math.h>

#include "hw_alu_internal.h"

float hw_alu_exp(const mx_format *e, float a, unsigned *flags)
{
    const float x = hw_alu_operand(e, a);
    if (isnan(x)) {
        return alu_nan();
    }
    if (isinf(x)) {
        return x > 0.0f ? x : 0.0f; /* exp(-Inf) = +0 exactly */
    }
    /* expl underflows to 0 (below 2^-16445) or overflows long before E does */
    return hw_alu_round_long(e, expl((long double)x), flags);
}
