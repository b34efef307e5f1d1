// Reference of the OCP element codes and the packed block layout of
// include/mxaccel/mx_pack.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ref_format.h"

namespace hwref {

// Value of a code: sign | biased exponent | trailing mantissa for floats,
// two's complement k with value k / 2^(w-2) for integers. NaN codes give NaN.
double ref_decode(const FormatSpec &f, uint32_t code);

bool ref_code_is_nan(const FormatSpec &f, uint32_t code);

// Scale byte, then code i in bits [i*w, (i+1)*w) of the code area, LSB first;
// unused bits of the last byte are zero.
std::vector<uint8_t> ref_pack(const FormatSpec &f, uint8_t scale, const uint32_t *codes, size_t n);

}  // namespace hwref
