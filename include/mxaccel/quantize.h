/**
 * @file quantize.h
 * Scalar (elementwise) and MX block quantization in three profiles.
 *
 * - MX_PROFILE_TORCH_CPU:   the bits of microxcaling's PyTorch code path on a CPU.
 * - MX_PROFILE_CUDA_KERNEL: the bits of microxcaling's custom CUDA kernels.
 * - MX_PROFILE_HW:          the accelerator's exact arithmetic (docs/hw-arithmetic.md).
 *
 * All inputs and outputs are IEEE fp32. Outputs are bit-exact and the same for
 * every instruction set the library may pick at run time and every thread count.
 */
#ifndef MXACCEL_QUANTIZE_H
#define MXACCEL_QUANTIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/format.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mx_profile {
    MX_PROFILE_TORCH_CPU,
    MX_PROFILE_CUDA_KERNEL,
    MX_PROFILE_HW,
    MX_PROFILE_COUNT
} mx_profile;

/** Rounding of the mantissa: nearest = ties away from zero; floor = toward zero. */
typedef enum mx_round {
    MX_ROUND_NEAREST,
    MX_ROUND_FLOOR,
    MX_ROUND_EVEN,
    MX_ROUND_COUNT
} mx_round;

/** Parse "torch-cpu" | "cuda-kernel" | "hw"; -1 if unknown. */
int mx_profile_from_name(const char *name, mx_profile *out);
const char *mx_profile_name(mx_profile p);
/** Parse "nearest" | "even" | "floor"; -1 if unknown. */
int mx_round_from_name(const char *name, mx_round *out);
const char *mx_round_name(mx_round r);

/** Elementwise quantization: every value on its own. */
typedef struct mx_elem_spec {
    mx_profile profile;
    mx_format format;
    mx_round round;
    bool saturate; /**< clamp finite overflow to +-max instead of Inf (ints always clamp) */
    bool denorm;   /**< keep subnormals of the target format (false: flush to zero) */
    /**
     * cuda-kernel only: every NaN input counts as 0x7fffffff, the NaN that a
     * GPU's arithmetic makes, which the kernel turns into -0.0
     * (docs/numerics.md, "cuda-kernel: scalar quantization", step 9, and
     * "cuda-kernel: the GPU NaN rule"). A model of a GPU run sets it for
     * values computed on the GPU; the other profiles ignore it.
     */
    bool gpu_nan;
} mx_elem_spec;

/**
 * Check an elementwise spec: the cuda-kernel profile supports at most 24
 * mantissa bits (sign + implicit + trailing), as microxcaling's CUDA wrapper
 * asserts; bfloat32 is the identity in torch-cpu and cuda-kernel, as there.
 * @return 0, or -1 with a one-line message in err
 */
int mx_elem_spec_check(const mx_elem_spec *spec, char *err, size_t errlen);

/** Quantize n values; in == out is allowed. The spec must pass mx_elem_spec_check. */
void mx_quantize_elemwise(const mx_elem_spec *spec, const float *in, float *out, size_t n);

/** Quantize one value (convenience; same bits as mx_quantize_elemwise). */
float mx_quantize_scalar(const mx_elem_spec *spec, float x);

/** MX block quantization. */
typedef struct mx_block_spec {
    mx_profile profile;
    mx_format elem;   /**< must have mx_element set */
    mx_round round;
    int block_size;   /**< 1..MX_MAX_BLOCK_SIZE (default 32) */
    int scale_bits;   /**< 1..8 (default 8); the E8M0 scale is clamped to +-(2^(bits-1)-1) */
} mx_block_spec;

#define MX_MAX_BLOCK_SIZE 1024
#define MX_SCALE_NAN 0xFFu /**< E8M0 code of a NaN scale */

/** Check a block spec; returns 0, or -1 with a one-line message in err. */
int mx_block_spec_check(const mx_block_spec *spec, char *err, size_t errlen);

/**
 * Quantize one block of n <= block_size contiguous values (a block shorter
 * than block_size is what a short or zero-padded axis gives: padding zeros
 * never change the shared exponent).
 * @param elems receives the element values (before scaling; NULL to skip)
 * @param out   receives the dequantized values elems * 2^scale (NULL to skip)
 * @return the E8M0 scale code (bias 127; MX_SCALE_NAN for a NaN scale);
 *         n outside 1..block_size writes nothing and returns MX_SCALE_NAN
 */
uint8_t mx_quantize_block(const mx_block_spec *spec, const float *in, size_t n,
                          float *elems, float *out);

/**
 * Quantize a dense tensor viewed as [outer][axis_len][inner] with blocks along
 * the middle axis: block_size consecutive indices of that axis form a block;
 * an axis shorter than block_size is one block; otherwise the axis is
 * zero-padded to a multiple of block_size, as microxcaling does.
 * @param out    dequantized values, same layout as in (in == out allowed)
 * @param scales E8M0 codes laid out [outer][nblocks][inner] (NULL to skip)
 */
void mx_quantize_axis(const mx_block_spec *spec, const float *in, float *out,
                      size_t outer, size_t axis_len, size_t inner, uint8_t *scales);

/** Number of blocks along an axis of length axis_len. */
size_t mx_blocks_along(size_t axis_len, int block_size);

#ifdef __cplusplus
}
#endif
#endif
