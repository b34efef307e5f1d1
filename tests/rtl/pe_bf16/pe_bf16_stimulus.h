// Transaction streams for the bfloat16 PE: random blocks of several kinds
// and directed corners (zeros, subnormals, maxima, overflow, cancellation,
// vanishing terms, the window edge, Inf/NaN, accumulation).
#ifndef MXACCEL_TESTS_PE_BF16_STIMULUS_H
#define MXACCEL_TESTS_PE_BF16_STIMULUS_H

#include <cstdint>
#include <random>
#include <vector>

#include "pe_bf16.h"

class PeBf16Stimulus {
  public:
    // guard: the G whose window edge the directed corners aim at.
    PeBf16Stimulus(uint64_t seed, int guard);

    // n random transactions with random first/last; the last one has last.
    std::vector<pe_bf16_input> random_stream(size_t n);
    // One random block (first and last set).
    pe_bf16_input random_block();
    // A random finite block whose non-zero products' exponent sums span at
    // most max_spread (first and last set).
    pe_bf16_input spread_block(int max_spread);
    // Directed corners, single blocks and accumulations.
    std::vector<pe_bf16_input> directed();

  private:
    uint16_t code(int field, bool neg);
    uint16_t code(int field) { return code(field, rng_() % 2 != 0); }
    int uniform(int lo, int hi) { return lo + (int)(rng_() % (uint64_t)(hi - lo + 1)); }

    int guard_;
    std::mt19937_64 rng_;
};

#endif
