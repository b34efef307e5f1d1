/* The hw profile's block dots over non-zero activations (see
 * kernels/exact_sparse.c). For r < count, with s = start + r * start_step and
 * a = acc + r * acc_step:
 *   a[0..63] += fp32(sum over e in [s[0], s[1]) of val[e] * w[idx[e] * ldw + 0..63])
 * the sum exact in double. Variants per instruction set, chosen at run time.
 * Internal. */
#ifndef MXACCEL_EXACT_SPARSE_H
#define MXACCEL_EXACT_SPARSE_H

#include <stddef.h>
#include <stdint.h>

#define MX_EXACT_SPARSE_WIDTH 64

#define MX_EXACT_SPARSE_ARGS                                                                    \
    const double *w, size_t ldw, const uint16_t *idx, const double *val, const uint32_t *start, \
        size_t start_step, size_t count, float *acc, size_t acc_step

void mx_exact_sparse_acc64_generic(MX_EXACT_SPARSE_ARGS);
void mx_exact_sparse_acc64_avx2(MX_EXACT_SPARSE_ARGS);
void mx_exact_sparse_acc64_avx512(MX_EXACT_SPARSE_ARGS);

/* The variant of the active instruction set (mx_isa_active()). */
void mx_exact_sparse_acc64(MX_EXACT_SPARSE_ARGS);

#endif
