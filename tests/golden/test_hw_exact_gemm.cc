// The hw profile's two ways to a block dot product must agree bit for bit:
// the exact double GEMM tiles (mx_exact_gemm, one variant per ISA) used when
// the operand formats make every block sum exact, and the reference
// hw_block_dot; likewise the sparse kernel (mx_exact_sparse_acc64) that
// skips zero activations. Operands are MX-quantized random matrices.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "mxaccel/isa.h"
#include "mxaccel/quantize.h"

extern "C" {
#include "exact_gemm.h"
#include "exact_sparse.h"
#include "hw_dot.h"
}

namespace {

std::vector<float> mx_matrix(size_t rows, size_t cols, const char *fmt, std::mt19937 &rng)
{
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::uniform_int_distribution<int> e(-20, 20);
    std::vector<float> m(rows * cols);
    for (auto &v : m) {
        v = std::ldexp(g(rng), e(rng) / 4);
    }
    mx_block_spec spec{};
    spec.profile = MX_PROFILE_HW;
    mx_format_from_name(fmt, &spec.elem, nullptr, 0);
    spec.round = MX_ROUND_NEAREST;
    spec.block_size = 32;
    spec.scale_bits = 8;
    mx_quantize_axis(&spec, m.data(), m.data(), rows, cols, 1, nullptr);
    return m;
}

uint32_t bits(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

TEST(HwExactGemm, AgreesWithBlockDotOnEveryIsa)
{
    const mx_isa saved = mx_isa_active();
    for (const char *fmt : {"fp8_e4m3", "int8", "fp6_e2m3", "fp4_e2m1"}) {
        mx_format f;
        mx_format_from_name(fmt, &f, nullptr, 0);
        ASSERT_TRUE(hw_dot_exact_in_double(&f, &f, 32)) << fmt;
        std::mt19937 rng(7);
        const size_t m = 37, n = 70, k = 32; // edges on both sides of the 4x32 tiles
        const auto a = mx_matrix(m, k, fmt, rng);   // [m][k]
        const auto bt = mx_matrix(n, k, fmt, rng);  // [n][k], blocks along k
        std::vector<double> ad(a.begin(), a.end()), btd(bt.begin(), bt.end()), b(k * n), d(m * n);
        for (size_t kk = 0; kk < k; kk++) {
            for (size_t j = 0; j < n; j++) {
                b[kk * n + j] = btd[j * k + kk];
            }
        }
        for (int isa = 0; isa < MX_ISA_COUNT; isa++) {
            if (mx_isa_force(static_cast<mx_isa>(isa)) != 0) {
                continue;
            }
            mx_exact_gemm(ad.data(), b.data(), d.data(), m, n, k, k);
            size_t wrong = 0;
            for (size_t i = 0; i < m; i++) {
                for (size_t j = 0; j < n; j++) {
                    const float fast = d[i * n + j] == 0.0 ? 0.0f : static_cast<float>(d[i * n + j]);
                    const float ref = hw_block_dot(&ad[i * k], &btd[j * k], k, false);
                    wrong += bits(fast) != bits(ref);
                }
            }
            EXPECT_EQ(wrong, 0u) << fmt << " on " << mx_isa_name(static_cast<mx_isa>(isa));
        }
    }
    mx_isa_force(saved);
}

// Rows of 32 activations (a third zero, some -0, one row with the hw
// profile's canonical NaN, one all zero) against 64 weight columns, added
// into non-zero fp32 accumulators: acc + fp32(exact dot) must equal
// acc + hw_block_dot on every ISA.
TEST(HwExactSparse, AgreesWithBlockDotOnEveryIsa)
{
    const mx_isa saved = mx_isa_active();
    for (const char *fmt : {"fp8_e4m3", "int8", "fp6_e2m3", "fp4_e2m1"}) {
        std::mt19937 rng(11);
        const size_t rows = 41, k = 32, w = MX_EXACT_SPARSE_WIDTH;
        auto x = mx_matrix(rows, k, fmt, rng);       // [rows][k]
        const auto wt = mx_matrix(w, k, fmt, rng);    // [w][k], blocks along k
        std::uniform_int_distribution<int> third(0, 2);
        for (auto &v : x) {
            if (third(rng) == 0) {
                v = third(rng) == 0 ? -0.0f : 0.0f;
            }
        }
        std::fill(x.begin() + 5 * k, x.begin() + 6 * k, 0.0f);
        uint32_t nan_bits = 0x7fc00000;
        std::memcpy(&x[9 * k + 3], &nan_bits, 4);
        std::vector<double> wd(k * w), xd(x.begin(), x.end()), wtd(wt.begin(), wt.end());
        for (size_t kk = 0; kk < k; kk++) {
            for (size_t o = 0; o < w; o++) {
                wd[kk * w + o] = wt[o * k + kk];
            }
        }
        std::vector<uint16_t> idx;
        std::vector<double> val;
        std::vector<uint32_t> start;
        for (size_t r = 0; r < rows; r++) {
            start.push_back(static_cast<uint32_t>(idx.size()));
            for (size_t kk = 0; kk < k; kk++) {
                if (x[r * k + kk] != 0.0f || std::isnan(x[r * k + kk])) {
                    idx.push_back(static_cast<uint16_t>(kk));
                    val.push_back(x[r * k + kk]);
                }
            }
        }
        start.push_back(static_cast<uint32_t>(idx.size()));
        std::vector<float> acc0(rows * w);
        std::normal_distribution<float> g(0.0f, 1.0f);
        for (auto &a : acc0) {
            a = g(rng);
        }
        for (int isa = 0; isa < MX_ISA_COUNT; isa++) {
            if (mx_isa_force(static_cast<mx_isa>(isa)) != 0) {
                continue;
            }
            std::vector<float> acc = acc0;
            mx_exact_sparse_acc64(wd.data(), w, idx.data(), val.data(), start.data(), 1, rows,
                                  acc.data(), w);
            size_t wrong = 0;
            for (size_t r = 0; r < rows; r++) {
                for (size_t o = 0; o < w; o++) {
                    const float ref = acc0[r * w + o] + hw_block_dot(&xd[r * k], &wtd[o * k], k, false);
                    wrong += bits(acc[r * w + o]) != bits(ref);
                }
            }
            EXPECT_EQ(wrong, 0u) << fmt << " on " << mx_isa_name(static_cast<mx_isa>(isa));
        }
    }
    mx_isa_force(saved);
}

// Inf and NaN products follow the hw rules in both summations (the
// double-double one once turned every Inf into NaN through its error term).
TEST(HwBlockDot, InfAndNaNProducts)
{
    const double inf = INFINITY;
    struct Case {
        std::vector<double> a, b;
        uint32_t expect;
    };
    const Case cases[] = {
        {{inf, 1.0, 3.0, 0x1p-60}, {2.0, 0.5, -7.0, 1.0}, 0x7f800000u},
        {{-inf, 1.0, 3.0}, {2.0, 0.5, -7.0}, 0xff800000u},
        {{inf, 1.0, -inf}, {2.0, 0.5, -1.0}, 0x7f800000u},  // both +Inf
        {{inf, 1.0, inf}, {2.0, 0.5, -1.0}, 0x7fc00000u},   // +Inf and -Inf
        {{inf, 1.0}, {0.0, 0.5}, 0x7fc00000u},              // Inf * 0
        {{NAN, 1.0}, {1.0, 0.5}, 0x7fc00000u},
    };
    for (const Case &c : cases) {
        for (bool exact_double : {false, true}) {
            const float r = hw_block_dot(c.a.data(), c.b.data(), c.a.size(), exact_double);
            EXPECT_EQ(std::isnan(r) ? 0x7fc00000u : bits(r), c.expect)
                << "a[0] = " << c.a[0] << ", exact_double " << exact_double;
        }
    }
}

}  // namespace
