// Transaction streams for the ALU: exhaustive sweeps, fp32 inputs around the
// values of E, directed corners, reductions and random mixes.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "alu.h"
#include "mxaccel/format.h"

class AluStimulus {
public:
    AluStimulus(const mx_format &e, uint64_t seed);

    // Every (a, b) code pair for each of ops (2^(2W) per op).
    std::vector<alu_input> all_pairs(const std::vector<mx_alu_op> &ops) const;
    // n random (a, b) pairs for each of ops, often special or extreme codes.
    std::vector<alu_input> random_pairs(const std::vector<mx_alu_op> &ops, size_t n);
    // Every code through RELU, EXP, LOG, and QUANT of every code's value.
    std::vector<alu_input> every_code() const;
    // QUANT of the values of E, their fp32 neighbours (1 and 2 ulps), the
    // midpoints between neighbouring values and theirs, both signs.
    std::vector<alu_input> quant_around_values() const;
    // QUANT of fp32 bit patterns first .. first + count - 1.
    static std::vector<alu_input> quant_range(uint64_t first, uint64_t count);
    std::vector<alu_input> quant_random(size_t n);
    // Special and extreme codes against each other for every binary op,
    // one-operand ops on them, reductions through NaN, Inf and signed zeros.
    std::vector<alu_input> corners();
    // Rows of RMAX / RSUM (first .. last) interleaved with other operations.
    std::vector<alu_input> reductions(size_t rows);
    // Any opcode (reserved ones too), any codes, junk in unused operand bits.
    std::vector<alu_input> random_mix(size_t n);

private:
    uint32_t code();          // random code, often a special or extreme one
    std::vector<uint32_t> specials_; // zeros, subnormals, max, Inf, NaN, both signs
    mx_format e_;
    uint32_t mask_;
    std::mt19937_64 rng_;
};
