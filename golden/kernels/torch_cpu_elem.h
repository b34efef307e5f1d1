/* torch-cpu profile: microxcaling's _quantize_elemwise_core as PyTorch runs it
 * on a CPU, one fp32 operation at a time, in the same order (docs/numerics.md,
 * "torch-cpu: scalar quantization", whose step numbers the comments below
 * give). Every line below is one torch op; the fp32 roundings they make are
 * the profile. */
#ifndef MXACCEL_TORCH_CPU_ELEM_H
#define MXACCEL_TORCH_CPU_ELEM_H

#include <math.h>

#include "quant_params.h"
#include "torch_floor_log2.h"

/* torch.sign: (0 < s) - (s < 0); zero and NaN give 0. Built from the bits
 * with integer selects, which the vectorizer handles. */
static inline float torch_sign(float s)
{
    const uint32_t b = mx_f2u(s);
    const uint32_t mag = b & 0x7fffffffu;
    const uint32_t one = (mag != 0 && mag <= 0x7f800000u) ? 0x3f800000u : 0u;
    return mx_u2f(one | (one ? (b & 0x80000000u) : 0u));
}

/* Straight-line selects so loops vectorize; the torch op each line mirrors
 * is named beside it. */
/* `log2a` is floor(log2f(abs(a) + (a == 0))) as torch computes it: callers
 * pass the fast exponent and redo the rare inputs just below a power of two
 * (torch_log2_suspect) with the exact table value. `round` and `is_int`
 * (= p->is_int) are compile-time constants in the callers' loops. */
static inline float torch_cpu_quantize(const elem_params *p, float a, int log2a, int round,
                                       int is_int)
{
    const uint32_t abits = mx_f2u(a) & 0x7fffffffu;
    const float absa = mx_u2f(abits);
    /* step 1: out = (abs(A) >= min_norm) * A when subnormals are flushed (-x * 0 = -0) */
    const int flush = !is_int && !p->denorm;
    const float v = a * ((flush && !(absa >= p->min_norm)) ? 0.0f : 1.0f);

    /* step 2: private_exp = floor(log2(abs(A) + (A == 0))).clip(min=emin); ints: e = 0 */
    int e = log2a < p->emin ? p->emin : log2a;
    e = is_int ? 0 : e;
    /* 2**e is Inf for e = 128 (|A| within 44 ulps of FLT_MAX), and v / Inf = 0 */
    const float pw = mx_pow2f(e > 128 ? 128 : e);
    const float inv = e > 127 ? 0.0f : mx_pow2f(-e);
    /* step 3, _safe_lshift: A / 2^e * 2^(bits-2) (ints: A * 2^(bits-2)) */
    const float s = v * inv * p->scale_up;

    /* step 4, _round_mantissa */
    const float as = fabsf(s);
    const float sg = torch_sign(s);
    float k;
    if (round == MX_ROUND_FLOOR) {
        k = sg * floorf(as);
    } else {
        float up = floorf(as + 0.5f); /* this fp32 add can round */
        if (round == MX_ROUND_EVEN) {
            /* ((absA - 0.5) % 2 == 0): the fp32 difference is an even integer */
            const float h = (as - 0.5f) * 0.5f;
            up = up - (floorf(h) == h ? 1.0f : 0.0f);
        }
        k = sg * up;
    }

    /* step 5, _safe_rshift: A / 2^(bits-2) * 2^e */
    float r = k * p->scale_down * pw;
    /* step 6: clamp, or overflow to sign(out) * Inf */
    const float clamped = r < -p->max_norm ? -p->max_norm : (r > p->max_norm ? p->max_norm : r);
    const float infd = fabsf(r) > p->max_norm ? (r > 0.0f ? INFINITY : -INFINITY) : r;
    /* choose by integer mask: the vectorizer takes loop-invariant selects on ints */
    const uint32_t sat = p->saturate ? 0xffffffffu : 0u;
    r = mx_u2f((mx_f2u(clamped) & sat) | (mx_f2u(infd) & ~sat));
    /* step 7: out[A == +-Inf] = +-Inf; a NaN input stays NaN */
    return abits >= 0x7f800000u ? a : r;
}

/* The argument of torch's log2 for input a: abs(a) + (a == 0). */
static inline uint32_t torch_log2_arg(float a)
{
    const uint32_t abits = mx_f2u(a) & 0x7fffffffu;
    return abits == 0 ? 0x3f800000u : abits;
}

/* Inputs whose floor(log2f) may differ from the exponent field. */
static inline int torch_log2_suspect(float a, uint32_t suspect_min)
{
    return (mx_f2u(a) & 0x7fffffu) >= suspect_min;
}

#endif
