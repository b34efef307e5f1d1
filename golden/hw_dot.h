/* The hw profile's block dot product (docs/hw-arithmetic.md, "Dot
 * products"): the exact sum of a block's products, rounded once to fp32.
 * Internal header. */
#ifndef MXACCEL_HW_DOT_H
#define MXACCEL_HW_DOT_H

#include <stdbool.h>
#include <stddef.h>

#include "mxaccel/format.h"

/* True when every block dot of these operand formats (MX elements, or
 * anything when a format is NULL = unquantized fp32) is exact in double
 * arithmetic, in any order: the products' common quantum and the largest
 * possible block sum are at most 2^53 apart. */
bool hw_dot_exact_in_double(const mx_format *a, const mx_format *b, int block_size);

/* Block dot of n products of doubles (each product exact in double).
 * exact_double: plain double sum (caller proved it exact); otherwise a
 * double-double (TwoSum) sum in index order. Rounded once to fp32 nearest
 * even; an exact zero is +0.0. Inf products of one sign give that Inf;
 * NaN operands, Inf * 0 and Inf products of both signs give NaN. */
float hw_block_dot(const double *a, const double *b, size_t n, bool exact_double);

#endif
