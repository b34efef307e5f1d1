// Element codes and the packed layout: every code of every MX element format
// decodes to its OCP value and encodes back; pack writes the documented bits,
// from values (mx_pack_block) and from codes (mx_pack_codes).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bits.h"
#include "mismatch_log.h"
#include "mxaccel/mx_pack.h"
#include "mxaccel/quantize.h"
#include "ref_codes.h"
#include "ref_format.h"
#include "rng.h"
#include "targets.h"

namespace hwref {
namespace {

class HwPackCodes : public ::testing::TestWithParam<Target> {};

TEST_P(HwPackCodes, EveryCodeDecodesAndEncodesBack)
{
    const FormatSpec s = spec_by_name(GetParam().name);
    const mx_format f = lib_format(GetParam());
    MismatchLog log("codes of " + s.name);
    const uint32_t ncodes = 1u << s.storage_bits;
    const uint32_t int_min_code = 1u << (s.storage_bits - 1);  // k = -2^(w-1)
    for (uint32_t c = 0; c < ncodes; ++c) {
        char code_buf[32];
        std::snprintf(code_buf, sizeof code_buf, "code 0x%x", c);
        const std::string code = code_buf;
        const double want = ref_decode(s, c);
        const float got = mx_elem_decode(&f, c);
        if (std::isnan(want)) {
            if (!std::isnan(got)) log.add(code + " is NaN, decoded " + describe(got));
            uint32_t back = 0;
            // Any NaN that encodes must land on a NaN code.
            if (mx_elem_encode(&f, got, &back) == 0 && !ref_code_is_nan(s, back)) {
                log.add(code + ": NaN encodes to non-NaN code " + std::to_string(back));
            }
            continue;
        }
        if (bits_of(got) != bits_of(static_cast<float>(want))) {
            log.add(code + " expected " + describe(static_cast<float>(want)) + " got " + describe(got));
            continue;
        }
        uint32_t back = 0xdeadbeef;
        const int rc = mx_elem_encode(&f, got, &back);
        if (s.is_int && c == int_min_code) {
            // -2^(w-1) / 2^(w-2) is a valid two's complement code but outside the
            // quantizer's symmetric range; the header allows either answer.
            if (rc == 0 && back != c) log.add(code + " encodes back to " + std::to_string(back));
            continue;
        }
        if (rc != 0 || back != c) {
            log.add(code + " value " + describe(got) + " encodes to rc " + std::to_string(rc) + " code " +
                    std::to_string(back));
        }
    }
}

TEST_P(HwPackCodes, RejectsUnrepresentable)
{
    const FormatSpec s = spec_by_name(GetParam().name);
    const mx_format f = lib_format(GetParam());
    const std::vector<double> g = quantum_grid(s);
    uint32_t code;
    Rng rng(seed_for("reject " + s.name));
    for (int i = 0; i < 2000; ++i) {
        const size_t idx = rng.below(g.size() - 1);
        if (g[idx + 1] > s.max) continue;
        const float mid = static_cast<float>((g[idx] + g[idx + 1]) / 2);
        EXPECT_EQ(mx_elem_encode(&f, mid, &code), -1) << describe(mid);
        EXPECT_EQ(mx_elem_encode(&f, -mid, &code), -1) << describe(-mid);
    }
    if (!s.ieee_special) {
        // The first grid value above max has no code (no Inf in these formats).
        for (double v : g) {
            if (v > s.max) {
                EXPECT_EQ(mx_elem_encode(&f, static_cast<float>(v), &code), -1) << v;
                break;
            }
        }
    }
}

TEST_P(HwPackCodes, PackLayoutAndUnpack)
{
    const FormatSpec s = spec_by_name(GetParam().name);
    const mx_format f = lib_format(GetParam());
    Rng rng(seed_for("layout " + s.name));
    for (size_t n : {32u, 1u, 5u, 7u, 16u, 64u, 33u}) {
        for (int rep = 0; rep < 20; ++rep) {
            std::vector<uint32_t> codes(n);
            std::vector<float> vals(n);
            for (size_t i = 0; i < n; ++i) {
                uint32_t c;
                do {
                    c = static_cast<uint32_t>(rng.below(1u << s.storage_bits));
                } while (ref_code_is_nan(s, c) ||
                         (s.is_int && c == 1u << (s.storage_bits - 1)));
                codes[i] = c;
                vals[i] = static_cast<float>(ref_decode(s, c));
            }
            const uint8_t scale = rep == 0 ? 0xFF : static_cast<uint8_t>(rng.below(255));
            const std::vector<uint8_t> want = ref_pack(s, scale, codes.data(), n);
            ASSERT_EQ(mx_packed_block_bytes(&f, n), want.size());
            std::vector<uint8_t> dst(want.size() + 1, 0xA5);
            ASSERT_EQ(mx_pack_block(&f, scale, vals.data(), n, dst.data()), 0) << s.name << " n=" << n;
            EXPECT_EQ(dst.back(), 0xA5) << "wrote past the packed block";
            if (scale == 0xFF) {
                // A NaN scale makes every element NaN: its codes carry nothing.
                EXPECT_EQ(dst[0], scale);
                std::vector<float> out(n);
                ASSERT_EQ(mx_unpack_block(&f, want.data(), n, nullptr, out.data()), scale);
                for (size_t i = 0; i < n; ++i) ASSERT_TRUE(std::isnan(out[i])) << s.name << " element " << i;
                continue;
            }
            // Unused bits of the last byte are not part of the contract.
            const size_t used = n * static_cast<size_t>(s.storage_bits) % 8;
            const uint8_t last_mask = used ? static_cast<uint8_t>((1u << used) - 1) : 0xFF;
            for (size_t b = 0; b < want.size(); ++b) {
                const uint8_t mask = (b + 1 == want.size() && b > 0) ? last_mask : 0xFF;
                ASSERT_EQ(dst[b] & mask, want[b] & mask) << s.name << " n=" << n << " byte " << b;
            }

            // The same layout from the codes themselves, and the codes back.
            std::vector<uint16_t> codes16(codes.begin(), codes.end()), back(n);
            std::vector<uint8_t> from_codes(want.size() + 1, 0xA5);
            mx_pack_codes(&f, scale, codes16.data(), n, from_codes.data());
            EXPECT_EQ(from_codes.back(), 0xA5) << "mx_pack_codes wrote past the packed block";
            for (size_t b = 0; b < want.size(); ++b) {
                const uint8_t mask = (b + 1 == want.size() && b > 0) ? last_mask : 0xFF;
                ASSERT_EQ(from_codes[b] & mask, want[b] & mask) << s.name << " n=" << n << " byte " << b;
            }
            ASSERT_EQ(mx_unpack_codes(&f, want.data(), n, back.data()), scale);
            ASSERT_EQ(back, codes16) << s.name << " n=" << n;

            std::vector<float> elems(n), out(n);
            ASSERT_EQ(mx_unpack_block(&f, want.data(), n, elems.data(), out.data()), scale);
            for (size_t i = 0; i < n; ++i) {
                ASSERT_EQ(bits_of(elems[i]), bits_of(vals[i])) << s.name << " element " << i;
                const float deq = static_cast<float>(std::ldexp(static_cast<double>(vals[i]), scale - 127));
                ASSERT_EQ(bits_of(out[i]), bits_of(deq)) << s.name << " element " << i << " scale " << int(scale);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, HwPackCodes, ::testing::ValuesIn(mx_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

TEST(HwPackCodes, IntegerZeroHasOneCode)
{
    for (const char *name : {"int8", "int4", "int2"}) {
        const mx_format f = lib_format_named(name);
        uint32_t code = 0xdeadbeef;
        ASSERT_EQ(mx_elem_encode(&f, -0.0f, &code), 0) << name;
        EXPECT_EQ(code, 0u) << name;
        EXPECT_EQ(bits_of(mx_elem_decode(&f, 0)), 0u) << name;
    }
}

TEST(HwPackScale, ValueOfEveryCode)
{
    for (int c = 0; c < 255; ++c) {
        const float want = static_cast<float>(std::ldexp(1.0, c - 127));
        EXPECT_EQ(bits_of(mx_scale_value(static_cast<uint8_t>(c))), bits_of(want)) << c;
    }
    EXPECT_TRUE(std::isnan(mx_scale_value(MX_SCALE_NAN)));
}

}  // namespace
}  // namespace hwref
