// An independent reference of the bfloat16 PE's arithmetic
// (docs/hw-arithmetic.md, "Dot products"): exact integer arithmetic on
// __int128 and its own round-to-nearest-even, written from the rule, not from
// the golden library or the C model.
#ifndef MXACCEL_TESTS_PE_BF16_REF_H
#define MXACCEL_TESTS_PE_BF16_REF_H

#include <cstdint>
#include <vector>

#include "pe_bf16.h"

__extension__ typedef unsigned __int128 ref_u128;

// (-1)^neg * mag * 2^exp rounded once to fp32 (nearest-even, subnormals,
// overflow to Inf); mag = 0 gives a zero of that sign.
uint32_t ref_round_fp32(bool neg, ref_u128 mag, int exp);

// The aligned-rule block dot of n code pairs with `guard` guard bits (fp32
// bits, NaN as 0x7fc00000).
uint32_t ref_aligned_dot(const uint16_t *a, const uint16_t *w, int n, int guard);

// The same rule on fp32 operand values of at most 8 significant bits, as
// the golden library reads them: e = max(floor(log2|v|), -126) and
// m = |v| * 2^(7 - e), a fraction for values below 2^-126 that are not
// bfloat16 values.
uint32_t ref_aligned_dot_values(const float *a, const float *w, int n, int guard);

// The exact sum of the products rounded once to fp32, when the exponent
// spread of the non-zero products is at most 96 (false otherwise, and for
// Inf/NaN codes).
bool ref_exact_dot(const uint16_t *a, const uint16_t *w, int n, uint32_t *out);

// X - min x_i over the non-zero finite products; -1 when there are none.
int ref_spread(const uint16_t *a, const uint16_t *w, int n);

// The PE's outputs for a transaction stream (one per `last`): the reference
// dot, accumulated with fp32 additions.
std::vector<uint32_t> ref_outputs(const std::vector<pe_bf16_input> &txns, int guard);

#endif
