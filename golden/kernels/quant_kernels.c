/* Loops over the element quantizers of the three profiles. This file is
 * compiled once per instruction set (MX_KERNEL_ISA = generic | avx2 | avx512)
 * and relies on the compiler's auto-vectorizer: the element functions are
 * branch-free selects on integers and floats, and the rounding mode is a
 * compile-time constant inside each loop. Every operation is exact or one
 * IEEE-rounded fp32 operation with no contraction, so all variants give the
 * same bits (tests/hw checks this). */
#include <string.h>

#include "cuda_kernel_elem.h"
#include "hw_elem.h"
#include "kernel_name.h"
#include "quant_kernels.h"
#include "torch_cpu_elem.h"


/* Expands `stmt(R)` inside a loop once per rounding mode, so that R is a
 * constant the compiler folds into the element function. */
#define FOR_EACH_ROUND(round, stmt)                                                              \
    switch (round) {                                                                             \
    case MX_ROUND_NEAREST:                                                                       \
        stmt(MX_ROUND_NEAREST);                                                                  \
        break;                                                                                   \
    case MX_ROUND_EVEN:                                                                          \
        stmt(MX_ROUND_EVEN);                                                                     \
        break;                                                                                   \
    default:                                                                                     \
        stmt(MX_ROUND_FLOOR);                                                                    \
        break;                                                                                   \
    }

/* The same for torch-cpu, whose loops also fix whether the target is an
 * integer format (stmt(R, I)). */
#define FOR_EACH_ROUND_INT(round, is_int, stmt)                                                  \
    if (is_int) {                                                                                \
        switch (round) {                                                                         \
        case MX_ROUND_NEAREST:                                                                   \
            stmt(MX_ROUND_NEAREST, 1);                                                           \
            break;                                                                               \
        case MX_ROUND_EVEN:                                                                      \
            stmt(MX_ROUND_EVEN, 1);                                                              \
            break;                                                                               \
        default:                                                                                 \
            stmt(MX_ROUND_FLOOR, 1);                                                             \
            break;                                                                               \
        }                                                                                        \
    } else {                                                                                     \
        switch (round) {                                                                         \
        case MX_ROUND_NEAREST:                                                                   \
            stmt(MX_ROUND_NEAREST, 0);                                                           \
            break;                                                                               \
        case MX_ROUND_EVEN:                                                                      \
            stmt(MX_ROUND_EVEN, 0);                                                              \
            break;                                                                               \
        default:                                                                                 \
            stmt(MX_ROUND_FLOOR, 0);                                                             \
            break;                                                                               \
        }                                                                                        \
    }

/* ---- elementwise ---------------------------------------------------------- */

/* torch-cpu in chunks: a vectorized pass with the exponent field as
 * floor(log2f), then a scalar pass over the rare inputs just below a power
 * of two, where SLEEF's log2f may round up (torch_floor_log2.h). */
#define TORCH_CHUNK 256

static inline void torch_fix_log2_roundups(const elem_params *e, const uint32_t *thr,
                                           const float *x, float *y, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (torch_log2_suspect(x[i], e->log2_suspect_min)) {
            y[i] = torch_cpu_quantize(e, x[i], mx_torch_floor_log2(thr, torch_log2_arg(x[i])),
                                      e->round, e->is_int);
        }
    }
}

static void KNAME(torch_cpu_elemwise)(const elem_params *ep, const uint32_t *thr, const float *in,
                                      float *out, size_t n)
{
    const elem_params e = *ep;
    float buf[TORCH_CHUNK];
    for (size_t c0 = 0; c0 < n; c0 += TORCH_CHUNK) {
        const size_t len = n - c0 < TORCH_CHUNK ? n - c0 : TORCH_CHUNK;
        const float *x = in + c0;
        uint32_t suspect = 0;
#define LOOP(R, I)                                                                               \
    for (size_t i = 0; i < len; i++) {                                                           \
        buf[i] = torch_cpu_quantize(&e, x[i], mx_torch_floor_log2_fast(torch_log2_arg(x[i])),    \
                                    (R), (I));                                                   \
        suspect |= torch_log2_suspect(x[i], e.log2_suspect_min) ? 1u : 0u;                      \
    }
        FOR_EACH_ROUND_INT(e.round, e.is_int, LOOP)
#undef LOOP
        if (suspect) {
            torch_fix_log2_roundups(&e, thr, x, buf, len);
        }
        memcpy(out + c0, buf, len * sizeof *buf); /* in may alias out: write last */
    }
}

