/* cuda-kernel profile: microxcaling's quantize_elemwise (mx/cpp/quantize.cuh),
 * the bit logic its CUDA kernels run on the fp32 encoding, with its quirks
 * kept: +0 for any zero result, no round-up past the top integer code, and an
 * exponent carry out of 255 that lands in the sign bit (docs/numerics.md,
 * "cuda-kernel: scalar quantization", step 9; the comments below give the
 * other steps' numbers). */
#ifndef MXACCEL_CUDA_KERNEL_ELEM_H
#define MXACCEL_CUDA_KERNEL_ELEM_H

#include <math.h>

#include "quant_params.h"

/* Written as straight-line selects (no early returns) so loops vectorize;
 * each step names the kernel function it mirrors. */
static inline uint32_t cuda_kernel_quantize_bits(const elem_params *p, uint32_t in, int round)
{
    const uint32_t sign = in >> 31;
    const int exp = (int)((in >> 23) & 0xffu);
    const uint32_t tmant = in & 0x7fffffu;
    const int mbits = p->bits - 1;
    const int new_biased_exp = exp - 127 + p->cuda_bias;
    /* steps 1-3: input == 0.0f, or a subnormal of the target when those are
     * flushed: +0.0 (applied at the end) */
    const int flush_sub = !p->is_int && !p->denorm;
    const uint32_t zero_in = (in & 0x7fffffffu) == 0 ? 1u : 0u;
    const uint32_t flushed = new_biased_exp < 1 ? (uint32_t)flush_sub : 0u;
    /* step 4: a target subnormal's extra shift, then the significand */
    int exp_diff = new_biased_exp <= 0 ? 1 - new_biased_exp : 0;
    exp_diff = exp_diff > 24 ? 24 : exp_diff;
    const int is_subnorm = exp == 0;

    /* shift_right_round_mantissa (steps 4-6) */
    uint32_t mant = is_subnorm ? tmant : tmant + 0x800000u;
    const int sig_bits = is_subnorm ? 23 : 24;
    /* step 5, round-to-even: tie/even read before shifting. Masks wider than
     * 24 bits only matter when the shifted mantissa is 0 anyway; clamping
     * keeps the shifts defined. */
    const int tbits = exp_diff + sig_bits - mbits;
    const int tb = tbits > 31 ? 31 : (tbits < 1 ? 1 : tbits);
    const int tie = (mant & ((1u << (tb - 1)) - 1u)) == 0;
    const int even = tbits > 31 || ((mant >> tb) & 1u) == 0;
    const int no_bump = round == MX_ROUND_EVEN && tie && even;
    /* step 6: shift, leaving one rounding bit, round, drop it */
    mant >>= exp_diff;
    const int down = sig_bits - mbits - 1;
    mant >>= down > 0 ? down : 0; /* bits = 24 with a subnormal input: no shift */
    const int allow_overflow = !p->is_int;
    const int bump = round != MX_ROUND_FLOOR && (allow_overflow || mant != (1u << (mbits + 1)) - 1u) &&
                     !no_bump;
    mant = (bump ? mant + 1u : mant) >> 1;

    /* step 8, shift_left_mantissa */
    /* a non-zero mant has had at least this many bits shifted out, so the
     * shift is <= 24 whenever it matters; the clamp only keeps it defined */
    const int left = sig_bits - mbits + exp_diff;
    const uint32_t up = mant << (left > 31 ? 31 : (left < 0 ? 0 : left));
    const int overflow = up >= (1u << sig_bits);
    const uint32_t norm = ((overflow && !is_subnorm) ? up >> 1 : up) & 0x7fffffu;
    const uint32_t biased = overflow ? (uint32_t)exp + 1u : (uint32_t)exp;

    /* step 9, construct_float in 32-bit arithmetic: exponent 256 carries
     * into the sign; step 10: overflow; step 7: a zero mantissa gives +0 */
    uint32_t out = norm | (biased << 23) | (sign << 31);
    const uint32_t over = p->saturate ? (p->max_bits | (sign << 31)) : ((sign << 31) | 0x7f800000u);
    out = fabsf(mx_u2f(out)) > p->max_norm ? over : out; /* false for NaN */
    out = mant == 0 ? 0u : out;
    return (zero_in | flushed) ? 0u : out;
}

#endif
