// Expected SEU results from the golden library: hw-profile MX block
// quantization of the decoded inputs, packed by golden/mx_pack.c.
#ifndef MXACCEL_TESTS_SEU_GOLDEN_H
#define MXACCEL_TESTS_SEU_GOLDEN_H

#include <array>
#include <cstdint>
#include <string>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"

namespace seu_test {

constexpr int kN = 32;
constexpr int kVariants = 24; // 8 element formats x 3 roundings, index f*3 + r

using Codes = std::array<uint16_t, kN>;

struct Result {
    uint8_t scale = 0;
    std::array<uint8_t, kN> codes{};
    bool operator==(const Result &o) const { return scale == o.scale && codes == o.codes; }
};

std::string to_string(const Result &r);

mx_format_id variant_format(int v);
mx_round variant_round(int v);
std::string variant_name(int v);

/** The golden result of one block for one variant. */
Result golden_block(const mx_format &in, int variant, const Codes &codes);

} // namespace seu_test
#endif