static void KNAME(cuda_kernel_elemwise)(const elem_params *ep, const uint32_t *thr,
                                        const float *in, float *out, size_t n)
{
    const elem_params e = *ep;
    (void)thr;
    if (e.gpu_nan) {
        /* a model of a GPU run: its arithmetic makes every NaN 0x7fffffff.
         * Chunks through a buffer, so that both loops stay plain enough to
         * vectorize. */
        uint32_t buf[256];
        for (size_t c0 = 0; c0 < n; c0 += 256) {
            const size_t len = n - c0 < 256 ? n - c0 : 256;
            for (size_t i = 0; i < len; i++) {
                const uint32_t u = mx_f2u(in[c0 + i]);
                buf[i] = (u & 0x7fffffffu) > 0x7f800000u ? 0x7fffffffu : u;
            }
#define LOOP(R)                                                                                  \
    for (size_t i = 0; i < len; i++) {                                                           \
        out[c0 + i] = mx_u2f(cuda_kernel_quantize_bits(&e, buf[i], (R)));                        \
    }
            FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
        }
        return;
    }
#define LOOP(R)                                                                                  \
    for (size_t i = 0; i < n; i++) {                                                             \
        out[i] = mx_u2f(cuda_kernel_quantize_bits(&e, mx_f2u(in[i]), (R)));                      \
    }
    FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
}

static void KNAME(hw_elemwise)(const elem_params *ep, const uint32_t *thr, const float *in,
                               float *out, size_t n)
{
    const elem_params e = *ep;
    (void)thr;
#define LOOP(R)                                                                                  \
    for (size_t i = 0; i < n; i++) {                                                             \
        out[i] = mx_u2f(hw_quantize_bits(&e, mx_f2u(in[i]), 0, (R)));                            \
    }
    FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
}

/* ---- MX blocks ------------------------------------------------------------ */

/* max |x| as a bit pattern: NaN > Inf > finite in this order, so a NaN or Inf
 * in the block shows up as a result >= 0x7f800000. */
static inline uint32_t block_max_mag(const float *x, size_t len)
{
    uint32_t m = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t a = mx_f2u(x[i]) & 0x7fffffffu;
        m = a > m ? a : m;
    }
    return m;
}

static void fill_nan_block(float *out, float *elems, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        out[i] = mx_u2f(MX_CANONICAL_NAN);
        elems[i] = mx_u2f(MX_CANONICAL_NAN);
    }
}

/* torch-cpu: _shared_exponents + x / 2^se + _quantize_elemwise_core + * 2^se */
static void KNAME(torch_cpu_blocks)(const block_params *p, const uint32_t *thr, const float *in,
                                    float *out, float *elems, uint8_t *scales, size_t n)
{
    const elem_params e = p->elem;
    float scratch[MX_MAX_BLOCK_SIZE];
    for (size_t start = 0, b = 0; start < n; start += (size_t)p->block_size, b++) {
        const size_t len = n - start < (size_t)p->block_size ? n - start : (size_t)p->block_size;
        const float *x = in + start;
        float *y = out + start;
        float *q = elems ? elems + start : scratch; /* unconditional stores vectorize */
        const uint32_t m = block_max_mag(x, len);
        /* floor(log2(m + 2^-126 * (m == 0))) - emax; Inf/NaN make the scale NaN */
        int se = mx_torch_floor_log2(thr, m == 0 ? 0x00800000u : m) - p->elem_emax;
        if (m >= 0x7f800000u || se > p->scale_emax) {
            fill_nan_block(y, q, len);
            if (scales) {
                scales[b] = MX_SCALE_NAN;
            }
            continue;
        }
        se = se < -p->scale_emax ? -p->scale_emax : se;
        const float down = mx_pow2f(-se);
        const float up = mx_pow2f(se);
        uint32_t suspect = 0;
#define LOOP(R, I)                                                                               \
    for (size_t i = 0; i < len; i++) {                                                           \
        const float xs = x[i] * down;                                                            \
        q[i] = torch_cpu_quantize(&e, xs, mx_torch_floor_log2_fast(torch_log2_arg(xs)), (R),      \
                                  (I));                                                          \
        suspect |= torch_log2_suspect(xs, e.log2_suspect_min) ? 1u : 0u;                        \
    }
        FOR_EACH_ROUND_INT(e.round, e.is_int, LOOP)
#undef LOOP
        if (suspect) {
            for (size_t i = 0; i < len; i++) {
                const float xs = x[i] * down;
                if (torch_log2_suspect(xs, e.log2_suspect_min)) {
                    q[i] = torch_cpu_quantize(&e, xs, mx_torch_floor_log2(thr, torch_log2_arg(xs)),
                                              e.round, e.is_int);
                }
            }
        }
        for (size_t i = 0; i < len; i++) {
            y[i] = q[i] * up;
        }
        if (scales) {
            scales[b] = (uint8_t)(se + 127);
        }
    }
}

