// Expected PE outputs from the golden library (hw profile): acc + the hw
// block dot of the dequantized blocks.
#ifndef MXACCEL_TESTS_PE_GOLDEN_H
#define MXACCEL_TESTS_PE_GOLDEN_H

#include <cstdint>
#include <vector>

#include "mxaccel/format.h"
#include "pe.h"

struct PeGolden {
    mx_format a, w;
    bool exact_double;  // golden's plain double sum is exact for this pair
};

PeGolden pe_golden_make(mx_format_id a, mx_format_id w);

// r of one transaction as fp32 bits (every NaN as 0x7fc00000).
uint32_t pe_golden_dot(const PeGolden &g, const pe_input &t);

// The outputs of a transaction stream: one per `last`.
std::vector<uint32_t> pe_golden_outputs(const PeGolden &g, const std::vector<pe_input> &txns);

#endif
