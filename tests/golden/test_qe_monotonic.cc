// The CNN quantizes conv2's output after relu and max-pooling instead of
// before (golden/cnn_forward.c) when elementwise quantization Qe is
// monotonic: x <= y gives Qe(x) <= Qe(y), with Qe(+0) = +0, for |x| < 2^127
// (above, torch-cpu's log2f reaches 128 and Qe gives NaN near FLT_MAX; the
// network falls back to the plain order for such images). This checks it
// for every profile and every elementwise format the network takes, by
// sweeping the fp32 inputs below 2^127 in increasing order: a sample (every 4093rd bit
// pattern plus 64 ulps either side of every power of two, where torch-cpu's
// SLEEF log2f round-up zone lies) in the default suite; all of them under
// the long label for the seed's elementwise formats (fp8, fp10, fp12, fp16,
// bfloat16).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"

namespace {

struct Case {
    mx_profile profile;
    std::string format; // "fpN" or "bfloatN"
};

mx_elem_spec spec_of(const Case &c)
{
    mx_elem_spec s{};
    s.profile = c.profile;
    const int n = std::stoi(c.format.substr(c.format[0] == 'f' ? 2 : 6));
    if (c.format[0] == 'f') {
        mx_format_fp(n, &s.format);
    } else {
        mx_format_bfloat(n, &s.format);
    }
    s.round = MX_ROUND_NEAREST;
    s.denorm = true;
    return s;
}

// Magnitudes checked: below 2^127 (bit pattern 0x7f000000).
constexpr uint32_t kLimit = 0x7f000000u;

float from_bits(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

// Inputs in increasing order: negative ones (descending bit patterns), then positive.
std::vector<float> sampled_inputs_in_order()
{
    std::vector<uint32_t> mags;
    for (uint64_t u = 0; u < kLimit; u += 4093) {
        mags.push_back(static_cast<uint32_t>(u));
    }
    for (uint32_t e = 1; e < 254; e++) {
        const uint32_t p = e << 23;
        for (int d = -64; d <= 64; d++) {
            mags.push_back(p + static_cast<uint32_t>(d));
        }
    }
    mags.push_back(kLimit - 1);
    std::sort(mags.begin(), mags.end());
    std::vector<float> x;
    for (auto it = mags.rbegin(); it != mags.rend(); ++it) {
        x.push_back(from_bits(*it | 0x80000000u));
    }
    for (uint32_t m : mags) {
        x.push_back(from_bits(m));
    }
    return x;
}

// Checks Qe non-decreasing over x (already increasing); counts violations.
struct Sweep {
    float last = -INFINITY;
    uint64_t checked = 0, violations = 0;
    float bad_in = 0, bad_prev = 0, bad_out = 0;
    void feed(const float *x, const float *q, size_t n)
    {
        for (size_t i = 0; i < n; i++) {
            if (std::isnan(q[i])) {
                violations++; // Qe of a non-NaN number must not be NaN
                bad_in = x[i];
                continue;
            }
            if (q[i] < last) {
                if (violations++ == 0) {
                    bad_in = x[i];
                    bad_prev = last;
                    bad_out = q[i];
                }
            }
            last = q[i];
            checked++;
        }
    }
};

void check(const Case &c, bool exhaustive)
{
    const mx_elem_spec s = spec_of(c);
    Sweep sw;
    if (!exhaustive) {
        const auto x = sampled_inputs_in_order();
        std::vector<float> q(x.size());
        mx_quantize_elemwise(&s, x.data(), q.data(), x.size());
        sw.feed(x.data(), q.data(), x.size());
    } else {
        const size_t chunk = 1u << 20;
        std::vector<float> x(chunk), q(chunk);
        // negative side, from -2^127 (exclusive) up to -0
        for (int64_t hi = kLimit - 1; hi >= 0; hi -= static_cast<int64_t>(chunk)) {
            size_t n = 0;
            for (int64_t u = hi; u > hi - static_cast<int64_t>(chunk) && u >= 0; u--) {
                x[n++] = from_bits(static_cast<uint32_t>(u) | 0x80000000u);
            }
            mx_quantize_elemwise(&s, x.data(), q.data(), n);
            sw.feed(x.data(), q.data(), n);
        }
        for (uint64_t lo = 0; lo < kLimit; lo += chunk) {
            size_t n = 0;
            for (uint64_t u = lo; u < lo + chunk && u < kLimit; u++) {
                x[n++] = from_bits(static_cast<uint32_t>(u));
            }
            mx_quantize_elemwise(&s, x.data(), q.data(), n);
            sw.feed(x.data(), q.data(), n);
        }
    }
    const float zero = 0.0f;
    float qz;
    mx_quantize_elemwise(&s, &zero, &qz, 1);
    uint32_t zb;
    std::memcpy(&zb, &qz, 4);
    std::printf("%s %s: checked %llu inputs, %llu out of order\n", mx_profile_name(c.profile),
                c.format.c_str(), static_cast<unsigned long long>(sw.checked),
                static_cast<unsigned long long>(sw.violations));
    EXPECT_EQ(zb, 0u) << "Qe(+0) must be +0";
    EXPECT_EQ(sw.violations, 0u) << mx_profile_name(c.profile) << " " << c.format << ": Qe("
                                 << sw.bad_in << ") = " << sw.bad_out << " < " << sw.bad_prev;
}

std::vector<Case> all_cases()
{
    std::vector<Case> cases;
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL, MX_PROFILE_HW}) {
        // every fpN / bfloatN for which the network takes this shortcut
        // (at most 16 trailing bits, golden/cnn_net.c)
        for (const char *kind : {"fp", "bfloat"}) {
            for (int n = 7; n <= 32; n++) {
                const std::string name = kind + std::to_string(n);
                mx_format f;
                const int ok = name[0] == 'f' ? mx_format_fp(n, &f) : mx_format_bfloat(n, &f);
                if (ok == 0 && mx_format_trailing_bits(&f) <= 16) {
                    cases.push_back({p, name});
                }
            }
        }
    }
    return cases;
}

// The sweep itself must notice an out-of-order output and a NaN.
TEST(QeMonotonicSweep, CatchesDisorderAndNaN)
{
    const float x[4] = {1, 2, 3, 4};
    const float down[4] = {1, 2, 1.5f, 4};
    const float nan[4] = {1, NAN, 3, 4};
    Sweep a, b;
    a.feed(x, down, 4);
    b.feed(x, nan, 4);
    EXPECT_EQ(a.violations, 1u);
    EXPECT_EQ(b.violations, 1u);
}

std::vector<Case> seed_cases()
{
    std::vector<Case> cases;
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL, MX_PROFILE_HW}) {
        for (const char *f : {"fp8", "fp10", "fp12", "fp16", "bfloat16"}) {
            cases.push_back({p, f});
        }
    }
    return cases;
}

std::string case_name(const ::testing::TestParamInfo<Case> &info)
{
    std::string n = mx_profile_name(info.param.profile);
    for (auto &ch : n) {
        ch = ch == '-' ? '_' : ch;
    }
    return n + "_" + info.param.format;
}

class QeMonotonic : public ::testing::TestWithParam<Case> {};
class QeMonotonicExhaustive : public ::testing::TestWithParam<Case> {};

TEST_P(QeMonotonic, Sampled) { check(GetParam(), false); }
TEST_P(QeMonotonicExhaustive, AllInputs) { check(GetParam(), true); }

INSTANTIATE_TEST_SUITE_P(Formats, QeMonotonic, ::testing::ValuesIn(all_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(Seed, QeMonotonicExhaustive, ::testing::ValuesIn(seed_cases()), case_name);

}  // namespace
