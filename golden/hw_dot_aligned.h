/* The hw profile's block dot product of bfloat16 operands: products aligned
 * to the largest one in a window of HW_DOT_ALIGN_GUARD guard bits, summed
 * exactly there and rounded once to fp32 (docs/hw-arithmetic.md, "Dot
 * products"; rtl/mx_pe_bf16.v). Internal header. */
#ifndef MXACCEL_HW_DOT_ALIGNED_H
#define MXACCEL_HW_DOT_ALIGNED_H

#include <stdbool.h>
#include <stddef.h>

#include "mxaccel/format.h"

/* G, the guard bits below the largest product's 16-bit significand. */
#define HW_DOT_ALIGN_GUARD 32

/* True when the hw profile sums blocks of these operand formats with the
 * aligned rule: both are bfloat16 (NULL = unquantized fp32). */
bool hw_dot_aligned_for(const mx_format *a, const mx_format *b);

/* Block dot of n <= MX_MAX_BLOCK_SIZE products under the aligned rule.
 * Operands are fp32 values of at most 8 significant bits (what bfloat16
 * blocks dequantize to); each is read as m * 2^(e - 7) with
 * e = max(floor(log2|v|), -126), for a bfloat16 value its exponent field and
 * 8-bit significand (m is a fraction only for values below 2^-126 with bits
 * below bfloat16's smallest subnormal). Inf and NaN follow the MX rules. */
float hw_block_dot_aligned(const double *a, const double *b, size_t n);

#endif
