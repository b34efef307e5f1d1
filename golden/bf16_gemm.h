/* fp32 GEMMs whose operands are exact in bfloat16, run on the CPU's bf16 dot
 * products through oneDNN (the library PyTorch's CPU convolutions use).
 *
 * MX elements of up to 8 significant bits (fp8, fp6, fp4, int8 and below,
 * bfloat16) times their power-of-two scales are exact in bf16, and each bf16
 * product is exact in fp32, so such a GEMM is an fp32 GEMM with another
 * summation order: the torch-cpu and cuda-kernel profiles' contract for raw
 * sums is statistical anyway (docs/cnn.md). The bf16 instructions flush
 * subnormals; bf16_from_f32_checked admits only magnitudes in
 * [2^-56, 2^56) (and zero), where every product and partial sum is either
 * zero or a normal multiple of 2^-126 far below overflow, so nothing is
 * flushed. Internal header. */
#ifndef MXACCEL_BF16_GEMM_H
#define MXACCEL_BF16_GEMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bf16_gemm bf16_gemm;

/* C[m][n] = A[m][k] B[k][n], row-major, A and B bf16, C fp32; with
 * b_transposed B is given as [n][k]. NULL when this CPU (or MXACCEL_ISA)
 * has no native bf16 dot products, or oneDNN offers no such kernel: callers
 * then use their fp32 GEMM. One per thread. */
bf16_gemm *bf16_gemm_create(int m, int n, int k, bool b_transposed);
void bf16_gemm_run(bf16_gemm *g, const uint16_t *a, const uint16_t *b, float *c);
void bf16_gemm_destroy(bf16_gemm *g);

/* dst = the upper halves of src (exact when the check passes). True when
 * every value is +-0 or finite with magnitude in [2^-56, 2^56) and has no
 * bits below bf16's 8-bit significand. */
bool bf16_from_f32_checked(const float *src, uint16_t *dst, size_t n);

#endif
