// The format functions the RTL elaborates with (mx_formats.vh, generated
// from the C format table) against the C table and the golden element
// decoder: each value is checked by what it means, not by how the generator
// computes it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "Vmx_formats_probe.h"
#include "mxaccel/format.h"
#include "mxaccel/mx_pack.h"

namespace {

struct Probe {
    int code_bits, ebits, tbits, has_inf, has_nan, emax, emin, mant_w, exp_max, exp_w, mag_w, qexp,
        max_code;
};

Probe probe(Vmx_formats_probe &v, int fmt)
{
    v.fmt_i = static_cast<uint32_t>(fmt);
    v.eval();
    auto s = [](uint32_t x) { return static_cast<int>(static_cast<int32_t>(x)); };
    return {s(v.code_bits_o), s(v.ebits_o), s(v.tbits_o),  s(v.has_inf_o), s(v.has_nan_o),
            s(v.emax_o),      s(v.emin_o),  s(v.mant_w_o), s(v.exp_max_o), s(v.exp_w_o),
            s(v.mag_w_o),     s(v.qexp_o),  s(v.max_code_o)};
}

// Bits needed for v >= 0 (at least 1).
int width_of(double v)
{
    int w = 1;
    while (std::ldexp(1.0, w) <= v) {
        w++;
    }
    return w;
}

TEST(RtlFormats, EveryTableFormatAgreesWithTheCTable)
{
    Vmx_formats_probe v;
    size_t count = 0;
    const mx_format *table = mx_format_mx_elements(&count);
    ASSERT_GE(count, 8u);
    for (size_t i = 0; i < count; i++) {
        const mx_format &f = table[i];
        SCOPED_TRACE(f.name);
        const Probe p = probe(v, static_cast<int>(f.id));
        const bool is_int = f.ebits == 0;
        EXPECT_EQ(p.code_bits, f.storage_bits);
        EXPECT_EQ(p.ebits, f.ebits);
        EXPECT_EQ(p.tbits, mx_format_trailing_bits(&f));
        EXPECT_EQ(p.has_inf, f.has_inf ? 1 : 0);
        EXPECT_EQ(p.has_nan, f.has_nan ? 1 : 0);
        EXPECT_EQ(p.emax, is_int ? 0 : f.emax);
        EXPECT_EQ(p.emin, is_int ? 0 : f.emin);

        // The quantum: code 1 is the smallest positive element.
        EXPECT_EQ(mx_elem_decode(&f, 1u), std::ldexp(1.0f, p.qexp));
        // The largest code: max_norm, and the next code up is not finite
        // (or is not a positive code at all).
        EXPECT_EQ(mx_elem_decode(&f, static_cast<uint32_t>(p.max_code)), f.max_norm);
        const uint32_t next = static_cast<uint32_t>(p.max_code) + 1u;
        if (next < (1u << (f.storage_bits - 1))) {
            EXPECT_FALSE(std::isfinite(mx_elem_decode(&f, next)));
        }
        // Magnitudes in quanta: the largest is max_norm, or for integers the
        // most negative code's |k|; mag_w holds it exactly.
        double mag = f.max_norm;
        if (is_int) {
            mag = std::fabs(mx_elem_decode(&f, 1u << (f.storage_bits - 1)));
        }
        const double quanta = std::ldexp(mag, -p.qexp);
        EXPECT_EQ(quanta, std::floor(quanta));
        EXPECT_EQ(p.mag_w, width_of(quanta));
        // Top element = mantissa (implicit bit set) * 2^exp_max quanta.
        const double top_mant = std::ldexp(static_cast<double>(f.max_norm), -p.qexp - p.exp_max);
        EXPECT_EQ(top_mant, std::floor(top_mant));
        if (is_int) {
            EXPECT_EQ(p.exp_max, 0);
            EXPECT_EQ(p.mant_w, f.storage_bits);
        } else {
            EXPECT_EQ(p.mant_w, width_of(top_mant));
            EXPECT_GE(top_mant, std::ldexp(1.0, p.mant_w - 1));
            // The smallest normal has offset 0: 2^emin = 2^tbits quanta.
            EXPECT_EQ(std::ldexp(1.0, f.emin), std::ldexp(1.0, p.qexp + p.tbits));
        }
        EXPECT_EQ(p.mag_w, p.mant_w + p.exp_max);
        EXPECT_EQ(p.exp_w, width_of(p.exp_max));
    }
}

TEST(RtlFormats, AnIdOutsideTheTableHasNoWidth)
{
    Vmx_formats_probe v;
    size_t count = 0;
    mx_format_mx_elements(&count);
    const Probe p = probe(v, static_cast<int>(count));
    EXPECT_EQ(p.code_bits, -1);
    EXPECT_EQ(p.mant_w, -1);
    EXPECT_EQ(p.mag_w, -1);
}

}  // namespace
