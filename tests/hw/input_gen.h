// Random fp32 inputs aimed at one target format: uniform bit patterns plus
// values near max, near the smallest normal and subnormal range, exact ties,
// grid points, and the special values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ref_quantize.h"
#include "rng.h"

namespace hwref {

std::vector<float> mixed_inputs(const ElemRef &ref, size_t n, uint64_t seed);

// One value of the mix (used by block generators too).
float mixed_input(const ElemRef &ref, Rng &rng);

}  // namespace hwref
