/* hw profile: the accelerator's element quantizer (docs/hw-arithmetic.md).
 * One exact rounding of sig * 2^(exp - off) onto the target's grid; the
 * exponent comes from the encoding. `off` is the MX shared exponent (0 for
 * elementwise use), applied exactly. */
#ifndef MXACCEL_HW_ELEM_H
#define MXACCEL_HW_ELEM_H

#include "quant_params.h"

/* floor(log2(x)) of a positive finite magnitude, from its encoding.
 * Subnormals: the trailing field converts to fp32 exactly, exposing its top bit. */
static inline int hw_floor_log2(uint32_t mag)
{
    uint32_t e = mag >> 23;
    int sub_log2 = (int)(mx_f2u((float)(int32_t)(mag & 0x7fffffu)) >> 23) - 127 - 149;
    return e == 0 ? sub_log2 : (int)e - 127;
}

/* Straight-line selects (no branches) so that loops over it vectorize. */
static inline uint32_t hw_quantize_bits(const elem_params *p, uint32_t in, int off, int round)
{
    const uint32_t sign = in & 0x80000000u;
    const uint32_t mag = in & 0x7fffffffu;
    const uint32_t exp = mag >> 23;
    const int is_sub = exp == 0;
    const uint32_t sig = is_sub ? (mag & 0x7fffffu) : ((mag & 0x7fffffu) | 0x800000u);
    const int eu = is_sub ? -126 : (int)exp - 127; /* value = sig * 2^(eu - 23) */
    const int es = hw_floor_log2(mag) - off;       /* exponent of the scaled value */

    /* quantum 2^g: the target's ulp at this exponent */
    const int g = p->is_int ? -p->trailing : (es < p->emin ? p->emin : es) - p->trailing;
    const int shift = g - (eu - off - 23); /* low bits of sig below the quantum */

    /* shift <= 0: already on the grid (only targets wider than fp32 get here) */
    const int lsh = shift >= 0 ? 0 : (-shift > 7 ? 7 : -shift);
    /* shift > 0: round away `rs` bits; sig < 2^24, so 25 leaves nothing */
    const int rs = shift < 1 ? 1 : (shift > 25 ? 25 : shift);
    const uint32_t half = 1u << (rs - 1);
    const uint32_t trunc = sig >> rs;
    uint32_t k;
    if (round == MX_ROUND_NEAREST) {
        k = (sig + half) >> rs; /* ties away from zero */
    } else if (round == MX_ROUND_EVEN) {
        k = (sig + half - 1u + (trunc & 1u)) >> rs;
    } else {
        k = trunc; /* toward zero */
    }
    k = shift <= 0 ? sig << lsh : k;

    uint32_t ybits = mx_f2u((float)(int32_t)k * mx_pow2f(g)); /* exact: k * 2^g is on the fp32 grid */
    ybits = (p->is_int && es >= 1) ? 0x7f800000u : ybits; /* |x| >= 2 > every int max */
    ybits = ybits > p->max_bits ? (p->saturate ? p->max_bits : 0x7f800000u) : ybits;

    uint32_t out = p->is_int ? (ybits ? ybits | sign : 0u) : (ybits | sign);
    out = (!p->is_int && !p->denorm && es < p->emin) ? sign : out; /* flushed before rounding */
    out = mag >= 0x7f800000u ? (mag == 0x7f800000u ? in : MX_CANONICAL_NAN) : out;
    return out;
}

#endif
