// Transaction streams for the PE: random mixes, directed corners and the
// exhaustive single-product sweep. Codes are chosen from the golden decoder's
// view of each format.
#ifndef MXACCEL_TESTS_PE_STIMULUS_H
#define MXACCEL_TESTS_PE_STIMULUS_H

#include <cstdint>
#include <random>
#include <vector>

#include "mxaccel/format.h"
#include "pe.h"

class PeStimulus {
  public:
    PeStimulus(mx_format_id a, mx_format_id w, uint64_t seed);

    // n random transactions with random first/last; the last one has last.
    std::vector<pe_input> random_stream(size_t n);
    // Corners: signed zeros, subnormals, max values, extreme scales,
    // overflow, NaN/Inf codes, exact cancellation, multi-block sums.
    std::vector<pe_input> directed();
    // Every (activation code, weight code) pair as the only product of a
    // block, first and last set; scales 127 or random.
    std::vector<pe_input> single_products(bool random_scales);

  private:
    struct Codes {
        mx_format f;
        std::vector<uint8_t> finite, special;  // special: Inf and NaN codes
        uint8_t pzero, nzero, pmax, nmax, pmin, nmin;  // min: smallest magnitude
        uint8_t lowest;  // the most negative value (int: -2^(w-1), below -max)
        std::vector<uint8_t> pow2;  // pow2[i]: the code of 2^i times the smallest magnitude
        bool has_nzero;
    };
    static Codes classify(mx_format_id id);
    uint8_t pick(const Codes &c);
    uint8_t negate(const Codes &c, uint8_t code);
    uint8_t scale(bool wide);
    pe_input random_block();

    Codes a_, w_;
    std::mt19937_64 rng_;
};

#endif
