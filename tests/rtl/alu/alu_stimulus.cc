#include "alu_stimulus.h"

#include <cmath>
#include <cstring>

#include "mxaccel/hw_alu.h"

namespace {

alu_input op_in(mx_alu_op op, uint32_t a, uint32_t b)
{
    alu_input t = {};
    t.valid = true;
    t.first = true;
    t.last = true;
    t.op = static_cast<uint8_t>(op);
    t.a = a;
    t.b = b;
    return t;
}

uint32_t bits_of(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

} // namespace

AluStimulus::AluStimulus(const mx_format &e, uint64_t seed)
    : e_(e), mask_((1u << e.storage_bits) - 1u), rng_(seed)
{
    const int t = mx_format_trailing_bits(&e);
    const uint32_t sign = 1u << (e.storage_bits - 1), exp_all = ((1u << e.ebits) - 1u) << t;
    const uint32_t one = ((1u << (e.ebits - 1)) - 1u) << t;
    for (uint32_t m : {0u, 1u, 2u, (1u << t) - 1u, 1u << t, (1u << t) + 1u, one - 1u, one, one + 1u,
                       exp_all - (1u << t), exp_all - 2u, exp_all - 1u, exp_all, exp_all + 1u,
                       exp_all | 1u << (t - 1), mask_ >> 1}) {
        specials_.push_back(m & (mask_ >> 1));
        specials_.push_back((m & (mask_ >> 1)) | sign);
    }
}

uint32_t AluStimulus::code()
{
    if (rng_() % 4 == 0) {
        return specials_[rng_() % specials_.size()];
    }
    return static_cast<uint32_t>(rng_()) & mask_;
}

std::vector<alu_input> AluStimulus::all_pairs(const std::vector<mx_alu_op> &ops) const
{
    std::vector<alu_input> v;
    v.reserve(ops.size() * (mask_ + 1ull) * (mask_ + 1ull));
    for (mx_alu_op op : ops) {
        for (uint32_t a = 0; a <= mask_; a++) {
            for (uint32_t b = 0; b <= mask_; b++) {
                v.push_back(op_in(op, a, b));
            }
        }
    }
    return v;
}

std::vector<alu_input> AluStimulus::random_pairs(const std::vector<mx_alu_op> &ops, size_t n)
{
    std::vector<alu_input> v;
    v.reserve(ops.size() * n);
    for (mx_alu_op op : ops) {
        for (size_t i = 0; i < n; i++) {
            const uint32_t a = code();
            // every fourth b near a: cancellation and ties
            const uint32_t b = i % 4 ? code() : (a & ~0xfu) | (code() & 0xfu);
            v.push_back(op_in(op, a, b));
        }
    }
    return v;
}

std::vector<alu_input> AluStimulus::every_code() const
{
    std::vector<alu_input> v;
    for (mx_alu_op op : {MX_ALU_RELU, MX_ALU_EXP, MX_ALU_LOG}) {
        for (uint32_t a = 0; a <= mask_; a++) {
            v.push_back(op_in(op, a, 0));
        }
    }
    for (uint32_t a = 0; a <= mask_; a++) {
        v.push_back(op_in(MX_ALU_QUANT, bits_of(mx_hw_alu_decode(&e_, a)), 0));
    }
    return v;
}

std::vector<alu_input> AluStimulus::quant_around_values() const
{
    std::vector<alu_input> v;
    const float top = std::ldexp(1.0f, e_.emax + 1); // where rounding overflows
    for (uint32_t c = 0; c < (mask_ >> 1); c++) {
        const float x = mx_hw_alu_decode(&e_, c), next = mx_hw_alu_decode(&e_, c + 1);
        if (std::isnan(x) || std::isinf(x)) {
            continue;
        }
        const float mid = (x + (std::isinf(next) ? top : next)) / 2; // exact in fp32
        for (float p : {x, mid}) {
            float up = p, down = p;
            v.push_back(op_in(MX_ALU_QUANT, bits_of(p), 0));
            for (int k = 0; k < 2; k++) {
                up = std::nextafter(up, INFINITY);
                down = std::nextafter(down, -INFINITY);
                v.push_back(op_in(MX_ALU_QUANT, bits_of(up), 0));
                v.push_back(op_in(MX_ALU_QUANT, bits_of(down), 0));
            }
        }
    }
    const size_t n = v.size();
    for (size_t i = 0; i < n; i++) {
        v.push_back(op_in(MX_ALU_QUANT, v[i].a ^ 0x80000000u, 0));
    }
    for (uint32_t s : {0x7f800000u, 0x7f800001u, 0x7fc00000u, 0x7fffffffu, 0x00000001u,
                       0x007fffffu, 0x7f7fffffu}) {
        v.push_back(op_in(MX_ALU_QUANT, s, 0));
        v.push_back(op_in(MX_ALU_QUANT, s | 0x80000000u, 0));
    }
    return v;
}

std::vector<alu_input> AluStimulus::quant_range(uint64_t first, uint64_t count)
{
    std::vector<alu_input> v;
    v.reserve(count);
    for (uint64_t x = first; x < first + count; x++) {
        v.push_back(op_in(MX_ALU_QUANT, static_cast<uint32_t>(x), 0));
    }
    return v;
}

std::vector<alu_input> AluStimulus::quant_random(size_t n)
{
    std::vector<alu_input> v;
    for (size_t i = 0; i < n; i++) {
        v.push_back(op_in(MX_ALU_QUANT, static_cast<uint32_t>(rng_()), 0));
    }
    return v;
}

std::vector<alu_input> AluStimulus::corners()
{
    std::vector<alu_input> v;
    for (mx_alu_op op : {MX_ALU_ADD, MX_ALU_SUB, MX_ALU_MUL, MX_ALU_DIV, MX_ALU_MAX}) {
        for (uint32_t a : specials_) {
            for (uint32_t b : specials_) {
                v.push_back(op_in(op, a, b));
            }
        }
    }
    for (mx_alu_op op : {MX_ALU_RELU, MX_ALU_EXP, MX_ALU_LOG}) {
        for (uint32_t a : specials_) {
            v.push_back(op_in(op, a, 0));
        }
    }
    // Reductions: every pair of specials as a two-element row, and one long
    // row through all of them.
    for (mx_alu_op op : {MX_ALU_RMAX, MX_ALU_RSUM}) {
        for (uint32_t a : specials_) {
            for (uint32_t b : specials_) {
                alu_input t0 = op_in(op, a, 0), t1 = op_in(op, b, 0);
                t0.last = false;
                t1.first = false;
                v.push_back(t0);
                v.push_back(t1);
            }
        }
        for (size_t i = 0; i < specials_.size(); i++) {
            alu_input t = op_in(op, specials_[i], 0);
            t.first = i == 0;
            t.last = true; // emits the running value after every element
            v.push_back(t);
        }
    }
    // Reserved opcodes.
    for (uint8_t op = MX_ALU_OP_COUNT; op < 16; op++) {
        alu_input t = op_in(MX_ALU_ADD, code(), code());
        t.op = op;
        v.push_back(t);
    }
    return v;
}

std::vector<alu_input> AluStimulus::reductions(size_t rows)
{
    std::vector<alu_input> v;
    for (size_t r = 0; r < rows; r++) {
        const mx_alu_op op = r % 2 ? MX_ALU_RSUM : MX_ALU_RMAX;
        const size_t n = 1 + rng_() % (r % 3 ? 10 : 40);
        for (size_t i = 0; i < n; i++) {
            alu_input t = op_in(op, code(), code());
            t.first = i == 0;
            t.last = i + 1 == n;
            v.push_back(t);
            if (rng_() % 4 == 0) { // other work in between leaves the registers alone
                v.push_back(op_in(static_cast<mx_alu_op>(rng_() % MX_ALU_RMAX), code(), code()));
            }
        }
    }
    return v;
}

std::vector<alu_input> AluStimulus::random_mix(size_t n)
{
    std::vector<alu_input> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) {
        const uint8_t op = static_cast<uint8_t>(rng_() % 16 < 14 ? rng_() % MX_ALU_OP_COUNT : rng_() % 16);
        alu_input t = op_in(MX_ALU_ADD, code(), code());
        t.op = op;
        if (op == MX_ALU_QUANT) {
            t.a = static_cast<uint32_t>(rng_());
        } else if (rng_() % 2) {
            t.a |= static_cast<uint32_t>(rng_()) & ~mask_; // ignored bits above the code
        }
        t.first = rng_() % 4 == 0;
        t.last = rng_() % 3 == 0;
        v.push_back(t);
    }
    return v;
}
