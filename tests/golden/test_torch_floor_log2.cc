// torch-cpu takes exponents from floor(log2f(x)) with SLEEF's log2f, which
// rounds up just below powers of two. The library replaces that call by a
// table built at start-up plus the exponent field; this checks the
// replacement against SLEEF's vector log2f (the functions PyTorch calls) for
// every positive normal fp32 value.
#include <gtest/gtest.h>
#include <immintrin.h>
#include <sleef.h>

#include <cmath>
#include <cstdint>
#include <cstring>

extern "C" {
#include "torch_floor_log2.h"
// Declared by sleef.h only when compiling for AVX2; exported regardless.
__m256 Sleef_log2f8_u10avx2(__m256);
}

namespace {

// SLEEF's AVX2+FMA log2f, compiled for that target only (chosen at run time).
__attribute__((target("avx2,fma"))) void sleef_log2_avx2(const float *in, float *out)
{
    __m256 v = _mm256_loadu_ps(in);
    _mm256_storeu_ps(out, Sleef_log2f8_u10avx2(v));
}

bool have_avx2_fma()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

// Compares the table (and the fast path where it applies) with SLEEF on the
// normal inputs for which keep(bits) is true; returns how many were checked.
template <typename Keep>
uint64_t compare_with_sleef(Keep keep)
{
    const uint32_t *thr = mx_torch_log2_thresholds();
    const uint32_t suspect = mx_torch_log2_suspect_min();
    uint64_t checked = 0, wrong = 0;
    float in[8], out[8];
    uint32_t bits[8];
    int n = 0;
    auto flush = [&]() {
        sleef_log2_avx2(in, out);
        for (int i = 0; i < n; i++) {
            const int want = (int)std::floor(out[i]);
            const int got = mx_torch_floor_log2(thr, bits[i]);
            const bool fast_ok =
                (bits[i] & 0x7fffffu) >= suspect || mx_torch_floor_log2_fast(bits[i]) == want;
            if ((got != want || !fast_ok) && wrong++ < 5) {
                ADD_FAILURE() << std::hex << "input " << bits[i] << std::dec << ": sleef " << want
                              << " table " << got;
            }
        }
        checked += (uint64_t)n;
        n = 0;
    };
    for (uint64_t b = 0x00800000u; b < 0x7f800000u; b++) {
        if (!keep((uint32_t)b)) {
            continue;
        }
        bits[n] = (uint32_t)b;
        std::memcpy(&in[n], &bits[n], 4);
        if (++n == 8) {
            flush();
        }
    }
    if (n) {
        for (int i = n; i < 8; i++) {
            in[i] = 1.0f;
        }
        flush();
    }
    EXPECT_EQ(wrong, 0u);
    return checked;
}

// Every binade's 256 mantissas nearest a power of two (where log2f rounds)
// and a stride through the rest.
TEST(TorchFloorLog2, NearPowersOfTwoAgainstSleefAvx2)
{
    if (!have_avx2_fma()) {
        GTEST_SKIP() << "needs AVX2+FMA to run SLEEF's AVX2 log2f";
    }
    const uint64_t n = compare_with_sleef([](uint32_t b) {
        const uint32_t t = b & 0x7fffffu;
        return t < 256 || t >= 0x800000u - 256 || t % 4099 == 0;
    });
    std::printf("floor(log2f) checked on %llu inputs\n", (unsigned long long)n);
}

// All 2^31 - 2^24 positive normal inputs (long label).
TEST(TorchFloorLog2, ExhaustiveAgainstSleefAvx2)
{
    if (!have_avx2_fma()) {
        GTEST_SKIP() << "needs AVX2+FMA to run SLEEF's AVX2 log2f";
    }
    const uint64_t n = compare_with_sleef([](uint32_t) { return true; });
    std::printf("floor(log2f) checked on %llu inputs\n", (unsigned long long)n);
}

// Subnormal inputs: every caller clamps the exponent at -127 or above, so
// the table only has to say "at most -127" there.
TEST(TorchFloorLog2, SubnormalsAtMostMinus127)
{
    const uint32_t *thr = mx_torch_log2_thresholds();
    for (uint32_t b = 1; b < 0x00800000u; b += 997) {
        float x;
        std::memcpy(&x, &b, 4);
        EXPECT_LE((int)std::floor(Sleef_log2f_u10(x)), -127);
        ASSERT_EQ(mx_torch_floor_log2(thr, b), -127);
    }
}

}  // namespace
