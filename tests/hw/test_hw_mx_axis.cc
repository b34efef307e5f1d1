// hw mx_quantize_axis on [outer][axis][inner] tensors equals the reference
// applied block by block, with scales laid out [outer][nblocks][inner].
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "bits.h"
#include "mismatch_log.h"
#include "mxaccel/quantize.h"
#include "ref_mx.h"
#include "rng.h"
#include "targets.h"

namespace hwref {
namespace {

struct Shape {
    size_t outer, axis, inner;
    int block_size;
};

// Gaussian rows whose magnitude varies along outer and inner, plus a few
// zero runs, NaNs and infinities.
std::vector<float> tensor(const Shape &s, Rng &rng)
{
    std::vector<float> v(s.outer * s.axis * s.inner);
    for (size_t o = 0; o < s.outer; ++o) {
        for (size_t a = 0; a < s.axis; ++a) {
            for (size_t i = 0; i < s.inner; ++i) {
                const int e = static_cast<int>((o * 37 + i * 11) % 60) - 30;
                v[(o * s.axis + a) * s.inner + i] = static_cast<float>(std::ldexp(rng.gaussian(), e));
            }
        }
    }
    for (size_t j = 0; j < v.size() / 50 + 1; ++j) {
        const float special[] = {0.0f, -0.0f, NAN, INFINITY, 0.0f, 0.0f, 1e-40f, 3e38f};
        v[rng.below(v.size())] = special[rng.below(8)];
    }
    return v;
}

TEST(HwMxAxis, MatchesBlockwiseReference)
{
    const Shape shapes[] = {{3, 70, 5, 32}, {2, 20, 3, 32}, {1, 1000, 1, 32}, {4, 64, 2, 16},
                            {2, 100, 7, 64}, {1, 5, 1, 32}, {2, 33, 4, 8},    {3, 31, 2, 32}};
    Rng rng(seed_for("axis"));
    for (const char *name : {"fp8_e4m3", "int8", "fp4_e2m1", "fp16", "bfloat16"}) {
        const ElemRef ref(spec_by_name(name));
        const mx_format fmt = lib_format_named(name);
        for (const Shape &s : shapes) {
            for (int k : {8, 5}) {
                const mx_round round = static_cast<mx_round>(rng.below(MX_ROUND_COUNT));
                const mx_block_spec spec = {MX_PROFILE_HW, fmt, round, s.block_size, k};
                const std::string where = std::string(name) + " " + mx_round_name(round) + " shape [" +
                                          std::to_string(s.outer) + "][" + std::to_string(s.axis) + "][" +
                                          std::to_string(s.inner) + "] block " + std::to_string(s.block_size) +
                                          " scale_bits " + std::to_string(k);
                MismatchLog log(where);
                const std::vector<float> in = tensor(s, rng);
                const size_t nblocks = (s.axis + s.block_size - 1) / s.block_size;
                ASSERT_EQ(mx_blocks_along(s.axis, s.block_size), nblocks);

                std::vector<float> want(in.size()), out(in.size());
                std::vector<uint8_t> want_scales(s.outer * nblocks * s.inner), scales(want_scales.size() + 1, 0xA5);
                ref_mx_axis(ref, round, s.block_size, k, in.data(), want.data(), s.outer, s.axis, s.inner,
                            want_scales.data());
                mx_quantize_axis(&spec, in.data(), out.data(), s.outer, s.axis, s.inner, scales.data());
                for (size_t j = 0; j < in.size(); ++j) {
                    if (bits_of(out[j]) != bits_of(want[j])) {
                        log.add("index " + std::to_string(j) + " x=" + describe(in[j]) + " expected " +
                                describe(want[j]) + " got " + describe(out[j]));
                    }
                }
                for (size_t j = 0; j < want_scales.size(); ++j) {
                    if (scales[j] != want_scales[j]) {
                        log.add("scale " + std::to_string(j) + " expected " + std::to_string(want_scales[j]) +
                                " got " + std::to_string(scales[j]));
                    }
                }
                EXPECT_EQ(scales.back(), 0xA5) << where << ": wrote past the scales";

                // In place, without scales: the same values.
                std::vector<float> inplace = in;
                mx_quantize_axis(&spec, inplace.data(), inplace.data(), s.outer, s.axis, s.inner, nullptr);
                for (size_t j = 0; j < in.size(); ++j) {
                    if (bits_of(inplace[j]) != bits_of(want[j])) {
                        log.add("in place, index " + std::to_string(j) + " expected " + describe(want[j]) + " got " +
                                describe(inplace[j]));
                    }
                }
            }
        }
    }
}

}  // namespace
}  // namespace hwref
