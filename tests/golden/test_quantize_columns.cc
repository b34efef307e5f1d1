// MX blocks along a strided axis (mx_quantize_axis with inner > 1, which runs
// a profile's column kernel where it has one) against the same blocks cut
// out one by one and quantized contiguously with mx_quantize_block: every
// instruction set, profile, rounding, several element formats, block sizes
// and scale widths, partial blocks, zeros of both signs, subnormals, values
// from 2^-149 to 2^127, and blocks holding NaN (x86's and the GPU's), Inf
// or a scale out of range (the kernels' NaN path). Bits must be equal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "mxaccel/isa.h"
#include "mxaccel/quantize.h"

namespace {

uint32_t bits(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

float from_bits(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

// [outer][axis][inner]: mostly random magnitudes over the whole fp32 range,
// a few special columns.
std::vector<float> make_input(size_t outer, size_t axis, size_t inner, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
    std::uniform_int_distribution<int> exponent(-149, 127);
    std::uniform_int_distribution<int> near(-8, 8);
    std::vector<float> x(outer * axis * inner);
    for (size_t o = 0; o < outer; o++) {
        for (size_t a = 0; a < axis; a++) {
            for (size_t c = 0; c < inner; c++) {
                float v;
                switch (c % 9) {
                    case 0: v = std::ldexp(unit(rng), exponent(rng)); break;   // anything
                    case 1: v = std::ldexp(unit(rng), near(rng)); break;       // ordinary
                    case 2: v = a % 3 == 0 ? -0.0f : (a % 3 == 1 ? 0.0f : unit(rng)); break;
                    case 3: v = from_bits((uint32_t)rng() & 0x807fffffu); break; // subnormals
                    case 4: v = a == 1 ? from_bits(0xffc00000u) : unit(rng); break; // x86 NaN
                    case 5: v = a == 0 ? from_bits(0x7fffffffu) : unit(rng); break; // GPU NaN
                    case 6: v = a == 2 ? -INFINITY : unit(rng); break;
                    case 7: v = std::ldexp(unit(rng), 120 + near(rng) / 2); break; // huge
                    default: v = std::ldexp(unit(rng), -130 + near(rng)); break;   // tiny
                }
                x[(o * axis + a) * inner + c] = v;
            }
        }
    }
    return x;
}

struct Case {
    mx_isa isa;
    mx_profile profile;
};

class QuantizeColumns : public ::testing::TestWithParam<Case> {};

TEST_P(QuantizeColumns, MatchesContiguousBlocks)
{
    const Case k = GetParam();
    if (!mx_isa_supported(k.isa)) {
        GTEST_SKIP() << "this CPU cannot run " << mx_isa_name(k.isa);
    }
    ASSERT_EQ(mx_isa_force(k.isa), 0);
    int checked = 0;
    for (const char *name : {"fp8_e4m3", "fp8_e5m2", "int8", "int2", "fp4_e2m1", "bfloat16"}) {
        for (mx_round round : {MX_ROUND_NEAREST, MX_ROUND_EVEN, MX_ROUND_FLOOR}) {
            for (int block : {32, 5}) {
                for (int scale_bits : {8, 3}) {
                    mx_block_spec spec{};
                    spec.profile = k.profile;
                    ASSERT_EQ(mx_format_from_name(name, &spec.elem, nullptr, 0), 0) << name;
                    spec.round = round;
                    spec.block_size = block;
                    spec.scale_bits = scale_bits;
                    char err[256];
                    if (mx_block_spec_check(&spec, err, sizeof err) != 0) {
                        continue; // a rounding the profile does not have
                    }
                    for (size_t axis : {64u, 37u, 3u}) {
                        for (size_t inner : {2u, 64u, 65u, 130u}) {
                            const size_t outer = 2;
                            const size_t nblocks = mx_blocks_along(axis, block);
                            std::vector<float> x = make_input(outer, axis, inner,
                                                              (unsigned)(axis * 1000 + inner));
                            std::vector<float> got(x.size());
                            std::vector<uint8_t> got_scales(outer * nblocks * inner);
                            mx_quantize_axis(&spec, x.data(), got.data(), outer, axis, inner,
                                             got_scales.data());
                            std::vector<float> inplace = x;
                            mx_quantize_axis(&spec, inplace.data(), inplace.data(), outer, axis,
                                             inner, nullptr);
                            for (size_t o = 0; o < outer; o++) {
                                for (size_t b = 0; b < nblocks; b++) {
                                    const size_t a0 = b * (size_t)block;
                                    const size_t len = std::min<size_t>(block, axis - a0);
                                    for (size_t c = 0; c < inner; c++) {
                                        float blk[32], want[32];
                                        for (size_t a = 0; a < len; a++) {
                                            blk[a] = x[(o * axis + a0 + a) * inner + c];
                                        }
                                        const uint8_t scale = mx_quantize_block(
                                            &spec, blk, len, nullptr, want);
                                        ASSERT_EQ(got_scales[(o * nblocks + b) * inner + c], scale)
                                            << name << " block " << block << " axis " << axis
                                            << " inner " << inner << " column " << c;
                                        for (size_t a = 0; a < len; a++) {
                                            const size_t at = (o * axis + a0 + a) * inner + c;
                                            ASSERT_EQ(bits(got[at]), bits(want[a]))
                                                << name << " round " << round << " block " << block
                                                << " scale bits " << scale_bits << " axis " << axis
                                                << " inner " << inner << " at " << at;
                                            ASSERT_EQ(bits(inplace[at]), bits(want[a])) << at;
                                        }
                                    }
                                }
                            }
                            checked++;
                        }
                    }
                }
            }
        }
    }
    EXPECT_GT(checked, 0);
}

std::vector<Case> all_cases()
{
    std::vector<Case> cases;
    for (int isa = 0; isa < MX_ISA_COUNT; isa++) {
        for (int p = 0; p < MX_PROFILE_COUNT; p++) {
            cases.push_back({(mx_isa)isa, (mx_profile)p});
        }
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(Golden, QuantizeColumns, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                             return std::string(mx_isa_name(info.param.isa)) + "_" +
                                    (info.param.profile == MX_PROFILE_TORCH_CPU    ? "torch_cpu"
                                     : info.param.profile == MX_PROFILE_CUDA_KERNEL ? "cuda_kernel"
                                                                                     : "hw");
                         });

} // namespace
