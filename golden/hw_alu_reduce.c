/* The running reductions of softmax: RMAX starts from the first element;
 * RSUM adds in IEEE fp32 (nearest-even) from +0 in input order and
 * QUANTizes the final sum. */
#include <math.h>

#include "hw_alu_internal.h"

float mx_hw_alu_sum_step(float acc, float x)
{
    const float s = acc + x;
    return isnan(s) ? alu_nan() : s;
}

float mx_hw_alu_running_max(const float *x, size_t n)
{
    float m = isnan(x[0]) ? alu_nan() : x[0];
    for (size_t i = 1; i < n; i++) {
        m = mx_hw_alu_max(m, x[i]);
    }
    return m;
}

float mx_hw_alu_running_sum(const mx_format *e, const float *x, size_t n, unsigned *flags)
{
    float acc = 0.0f;
    for (size_t i = 0; i < n; i++) {
        acc = mx_hw_alu_sum_step(acc, x[i]);
    }
    return hw_alu_quant(e, acc, flags);
}
