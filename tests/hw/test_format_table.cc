// The library's format table against the OCP / microxcaling parameters: the
// other suites drive the library with these formats, so check them first.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "mxaccel/format.h"
#include "ref_format.h"
#include "targets.h"

namespace hwref {
namespace {

void expect_matches(const mx_format &f, const FormatSpec &s)
{
    SCOPED_TRACE(s.name);
    EXPECT_EQ(f.ebits, s.ebits);
    EXPECT_EQ(f.mbits, s.p + 2);
    EXPECT_EQ(mx_format_trailing_bits(&f), s.p);
    EXPECT_EQ(f.emax, s.emax);
    if (!s.is_int) {
        EXPECT_EQ(f.emin, s.emin);
    }
    EXPECT_EQ(static_cast<double>(f.max_norm), s.max);
    EXPECT_EQ(f.storage_bits, s.storage_bits);
    EXPECT_EQ(f.has_inf, s.ieee_special);
    EXPECT_EQ(f.has_nan, s.ieee_special || s.nan_all_ones);
}

TEST(HwFormatTable, MxElementListHasTheOcpFormats)
{
    size_t count = 0;
    const mx_format *list = mx_format_mx_elements(&count);
    ASSERT_NE(list, nullptr);
    const std::vector<std::string> &known = mx_element_names();
    for (const char *ocp : {"int8", "fp8_e5m2", "fp8_e4m3", "fp6_e3m2", "fp6_e2m3", "fp4_e2m1"}) {
        bool found = false;
        for (size_t i = 0; i < count; ++i) {
            found = found || std::string(list[i].name) == ocp;
        }
        EXPECT_TRUE(found) << ocp;
    }
    for (size_t i = 0; i < count; ++i) {
        EXPECT_TRUE(list[i].mx_element) << list[i].name;
        EXPECT_NE(std::find(known.begin(), known.end(), list[i].name), known.end())
            << "no reference for MX element format " << list[i].name;
    }
}

TEST(HwFormatTable, ParametersMatchSpec)
{
    for (const Target &t : all_targets()) {
        expect_matches(lib_format(t), spec_by_name(t.name));
        expect_matches(lib_format_named(t.name), spec_by_name(t.name));
    }
}

TEST(HwFormatTable, AliasesAndCase)
{
    const struct {
        const char *alias, *name;
    } aliases[] = {{"fp4", "fp4_e2m1"}, {"float16", "fp16"}, {"bf16", "bfloat16"}, {"FP8_E4M3", "fp8_e4m3"},
                   {"BFloat12", "bfloat12"}};
    for (const auto &a : aliases) {
        expect_matches(lib_format_named(a.alias), spec_by_name(a.name));
    }
    mx_format f;
    char err[128];
    for (const char *bad : {"fp8_e3m4", "int3", "fp6", "bfloat9", "fp33", ""}) {
        EXPECT_EQ(mx_format_from_name(bad, &f, err, sizeof err), -1) << bad;
    }
}

TEST(HwFormatTable, ElementwiseWidthRanges)
{
    mx_format f;
    EXPECT_EQ(mx_format_bfloat(9, &f), -1);
    EXPECT_EQ(mx_format_bfloat(33, &f), -1);
    EXPECT_EQ(mx_format_fp(6, &f), -1);
    EXPECT_EQ(mx_format_fp(33, &f), -1);
    for (int n = 10; n <= 32; ++n) {
        ASSERT_EQ(mx_format_bfloat(n, &f), 0) << n;
        expect_matches(f, spec_by_name("bfloat" + std::to_string(n)));
    }
    for (int n = 7; n <= 16; ++n) {
        ASSERT_EQ(mx_format_fp(n, &f), 0) << n;
        expect_matches(f, spec_by_name("fp" + std::to_string(n)));
    }
}

}  // namespace
}  // namespace hwref
