// Random MX blocks: scaled Gaussians, exact ties at the block's scale, wide
// dynamic range, zeros, NaN/Inf, maxima just below a power of two, huge and
// tiny values.
#pragma once

#include <cstddef>
#include <vector>

#include "ref_quantize.h"
#include "rng.h"

namespace hwref {

// scale_bits bounds the shared exponents the tie blocks aim at.
std::vector<float> random_block(const ElemRef &elem, Rng &rng, size_t n, int scale_bits, bool allow_nan = true);

}  // namespace hwref
