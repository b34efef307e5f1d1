/* LOG: log(x) correctly rounded to E, computed as EXP is (hw_alu_exp.c):
 * logl's value rounded once, with the margin to every rounding boundary
 * proven by tests/rtl/alu. log(+-0) = -Inf, log(x < 0) = NaN,
 * log(+Inf) = +Inf, log(1) = +0. */
#include <math.h>

#include "hw_alu_internal.h"

float hw_alu_log(const mx_format *e, float a, unsigned *flags)
{
    const float x = hw_alu_operand(e, a);
    if (isnan(x) || x < 0.0f) {
        return alu_nan();
    }
    if (x == 0.0f) {
        return alu_signed_inf(true);
    }
    if (isinf(x)) {
        return x;
    }
    if (x == 1.0f) {
        return 0.0f; /* exact: no rounding */
    }
    return hw_alu_round_long(e, logl((long double)x), flags);
}
