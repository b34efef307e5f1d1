// Quantizer output survives pack/unpack: hw blocks bit for bit (NaN blocks
// included); torch-cpu and cuda-kernel blocks by value.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "bits.h"
#include "block_gen.h"
#include "mismatch_log.h"
#include "mxaccel/mx_pack.h"
#include "mxaccel/quantize.h"
#include "targets.h"

namespace hwref {
namespace {

constexpr int kBlocks = 400;

bool same_value(float a, float b, bool zero_sign_may_differ)
{
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (zero_sign_may_differ) return a == b;
    return bits_of(a) == bits_of(b);
}

void round_trip(const Target &t, mx_profile profile, bool bitwise)
{
    const ElemRef ref(spec_by_name(t.name));
    const mx_format f = lib_format(t);
    Rng rng(seed_for(std::string("roundtrip ") + mx_profile_name(profile) + t.label));
    for (int r = 0; r < MX_ROUND_COUNT; ++r) {
        const mx_round round = static_cast<mx_round>(r);
        MismatchLog log(std::string(mx_profile_name(profile)) + " " + t.name + " " + mx_round_name(round));
        for (int i = 0; i < kBlocks; ++i) {
            const size_t lengths[] = {32, 32, 1, 7, 16};
            const size_t n = lengths[rng.below(5)];
            const int k = i % 4 == 0 ? 5 : 8;
            const mx_block_spec spec = {profile, f, round, 32, k};
            const std::vector<float> in = random_block(ref, rng, n, k, bitwise);
            std::vector<float> elems(n), out(n), e2(n), o2(n);
            const uint8_t scale = mx_quantize_block(&spec, in.data(), n, elems.data(), out.data());

            std::vector<uint8_t> buf(mx_packed_block_bytes(&f, n));
            if (mx_pack_block(&f, scale, elems.data(), n, buf.data()) != 0) {
                log.add("pack failed, n=" + std::to_string(n) + " scale " + std::to_string(scale) + " first elem " +
                        describe(elems[0]));
                continue;
            }
            const uint8_t s2 = mx_unpack_block(&f, buf.data(), n, e2.data(), o2.data());
            if (s2 != scale) {
                log.add("scale " + std::to_string(scale) + " unpacked as " + std::to_string(s2));
                continue;
            }
            for (size_t j = 0; j < n; ++j) {
                if (!bitwise && scale == 0xFF) {
                    // Element codes of a NaN-scale block carry nothing; the values are NaN.
                    if (!std::isnan(o2[j])) log.add("NaN scale unpacked to " + describe(o2[j]));
                    continue;
                }
                const bool zs = !bitwise && ref.spec().is_int;
                const bool ok = bitwise ? bits_of(e2[j]) == bits_of(elems[j]) && bits_of(o2[j]) == bits_of(out[j])
                                        : same_value(e2[j], elems[j], zs) && same_value(o2[j], out[j], zs);
                if (!ok) {
                    log.add("n=" + std::to_string(n) + " scale " + std::to_string(scale) + " element " +
                            std::to_string(j) + ": elem " + describe(elems[j]) + " -> " + describe(e2[j]) + ", out " +
                            describe(out[j]) + " -> " + describe(o2[j]));
                    break;
                }
            }
        }
    }
}

class HwPackRoundTrip : public ::testing::TestWithParam<Target> {};

TEST_P(HwPackRoundTrip, HwBitExact) { round_trip(GetParam(), MX_PROFILE_HW, true); }
TEST_P(HwPackRoundTrip, TorchCpuByValue) { round_trip(GetParam(), MX_PROFILE_TORCH_CPU, false); }
TEST_P(HwPackRoundTrip, CudaKernelByValue) { round_trip(GetParam(), MX_PROFILE_CUDA_KERNEL, false); }

INSTANTIATE_TEST_SUITE_P(Formats, HwPackRoundTrip, ::testing::ValuesIn(mx_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

}  // namespace
}  // namespace hwref