/* x86 NaN propagation of a binary fp32 operation: the first operand's NaN
 * (quieted) wins, else the second's. The reference kernels were run on x86. */
static inline uint32_t x86_nan_pick(uint32_t a, uint32_t b)
{
    if ((a & 0x7fffffffu) > 0x7f800000u) {
        return a | 0x400000u;
    }
    return b | 0x400000u;
}

/* cuda-kernel with a NaN scale (a NaN or Inf in the block): every step sees a
 * NaN operand, so the bits follow from NaN propagation alone. */
static void cuda_kernel_nan_block(const elem_params *e, const float *x, float *y, float *q,
                                  size_t len, uint32_t scale_bits)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t scaled_in = x86_nan_pick(mx_f2u(x[i]), scale_bits);
        uint32_t scaled_out = cuda_kernel_quantize_bits(e, scaled_in, e->round);
        uint32_t r = x86_nan_pick(scaled_out, scale_bits);
        y[i] = mx_u2f(r);
        q[i] = mx_u2f(scaled_out);
    }
}

/* cuda-kernel: mx_get_shared_scale + quantize_mx_elem */
static void KNAME(cuda_kernel_blocks)(const block_params *p, const uint32_t *thr, const float *in,
                                      float *out, float *elems, uint8_t *scales, size_t n)
{
    const elem_params e = p->elem;
    float scratch[MX_MAX_BLOCK_SIZE];
    (void)thr;
    for (size_t start = 0, b = 0; start < n; start += (size_t)p->block_size, b++) {
        const size_t len = n - start < (size_t)p->block_size ? n - start : (size_t)p->block_size;
        const float *x = in + start;
        float *y = out + start;
        float *q = elems ? elems + start : scratch; /* unconditional stores vectorize */
        const uint32_t m = block_max_mag(x, len);
        int se = (int)(m >> 23); /* biased exponent of the max; 255 for Inf/NaN */
        if (se != 255) {
            se -= p->elem_emax;
        }
        if (se - 127 > p->scale_emax) {
            se = 255;
        } else if (se - 127 < -p->scale_emax) {
            se = 127 - p->scale_emax;
        }
        /* scale mantissa is 0x400000 when the scale is subnormal (2^-127) or NaN */
        const uint32_t scale_bits =
            ((uint32_t)se << 23) | ((se == 0 || se == 255) ? 0x400000u : 0u);
        if (scales) {
            scales[b] = (uint8_t)se;
        }
        if (se == 255) {
            cuda_kernel_nan_block(&e, x, y, q, len, scale_bits);
            continue;
        }
        const float scale = mx_u2f(scale_bits);
        const float down = mx_pow2f(127 - (se == 0 ? 0 : se)); /* 1 / scale, exact */
#define LOOP(R)                                                                                  \
    for (size_t i = 0; i < len; i++) {                                                           \
        float v = mx_u2f(cuda_kernel_quantize_bits(&e, mx_f2u(x[i] * down), (R)));               \
        y[i] = v * scale;                                                                        \
        q[i] = v;                                                                                \
    }
        FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
    }
}

