// docs/hw-arithmetic.md: on finite data hw lands on the same values as
// torch-cpu almost everywhere. Measure it for nearest rounding: elementwise on
// random finite inputs, and MX blocks of scaled Gaussians.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "bits.h"
#include "mxaccel/quantize.h"
#include "rng.h"
#include "targets.h"

namespace hwref {
namespace {

constexpr double kMinAgreement = 0.9999;

bool same_value(float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// Half uniform finite bit patterns, half values log-uniform over +-2^[-40, 40]
// (where most formats have their normal range) and the format-relevant rest.
std::vector<float> finite_inputs(size_t n, uint64_t seed)
{
    Rng rng(seed);
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) {
        float x;
        if (i % 2 == 0) {
            do {
                x = float_of(rng.u32());
            } while (!std::isfinite(x));
        } else {
            x = std::ldexp(1.0f + static_cast<float>(rng.u32() >> 9) * 0x1p-23f, rng.range(-40, 40));
            if (rng.coin()) x = -x;
        }
        v[i] = x;
    }
    return v;
}

double agreement(const std::vector<float> &a, const std::vector<float> &b)
{
    size_t same = 0;
    for (size_t i = 0; i < a.size(); ++i) same += same_value(a[i], b[i]);
    return static_cast<double>(same) / static_cast<double>(a.size());
}

class HwTorchAgreement : public ::testing::TestWithParam<Target> {};

TEST_P(HwTorchAgreement, ElemwiseNearest)
{
    const Target &t = GetParam();
    const mx_format f = lib_format(t);
    const std::vector<float> in = finite_inputs(size_t{1} << 22, seed_for("agree " + t.label));
    std::vector<float> hw(in.size()), torch(in.size());
    mx_elem_spec s = {MX_PROFILE_HW, f, MX_ROUND_NEAREST, t.mx_element, true, false};
    mx_quantize_elemwise(&s, in.data(), hw.data(), in.size());
    s.profile = MX_PROFILE_TORCH_CPU;
    mx_quantize_elemwise(&s, in.data(), torch.data(), in.size());
    const double frac = agreement(hw, torch);
    std::printf("%s elementwise nearest: hw == torch-cpu on %.6f%% of %zu finite inputs\n", t.label.c_str(),
                100.0 * frac, in.size());
    EXPECT_GE(frac, kMinAgreement);
}

INSTANTIATE_TEST_SUITE_P(Formats, HwTorchAgreement, ::testing::ValuesIn(all_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

class HwTorchAgreementMx : public ::testing::TestWithParam<Target> {};

TEST_P(HwTorchAgreementMx, BlockNearest)
{
    const Target &t = GetParam();
    const size_t n = size_t{1} << 21;
    Rng rng(seed_for("agree mx " + t.label));
    std::vector<float> in(n), hw(n), torch(n);
    for (size_t b = 0; b < n; b += 32) {
        const int e = rng.range(-60, 60);
        for (size_t i = b; i < b + 32; ++i) in[i] = static_cast<float>(std::ldexp(rng.gaussian(), e));
    }
    mx_block_spec s = {MX_PROFILE_HW, lib_format(t), MX_ROUND_NEAREST, 32, 8};
    mx_quantize_axis(&s, in.data(), hw.data(), 1, n, 1, nullptr);
    s.profile = MX_PROFILE_TORCH_CPU;
    mx_quantize_axis(&s, in.data(), torch.data(), 1, n, 1, nullptr);
    const double frac = agreement(hw, torch);
    std::printf("%s MX nearest: hw == torch-cpu on %.6f%% of %zu Gaussian inputs\n", t.label.c_str(), 100.0 * frac, n);
    EXPECT_GE(frac, kMinAgreement);
}

INSTANTIATE_TEST_SUITE_P(Formats, HwTorchAgreementMx, ::testing::ValuesIn(mx_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

}  // namespace
}  // namespace hwref
