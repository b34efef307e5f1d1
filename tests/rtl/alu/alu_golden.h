// Expected ALU outputs from the golden library (include/mxaccel/hw_alu.h),
// one per emitting transaction, computed without the C model.
#pragma once

#include <cstdint>
#include <vector>

#include "alu.h"
#include "mxaccel/format.h"

// Registers start at +0 (reset), as the RTL's do.
std::vector<uint32_t> alu_golden_outputs(const mx_format &e, const std::vector<alu_input> &txns);

// Whether a transaction emits a result.
bool alu_emits(const alu_input &t);
