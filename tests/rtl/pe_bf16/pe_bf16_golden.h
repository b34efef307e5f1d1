// Expected bfloat16 PE outputs from the golden library's hw profile:
// hw_block_dot_aligned on the blocks' values, accumulated in fp32.
#ifndef MXACCEL_TESTS_PE_BF16_GOLDEN_H
#define MXACCEL_TESTS_PE_BF16_GOLDEN_H

#include <cstdint>
#include <vector>

#include "pe_bf16.h"

// One block of n code pairs (fp32 bits, NaN as 0x7fc00000).
uint32_t golden_dot(const uint16_t *a, const uint16_t *w, int n);

// The outputs of a transaction stream: one per `last`.
std::vector<uint32_t> golden_outputs(const std::vector<pe_bf16_input> &txns);

#endif
