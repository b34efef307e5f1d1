// Input blocks for the SEU tests: random blocks of several shapes and
// directed corner blocks, for any IEEE-like input format.
#ifndef MXACCEL_TESTS_SEU_STIMULUS_H
#define MXACCEL_TESTS_SEU_STIMULUS_H

#include <cstdint>
#include <random>
#include <vector>

#include "mxaccel/format.h"
#include "seu_golden.h"

namespace seu_test {

/** Field layout of an IEEE-like input format. */
struct InLayout {
    int w, eb, tb;
    explicit InLayout(const mx_format &f)
        : w(f.storage_bits), eb(f.ebits), tb(f.storage_bits - 1 - f.ebits) {}
    uint16_t code(unsigned sign, unsigned ef, unsigned tf) const
    {
        return static_cast<uint16_t>((sign << (w - 1)) | (ef << tb) | tf);
    }
    unsigned top_exp() const { return (1u << eb) - 1u; }
    unsigned tmask() const { return (1u << tb) - 1u; }
};

/** A random block: uniform codes, clustered exponents, subnormals, near max, sparse. */
Codes random_block(const InLayout &l, std::mt19937_64 &rng);

/** Directed corners: zeros, subnormals, maxima, saturation, scale clamping, Inf/NaN. */
std::vector<Codes> corner_blocks(const InLayout &l);

} // namespace seu_test
#endif
