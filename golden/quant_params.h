/* Parameters of one quantization call, derived once from the public specs and
 * passed to the per-ISA kernels (golden/kernels/). Internal header. */
#ifndef MXACCEL_QUANT_PARAMS_H
#define MXACCEL_QUANT_PARAMS_H

#include <stdint.h>
#include <string.h>

#include "mxaccel/quantize.h"

/* Everything an element quantizer needs, as plain integers and floats. */
typedef struct elem_params {
    int round;           /* mx_round */
    int is_int;          /* integer target (no exponent) */
    int ebits;           /* exponent bits of the target */
    int bits;            /* sign + implicit + trailing bits (microxcaling "bits") */
    int trailing;        /* bits - 2: trailing mantissa (fraction bits for ints) */
    int emin;            /* smallest normal exponent (floats) */
    int saturate;        /* clamp finite overflow to +-max (always for ints) */
    int denorm;          /* keep target subnormals */
    int identity;        /* torch-cpu / cuda-kernel bfloat32 shortcut: no quantization */
    float max_norm;      /* largest finite magnitude, as fp32 */
    uint32_t max_bits;   /* bit pattern of max_norm */
    float scale_up;      /* 2^(bits-2) */
    float scale_down;    /* 2^-(bits-2) */
    float min_norm;      /* 2^emin */
    int cuda_bias;       /* target exponent bias, 1 for ints (CUDA kernels) */
    uint32_t log2_suspect_min; /* torch-cpu: see mx_torch_log2_suspect_min() */
    int gpu_nan;         /* cuda-kernel: a NaN input counts as 0x7fffffff (mx_elem_spec) */
} elem_params;

/* An MX block call: the element quantizer (saturating, subnormals kept) plus
 * the shared-exponent rule. */
typedef struct block_params {
    elem_params elem;
    int elem_emax;       /* emax of the element format (shared exponent offset) */
    int scale_emax;      /* 2^(scale_bits-1) - 1 */
    int block_size;
} block_params;

void mx_elem_params_init(elem_params *p, const mx_format *f, mx_round round, int saturate,
                         int denorm, mx_profile profile);
void mx_block_params_init(block_params *p, const mx_block_spec *spec);

/* Exact 2^e as fp32 for e in [-149, 127] (subnormal powers included). */
static inline float mx_pow2f(int e)
{
    const uint32_t u = e >= -126 ? (uint32_t)(e + 127) << 23 : 1u << ((e + 149) & 31);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Bit casts; memcpy is what the vectorizer recognizes as a plain reinterpretation. */
static inline uint32_t mx_f2u(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static inline float mx_u2f(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

#define MX_CANONICAL_NAN 0x7fc00000u

#endif
