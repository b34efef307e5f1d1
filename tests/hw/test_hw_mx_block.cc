// hw MX block quantization (mx_quantize_block) against the independent
// reference: full and short blocks, several block sizes and scale widths.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "bits.h"
#include "block_gen.h"
#include "mismatch_log.h"
#include "mxaccel/quantize.h"
#include "ref_mx.h"
#include "targets.h"

namespace hwref {
namespace {

constexpr int kBlocksPerMode = 3000;

std::string dump(const std::vector<float> &v)
{
    std::string s = "[";
    for (float x : v) s += describe(x) + " ";
    return s + "]";
}

class HwMxBlock : public ::testing::TestWithParam<Target> {};

TEST_P(HwMxBlock, MatchesReference)
{
    const Target &t = GetParam();
    const ElemRef ref(spec_by_name(t.name));
    const mx_format fmt = lib_format(t);
    Rng rng(seed_for("block " + t.label));
    const int block_sizes[] = {32, 16, 64, 8, 1024};
    const int scale_bits[] = {8, 8, 7, 6, 4, 2, 1};

    for (int r = 0; r < MX_ROUND_COUNT; ++r) {
        const mx_round round = static_cast<mx_round>(r);
        MismatchLog log("hw MX " + t.name + " " + mx_round_name(round));
        for (int i = 0; i < kBlocksPerMode; ++i) {
            const int bs = block_sizes[rng.below(i % 7 == 0 ? 5 : 4)];
            const size_t lengths[] = {static_cast<size_t>(bs), 1, 7, 16};
            const size_t n = std::min<size_t>(lengths[rng.below(4)], static_cast<size_t>(bs));
            const int k = scale_bits[rng.below(7)];
            const mx_block_spec spec = {MX_PROFILE_HW, fmt, round, bs, k};
            const std::vector<float> in = random_block(ref, rng, n, k);

            std::vector<float> elems(n), out(n), want_elems(n), want_out(n);
            const uint8_t scale = mx_quantize_block(&spec, in.data(), n, elems.data(), out.data());
            const uint8_t want = ref_mx_block(ref, round, k, in.data(), n, want_elems.data(), want_out.data());
            const std::string where = "block_size=" + std::to_string(bs) + " n=" + std::to_string(n) +
                                      " scale_bits=" + std::to_string(k) + " in=" + dump(in);
            if (scale != want) {
                log.add(where + ": scale expected " + std::to_string(want) + " got " + std::to_string(scale));
                continue;
            }
            for (size_t j = 0; j < n; ++j) {
                if (bits_of(elems[j]) != bits_of(want_elems[j]) || bits_of(out[j]) != bits_of(want_out[j])) {
                    log.add(where + ": element " + std::to_string(j) + " x=" + describe(in[j]) + " elem expected " +
                            describe(want_elems[j]) + " got " + describe(elems[j]) + ", out expected " +
                            describe(want_out[j]) + " got " + describe(out[j]));
                    break;
                }
            }
            // Either output may be skipped without changing the other or the scale.
            std::vector<float> only(n);
            if (mx_quantize_block(&spec, in.data(), n, nullptr, only.data()) != want ||
                std::memcmp(only.data(), out.data(), n * sizeof(float)) != 0) {
                log.add(where + ": result changes when elems is NULL");
            }
            if (mx_quantize_block(&spec, in.data(), n, only.data(), nullptr) != want ||
                std::memcmp(only.data(), elems.data(), n * sizeof(float)) != 0) {
                log.add(where + ": result changes when out is NULL");
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, HwMxBlock, ::testing::ValuesIn(mx_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

TEST(HwMxBlockSpec, Check)
{
    char err[128];
    const mx_format e4m3 = lib_format_named("fp8_e4m3");
    mx_block_spec s = {MX_PROFILE_HW, e4m3, MX_ROUND_NEAREST, 32, 8};
    EXPECT_EQ(mx_block_spec_check(&s, err, sizeof err), 0);
    for (int bs : {1, MX_MAX_BLOCK_SIZE}) {
        s.block_size = bs;
        EXPECT_EQ(mx_block_spec_check(&s, err, sizeof err), 0) << bs;
    }
    for (int bs : {0, -1, MX_MAX_BLOCK_SIZE + 1}) {
        s.block_size = bs;
        EXPECT_EQ(mx_block_spec_check(&s, err, sizeof err), -1) << bs;
    }
    s.block_size = 32;
    for (int k : {0, 9}) {
        s.scale_bits = k;
        EXPECT_EQ(mx_block_spec_check(&s, err, sizeof err), -1) << k;
    }
    s.scale_bits = 8;
    s.elem = lib_format_named("fp12");  // elementwise only
    EXPECT_EQ(mx_block_spec_check(&s, err, sizeof err), -1);
}

TEST(HwMxBlocksAlong, CeilDivision)
{
    EXPECT_EQ(mx_blocks_along(1, 32), 1u);
    EXPECT_EQ(mx_blocks_along(31, 32), 1u);
    EXPECT_EQ(mx_blocks_along(32, 32), 1u);
    EXPECT_EQ(mx_blocks_along(33, 32), 2u);
    EXPECT_EQ(mx_blocks_along(70, 32), 3u);
    EXPECT_EQ(mx_blocks_along(64, 16), 4u);
    EXPECT_EQ(mx_blocks_along(1000, 1), 1000u);
}

}  // namespace
}  // namespace hwref
