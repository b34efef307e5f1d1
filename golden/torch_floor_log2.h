/* floor(log2f(x)) exactly as PyTorch computes it on a CPU (SLEEF 3.5.1
 * log2f u10, the FMA variant that torch's AVX2 build calls). Internal header. */
#ifndef MXACCEL_TORCH_FLOOR_LOG2_H
#define MXACCEL_TORCH_FLOOR_LOG2_H

#include <stdint.h>

/*
 * SLEEF's log2f rounds up to the next integer for inputs just below a power of
 * two (44 ulps in most binades). thresholds[E] is the smallest trailing
 * mantissa of biased exponent E (1..254) whose floor(log2f) is E - 126
 * instead of E - 127 (0x800000 when none). Built once from SLEEF itself.
 */
const uint32_t *mx_torch_log2_thresholds(void);

/* The smallest threshold over all binades: mantissas below it never round up,
 * so floor(log2f) is the exponent field (the vectorized fast path). */
uint32_t mx_torch_log2_suspect_min(void);

/* floor(log2f(x)) for every x whose trailing mantissa is below
 * mx_torch_log2_suspect_min(); subnormals give -127, Inf/NaN 128. */
static inline int mx_torch_floor_log2_fast(uint32_t bits)
{
    return (int)((bits >> 23) & 0xffu) - 127;
}

/* floor(log2f(x)) for x = +|bits| (sign ignored); subnormals give -127 (every
 * caller clamps to >= -127 or more); Inf/NaN give 128 (callers special-case). */
static inline int mx_torch_floor_log2(const uint32_t *thresholds, uint32_t bits)
{
    const uint32_t e = (bits >> 23) & 0xffu;
    const uint32_t t = bits & 0x7fffffu;
    return t >= thresholds[e] ? (int)e - 126 : (int)e - 127;
}

#endif
