// Independent reference of hw MX block quantization (docs/hw-arithmetic.md,
// "MX block quantization") and of its application along a tensor axis.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ref_quantize.h"

namespace hwref {

// One block of n values with scale_bits-bit shared exponent. Fills elems
// (element values) and out (dequantized) when non-null; returns the E8M0 code.
uint8_t ref_mx_block(const ElemRef &elem, mx_round round, int scale_bits, const float *in, size_t n,
                     float *elems, float *out);

// Tensor [outer][axis_len][inner], blocks of block_size along the middle axis;
// scales laid out [outer][nblocks][inner].
void ref_mx_axis(const ElemRef &elem, mx_round round, int block_size, int scale_bits, const float *in,
                 float *out, size_t outer, size_t axis_len, size_t inner, uint8_t *scales);

}  // namespace hwref
