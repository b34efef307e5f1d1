// The bfloat16 PE's aligned rule three ways, without RTL: the independent
// reference (pe_bf16_ref.h), the golden hw profile (hw_block_dot_aligned) and
// the C model; and the rule's sanity: exact whenever the exponent spread of
// the products fits the window.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "mxaccel/format.h"
#include "mxaccel/isa.h"
#include "pe_bf16_golden.h"
#include "pe_bf16_ref.h"
#include "pe_bf16_stimulus.h"

extern "C" {
#include "hw_dot_aligned.h"
}

namespace {

constexpr size_t kRandom = 20000;
constexpr size_t kRandomLong = 1000000;

uint32_t bits_of(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

// Single blocks: golden (G = 32 only) and model r against the reference.
void check_blocks(const std::vector<pe_bf16_input> &txns, int guard, const char *what)
{
    pe_bf16_model m;
    ASSERT_EQ(pe_bf16_init(&m, guard), 0);
    size_t bad = 0;
    for (size_t i = 0; i < txns.size(); i++) {
        const pe_bf16_input &t = txns[i];
        const uint32_t ref = ref_aligned_dot(t.a_codes, t.w_codes, PE_BF16_N, guard);
        const uint32_t mod = pe_bf16_block_dot(&m, t.a_codes, t.w_codes);
        if (mod != ref && bad++ < 5) {
            ADD_FAILURE() << what << " block " << i << ": model 0x" << std::hex << mod
                          << ", reference 0x" << ref;
        }
        if (guard == HW_DOT_ALIGN_GUARD) {
            const uint32_t gold = golden_dot(t.a_codes, t.w_codes, PE_BF16_N);
            if (gold != ref && bad++ < 5) {
                ADD_FAILURE() << what << " block " << i << ": golden 0x" << std::hex << gold
                              << ", reference 0x" << ref;
            }
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ %s, G = %d ] %zu blocks\n", what, guard, txns.size());
}

// A stream clocked through the model (out_ready high) against the
// reference's outputs and, for G = 32, the golden's.
void check_stream(const std::vector<pe_bf16_input> &txns, int guard, const char *what)
{
    pe_bf16_model m;
    ASSERT_EQ(pe_bf16_init(&m, guard), 0);
    std::vector<uint32_t> out;
    const pe_bf16_input idle = {};
    for (size_t i = 0; i < txns.size() + PE_BF16_LATENCY; i++) {
        bool v = false;
        uint32_t d = 0;
        pe_bf16_outputs(&m, &v, &d);
        if (v) {
            out.push_back(d);
        }
        pe_bf16_clock(&m, i < txns.size() ? &txns[i] : &idle, true);
    }
    const std::vector<uint32_t> ref = ref_outputs(txns, guard);
    ASSERT_EQ(out.size(), ref.size());
    size_t bad = 0;
    for (size_t k = 0; k < ref.size(); k++) {
        if (out[k] != ref[k] && bad++ < 5) {
            ADD_FAILURE() << what << " output " << k << ": model 0x" << std::hex << out[k]
                          << ", reference 0x" << ref[k];
        }
    }
    if (guard == HW_DOT_ALIGN_GUARD) {
        EXPECT_EQ(golden_outputs(txns), ref);
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ %s, G = %d ] %zu transactions, %zu outputs\n", what, guard, txns.size(),
                ref.size());
}

TEST(PeBf16Reference, RoundingMatchesDoubleConversion)
{
    // The reference's own rounding against the CPU's double-to-float
    // conversion, on values exact in double.
    std::mt19937_64 rng(1);
    size_t n = 0;
    for (; n < 200000; n++) {
        const uint64_t mag = rng() >> (11 + rng() % 53);
        const int exp = -330 + (int)(rng() % 480);
        const bool neg = rng() % 2 != 0;
        const float f = (float)std::ldexp(neg ? -(double)mag : (double)mag, exp);
        ASSERT_EQ(ref_round_fp32(neg, mag, exp), bits_of(f)) << mag << " * 2^" << exp;
    }
    std::printf("[ rounding ] %zu values\n", n);
}

TEST(PeBf16Golden, Selection)
{
    mx_format bf16, fp16, e4m3;
    ASSERT_EQ(mx_format_from_name("bfloat16", &bf16, nullptr, 0), 0);
    ASSERT_EQ(mx_format_from_name("fp16", &fp16, nullptr, 0), 0);
    ASSERT_EQ(mx_format_from_name("fp8_e4m3", &e4m3, nullptr, 0), 0);
    EXPECT_TRUE(hw_dot_aligned_for(&bf16, &bf16));
    EXPECT_FALSE(hw_dot_aligned_for(&bf16, nullptr));
    EXPECT_FALSE(hw_dot_aligned_for(nullptr, &bf16));
    EXPECT_FALSE(hw_dot_aligned_for(&bf16, &e4m3));
    EXPECT_FALSE(hw_dot_aligned_for(&fp16, &fp16));
    EXPECT_FALSE(hw_dot_aligned_for(nullptr, nullptr));
}

TEST(PeBf16Golden, DirectedAndRandomBlocks)
{
    PeBf16Stimulus s(31, HW_DOT_ALIGN_GUARD);
    check_blocks(s.directed(), HW_DOT_ALIGN_GUARD, "directed");
    check_blocks(s.random_stream(kRandom), HW_DOT_ALIGN_GUARD, "random");
}

TEST(PeBf16Golden, OtherBlockLengths)
{
    // Short blocks (a layer's last one) and blocks above 32 elements, whose
    // sums no longer fit 53 bits (the golden folds them into a sticky bit).
    PeBf16Stimulus s(32, HW_DOT_ALIGN_GUARD);
    size_t bad = 0, blocks = 0;
    for (int n : {1, 2, 3, 7, 31, 64, 100, 1024}) {
        for (int rep = 0; rep < 300; rep++) {
            std::vector<uint16_t> a, w;
            while ((int)a.size() < n) {
                const pe_bf16_input t = s.random_block();
                a.insert(a.end(), t.a_codes, t.a_codes + PE_BF16_N);
                w.insert(w.end(), t.w_codes, t.w_codes + PE_BF16_N);
            }
            if (rep % 3 == 0) {  // one sign: long sums grow past 2^53
                for (int i = 0; i < n; i++) {
                    a[i] &= 0x7fff;
                    w[i] &= 0x7fff;
                }
            }
            const uint32_t gold = golden_dot(a.data(), w.data(), n);
            const uint32_t ref = ref_aligned_dot(a.data(), w.data(), n, HW_DOT_ALIGN_GUARD);
            if (gold != ref && bad++ < 5) {
                ADD_FAILURE() << "n = " << n << ": golden 0x" << std::hex << gold
                              << ", reference 0x" << ref;
            }
            blocks++;
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ block lengths 1..1024 ] %zu blocks\n", blocks);
}

TEST(PeBf16Golden, WideBlockRoundsWithItsLowBits)
{
    // 128 products 1 * 1, one 2^-17 * 1 and one 2^-46 * 1: the sum
    // 2^53 + 2^29 + 1 (units of 2^-46) passes 53 bits; 2^-17 is half an ulp
    // of 128 in fp32 and the last unit breaks the tie upwards.
    for (const uint16_t sign : {0x0000, 0x8000}) {
        std::vector<uint16_t> a(130, 0x3f80), w(130, 0x3f80);
        a[128] = 0x3700;  // 2^-17
        a[129] = 0x2880;  // 2^-46
        for (uint16_t &c : a) {
            c |= sign;
        }
        const uint32_t expect = (sign ? 0x80000000u : 0u) | 0x43000001u;  // 128 + 2^-16
        EXPECT_EQ(ref_aligned_dot(a.data(), w.data(), 130, HW_DOT_ALIGN_GUARD), expect);
        EXPECT_EQ(golden_dot(a.data(), w.data(), 130), expect);
        a[129] = sign;  // without it: a tie, to even (128)
        EXPECT_EQ(golden_dot(a.data(), w.data(), 130), expect - 1);
    }
}

TEST(PeBf16Golden, ValuesBelowBfloat16Subnormals)
{
    // MX blocks of bfloat16 elements dequantize fp32 subnormal inputs to
    // values of up to 8 bits below 2^-126, some not bfloat16 values; the
    // golden reads them by value. First a block where the window drops such
    // a value: 2^-100 - 2^-100 + 3 * 2^-149 has X = -100, a window down to
    // 2^-146, and the survivor truncates to 0 (the exact sum is 3 * 2^-149).
    {
        const double a[3] = {0x1p-100, -0x1p-100, 0x3p-149}, w[3] = {1.0, 1.0, 1.0};
        EXPECT_EQ(bits_of(hw_block_dot_aligned(a, w, 3)), 0u);
        const float fa[3] = {0x1p-100f, -0x1p-100f, 0x3p-149f}, fw[3] = {1.0f, 1.0f, 1.0f};
        EXPECT_EQ(ref_aligned_dot_values(fa, fw, 3, HW_DOT_ALIGN_GUARD), 0u);
    }
    std::mt19937_64 rng(36);
    PeBf16Stimulus s(36, HW_DOT_ALIGN_GUARD);
    size_t bad = 0, blocks = 0;
    for (; blocks < 20000; blocks++) {
        const pe_bf16_input t = s.random_block();
        float fa[PE_BF16_N], fw[PE_BF16_N];
        double da[PE_BF16_N], dw[PE_BF16_N];
        for (int i = 0; i < PE_BF16_N; i++) {
            uint32_t u = (uint32_t)t.a_codes[i] << 16;
            std::memcpy(&fa[i], &u, sizeof u);
            u = (uint32_t)t.w_codes[i] << 16;
            std::memcpy(&fw[i], &u, sizeof u);
            if (rng() % 4 == 0) {  // up to 8 bits at 2^-149 .. 2^-127
                const float v = std::ldexp((float)(rng() % 256), -149 + (int)(rng() % 15));
                (rng() % 2 ? fa[i] : fw[i]) = rng() % 2 ? -v : v;
            }
            da[i] = fa[i];
            dw[i] = fw[i];
        }
        const float g = hw_block_dot_aligned(da, dw, PE_BF16_N);
        const uint32_t gold = std::isnan(g) ? 0x7fc00000u : bits_of(g);
        const uint32_t ref = ref_aligned_dot_values(fa, fw, PE_BF16_N, HW_DOT_ALIGN_GUARD);
        if (gold != ref && bad++ < 5) {
            ADD_FAILURE() << "block " << blocks << ": golden 0x" << std::hex << gold
                          << ", reference 0x" << ref;
        }
        // on bfloat16 values alone the two forms of the reference agree
        const uint32_t by_codes =
            ref_aligned_dot(t.a_codes, t.w_codes, PE_BF16_N, HW_DOT_ALIGN_GUARD);
        float ca[PE_BF16_N], cw[PE_BF16_N];
        for (int i = 0; i < PE_BF16_N; i++) {
            uint32_t u = (uint32_t)t.a_codes[i] << 16;
            std::memcpy(&ca[i], &u, sizeof u);
            u = (uint32_t)t.w_codes[i] << 16;
            std::memcpy(&cw[i], &u, sizeof u);
        }
        const uint32_t by_values = ref_aligned_dot_values(ca, cw, PE_BF16_N, HW_DOT_ALIGN_GUARD);
        if (by_values != by_codes && bad++ < 5) {
            ADD_FAILURE() << "block " << blocks << ": references disagree";
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ values below 2^-126 ] %zu blocks\n", blocks);
}

TEST(PeBf16Golden, ExactWhenTheSpreadFitsTheWindow)
{
    // X - min x_i <= G: no term is truncated, so the rule is the exact sum
    // rounded once.
    PeBf16Stimulus s(33, HW_DOT_ALIGN_GUARD);
    size_t checked = 0, bad = 0;
    for (int i = 0; i < 40000; i++) {
        const int max_spread = i % 4 == 1 ? HW_DOT_ALIGN_GUARD : (int)(i % 33);
        const pe_bf16_input t = i % 2 ? s.spread_block(max_spread) : s.random_block();
        const int spread = ref_spread(t.a_codes, t.w_codes, PE_BF16_N);
        uint32_t exact;
        if (spread > HW_DOT_ALIGN_GUARD ||
            !ref_exact_dot(t.a_codes, t.w_codes, PE_BF16_N, &exact)) {
            ASSERT_EQ(i % 2, 0) << "spread_block made spread " << spread;
            continue;
        }
        const uint32_t gold = golden_dot(t.a_codes, t.w_codes, PE_BF16_N);
        if (gold != exact && bad++ < 5) {
            ADD_FAILURE() << "block " << i << " (spread " << spread << "): golden 0x" << std::hex
                          << gold << ", exact 0x" << exact;
        }
        checked++;
    }
    EXPECT_EQ(bad, 0u);
    EXPECT_GT(checked, 25000u);
    std::printf("[ spread <= G ] %zu blocks equal to the exact rounding\n", checked);
}

TEST(PeBf16Golden, TruncationShowsBeyondTheWindow)
{
    // The stimulus reaches blocks where the window loses bits that matter:
    // some results differ from the exact rounding.
    PeBf16Stimulus s(34, HW_DOT_ALIGN_GUARD);
    size_t wide = 0, differ = 0;
    for (int i = 0; i < 40000; i++) {
        const pe_bf16_input t = s.random_block();
        const int spread = ref_spread(t.a_codes, t.w_codes, PE_BF16_N);
        uint32_t exact;
        if (spread <= HW_DOT_ALIGN_GUARD ||
            !ref_exact_dot(t.a_codes, t.w_codes, PE_BF16_N, &exact)) {
            continue;
        }
        wide++;
        differ += golden_dot(t.a_codes, t.w_codes, PE_BF16_N) != exact;
    }
    EXPECT_GT(differ, 0u);
    std::printf("[ G < spread <= 96 ] %zu blocks, %zu differ from the exact rounding\n", wide,
                differ);
}

TEST(PeBf16Golden, RandomLong)
{
    PeBf16Stimulus s(35, HW_DOT_ALIGN_GUARD);
    check_blocks(s.random_stream(kRandomLong), HW_DOT_ALIGN_GUARD, "random");
}

TEST(PeBf16Model, InitRejectsUnsupportedGuards)
{
    pe_bf16_model m;
    EXPECT_EQ(pe_bf16_init(&m, -1), -1);
    EXPECT_EQ(pe_bf16_init(&m, PE_BF16_GUARD_MAX + 1), -1);
    EXPECT_EQ(pe_bf16_init(&m, PE_BF16_GUARD), 0);
}

class PeBf16ModelGuard : public ::testing::TestWithParam<int> {};

TEST_P(PeBf16ModelGuard, Blocks)
{
    PeBf16Stimulus s(40 + (uint64_t)GetParam(), GetParam());
    check_blocks(s.directed(), GetParam(), "directed");
    check_blocks(s.random_stream(kRandom), GetParam(), "random");
}

TEST_P(PeBf16ModelGuard, Streams)
{
    PeBf16Stimulus s(50 + (uint64_t)GetParam(), GetParam());
    check_stream(s.directed(), GetParam(), "directed");
    check_stream(s.random_stream(kRandom), GetParam(), "random");
}

TEST_P(PeBf16ModelGuard, RandomLong)
{
    PeBf16Stimulus s(60 + (uint64_t)GetParam(), GetParam());
    check_stream(s.random_stream(kRandomLong), GetParam(), "random");
}

// The model picks its block-sum kernel at run time: every kernel this CPU
// runs gives the portable loop's bits.
TEST_P(PeBf16ModelGuard, InstructionSetsAgree)
{
    PeBf16Stimulus s(70 + (uint64_t)GetParam(), GetParam());
    std::vector<pe_bf16_input> blocks = s.directed();
    const std::vector<pe_bf16_input> random = s.random_stream(kRandom);
    blocks.insert(blocks.end(), random.begin(), random.end());
    const mx_isa best = mx_isa_active();
    ASSERT_EQ(mx_isa_force(MX_ISA_GENERIC), 0);
    pe_bf16_model generic;
    ASSERT_EQ(pe_bf16_init(&generic, GetParam()), 0);
    size_t compared = 0;
    for (int i = MX_ISA_GENERIC + 1; i < MX_ISA_COUNT; i++) {
        const mx_isa isa = (mx_isa)i;
        if (mx_isa_force(isa) != 0) {
            continue;
        }
        pe_bf16_model m;
        ASSERT_EQ(pe_bf16_init(&m, GetParam()), 0);
        for (const pe_bf16_input &t : blocks) {
            ASSERT_EQ(pe_bf16_block_dot(&m, t.a_codes, t.w_codes),
                      pe_bf16_block_dot(&generic, t.a_codes, t.w_codes))
                << mx_isa_name(isa);
            compared++;
        }
    }
    ASSERT_EQ(mx_isa_force(best), 0);
    std::printf("[ G%d ] %zu blocks compared with the portable loop (best: %s)\n", GetParam(), compared,
                mx_isa_name(best));
}

INSTANTIATE_TEST_SUITE_P(Guards, PeBf16ModelGuard, ::testing::Values(32, 0, 3, 16),
                         [](const ::testing::TestParamInfo<int> &i) {
                             return "G" + std::to_string(i.param);
                         });

}  // namespace
