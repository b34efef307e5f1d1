// Every instruction-set variant of the kernels gives the generic variant's
// bits, for all three profiles, elementwise and MX.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "block_gen.h"
#include "input_gen.h"
#include "mxaccel/isa.h"
#include "mxaccel/quantize.h"
#include "targets.h"

namespace hwref {
namespace {

// All results of the workload, concatenated.
std::vector<uint32_t> workload()
{
    std::vector<uint32_t> all;
    auto append = [&all](const std::vector<float> &v) {
        const size_t at = all.size();
        all.resize(at + v.size());
        std::memcpy(all.data() + at, v.data(), v.size() * sizeof(float));
    };
    for (const Target &t : all_targets()) {
        const ElemRef ref(spec_by_name(t.name));
        const mx_format f = lib_format(t);
        // Odd length: vector bodies and scalar tails both run.
        const std::vector<float> in = mixed_inputs(ref, 20011, seed_for("isa " + t.label));
        std::vector<float> out(in.size());
        for (int p = 0; p < MX_PROFILE_COUNT; ++p) {
            for (int r = 0; r < MX_ROUND_COUNT; ++r) {
                for (int sat = 0; sat < 2; ++sat) {
                    const mx_elem_spec es = {static_cast<mx_profile>(p), f, static_cast<mx_round>(r), sat != 0, sat == 0, false};
                    mx_quantize_elemwise(&es, in.data(), out.data(), in.size());
                    append(out);
                }
                if (!t.mx_element) continue;
                Rng rng(seed_for("isa blocks " + t.label));
                std::vector<float> tensor;
                for (int b = 0; b < 200; ++b) {
                    const std::vector<float> blk = random_block(ref, rng, 32, 8);
                    tensor.insert(tensor.end(), blk.begin(), blk.end());
                }
                for (int k : {8, 4}) {
                    const mx_block_spec bs = {static_cast<mx_profile>(p), f, static_cast<mx_round>(r), 32, k};
                    std::vector<float> deq(tensor.size());
                    std::vector<uint8_t> scales(tensor.size() / 32);
                    // [outer=4][axis=200][inner=8]: strided blocks and a partial last block.
                    mx_quantize_axis(&bs, tensor.data(), deq.data(), 4, tensor.size() / 32, 8, nullptr);
                    append(deq);
                    mx_quantize_axis(&bs, tensor.data(), deq.data(), 1, tensor.size(), 1, scales.data());
                    append(deq);
                    for (uint8_t s : scales) all.push_back(s);
                }
            }
        }
    }
    return all;
}

TEST(HwIsa, AllVariantsGiveIdenticalBits)
{
    const mx_isa saved = mx_isa_active();
    ASSERT_TRUE(mx_isa_supported(MX_ISA_GENERIC));
    ASSERT_EQ(mx_isa_force(MX_ISA_GENERIC), 0);
    const std::vector<uint32_t> want = workload();
    for (mx_isa isa : {MX_ISA_AVX2, MX_ISA_AVX512}) {
        if (!mx_isa_supported(isa)) {
            std::printf("%s not supported on this CPU: skipped\n", mx_isa_name(isa));
            continue;
        }
        ASSERT_EQ(mx_isa_force(isa), 0);
        ASSERT_EQ(mx_isa_active(), isa);
        const std::vector<uint32_t> got = workload();
        ASSERT_EQ(got.size(), want.size());
        size_t diff = 0, first = 0;
        for (size_t i = 0; i < got.size(); ++i) {
            if (got[i] != want[i] && diff++ == 0) first = i;
        }
        EXPECT_EQ(diff, 0u) << mx_isa_name(isa) << " differs from generic; first at result " << first << ": "
                            << std::hex << want[first] << " vs " << got[first];
    }
    ASSERT_EQ(mx_isa_force(saved), 0);
    EXPECT_EQ(mx_isa_active(), saved);
}

TEST(HwIsa, Names)
{
    mx_isa isa;
    for (int i = 0; i < MX_ISA_COUNT; ++i) {
        ASSERT_EQ(mx_isa_from_name(mx_isa_name(static_cast<mx_isa>(i)), &isa), 0);
        EXPECT_EQ(isa, static_cast<mx_isa>(i));
    }
    EXPECT_EQ(mx_isa_from_name("sse9", &isa), -1);
}

}  // namespace
}  // namespace hwref
