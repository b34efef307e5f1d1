/* Internal to the bfloat16 PE model: the aligned block sum of its rule
 * (hw_dot_aligned.h), per instruction set. */
#ifndef MXACCEL_MODEL_PE_BF16_INTERNAL_H
#define MXACCEL_MODEL_PE_BF16_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

/* Sum of the 32 signed aligned terms (units of 2^(X - 14 - G), X from biased
 * exponents, each field read as at least 1) into *sum and X into *xmax.
 * Returns false, without a sum, when a code is Inf or NaN. */
bool pe_bf16_aligned_sum_avx512(const uint16_t *a_codes, const uint16_t *w_codes, int guard,
                                int64_t *sum, int *xmax);

#endif