/* cuda-kernel down columns: the same scale and element logic as
 * cuda_kernel_blocks, with the loops over columns innermost so that they
 * vectorize across blocks (no gather, no horizontal maximum). */
static int KNAME(cuda_kernel_columns)(const block_params *p, const float *in, float *out,
                                      uint8_t *scales, size_t len, size_t width, size_t stride)
{
    const elem_params e = p->elem;
    uint32_t m[MX_COLUMN_TILE];
    float down[MX_COLUMN_TILE], scale[MX_COLUMN_TILE];
    uint8_t se_of[MX_COLUMN_TILE];
    for (size_t c = 0; c < width; c++) {
        m[c] = 0;
    }
    for (size_t r = 0; r < len; r++) {
        const float *x = in + r * stride;
        for (size_t c = 0; c < width; c++) {
            const uint32_t a = mx_f2u(x[c]) & 0x7fffffffu;
            m[c] = a > m[c] ? a : m[c];
        }
    }
    for (size_t c = 0; c < width; c++) {
        int se = (int)(m[c] >> 23);
        if (se == 255 || se - p->elem_emax - 127 > p->scale_emax) {
            return 1;
        }
        se -= p->elem_emax;
        se = se - 127 < -p->scale_emax ? 127 - p->scale_emax : se;
        scale[c] = mx_u2f(((uint32_t)se << 23) | (se == 0 ? 0x400000u : 0u));
        down[c] = mx_pow2f(127 - (se == 0 ? 0 : se));
        se_of[c] = (uint8_t)se;
    }
    if (scales) {
        for (size_t c = 0; c < width; c++) {
            scales[c] = se_of[c];
        }
    }
#define LOOP(R)                                                                                  \
    for (size_t r = 0; r < len; r++) {                                                           \
        const float *x = in + r * stride;                                                        \
        float *y = out + r * stride;                                                             \
        for (size_t c = 0; c < width; c++) {                                                     \
            y[c] = mx_u2f(cuda_kernel_quantize_bits(&e, mx_f2u(x[c] * down[c]), (R))) * scale[c]; \
        }                                                                                        \
    }
    FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
    return 0;
}

/* hw: docs/hw-arithmetic.md, "MX block quantization" */
static void KNAME(hw_blocks)(const block_params *p, const uint32_t *thr, const float *in,
                             float *out, float *elems, uint8_t *scales, size_t n)
{
    const elem_params e = p->elem;
    float scratch[MX_MAX_BLOCK_SIZE];
    (void)thr;
    for (size_t start = 0, b = 0; start < n; start += (size_t)p->block_size, b++) {
        const size_t len = n - start < (size_t)p->block_size ? n - start : (size_t)p->block_size;
        const float *x = in + start;
        float *y = out + start;
        float *q = elems ? elems + start : scratch; /* unconditional stores vectorize */
        const uint32_t m = block_max_mag(x, len);
        int se = m == 0 ? -p->scale_emax : hw_floor_log2(m) - p->elem_emax;
        if (m >= 0x7f800000u || se > p->scale_emax) {
            fill_nan_block(y, q, len);
            if (scales) {
                scales[b] = MX_SCALE_NAN;
            }
            continue;
        }
        se = se < -p->scale_emax ? -p->scale_emax : se;
        const float up = mx_pow2f(se);
#define LOOP(R)                                                                                  \
    for (size_t i = 0; i < len; i++) {                                                           \
        float v = mx_u2f(hw_quantize_bits(&e, mx_f2u(x[i]), se, (R)));                           \
        y[i] = v * up;                                                                           \
        q[i] = v;                                                                                \
    }
        FOR_EACH_ROUND(e.round, LOOP)
#undef LOOP
        if (scales) {
            scales[b] = (uint8_t)(se + 127);
        }
    }
}

const quant_kernels KNAME(mx_kernels) = {
    .elemwise = {KNAME(torch_cpu_elemwise), KNAME(cuda_kernel_elemwise), KNAME(hw_elemwise)},
    .blocks = {KNAME(torch_cpu_blocks), KNAME(cuda_kernel_blocks), KNAME(hw_blocks)},
    .columns = {NULL, KNAME(cuda_kernel_columns), NULL},
};
