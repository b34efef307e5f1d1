// The C model alone against the golden hw profile, for all 64 format pairs:
// r of single transactions and accumulated outputs.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "pe_golden.h"
#include "pe_stimulus.h"

namespace {

struct Pair {
    mx_format_id a, w;
};

std::vector<Pair> all_pairs()
{
    std::vector<Pair> v;
    size_t n = 0;
    const mx_format *t = mx_format_mx_elements(&n);
    // The PE's formats: the OCP MX element formats (not fp16 / bfloat16).
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (t[i].id > MX_FMT_FP4_E2M1 || t[j].id > MX_FMT_FP4_E2M1) {
                continue;
            }
            v.push_back({t[i].id, t[j].id});
        }
    }
    return v;
}

std::string pair_name(const ::testing::TestParamInfo<Pair> &info)
{
    const PeGolden g = pe_golden_make(info.param.a, info.param.w);
    return std::string(g.a.name) + "_x_" + g.w.name;
}

// Streams txns through the model with out_ready high; outputs == golden.
void check_stream(const Pair &p, const std::vector<pe_input> &txns)
{
    pe_model m;
    ASSERT_EQ(pe_init(&m, p.a, p.w), 0);
    std::vector<uint32_t> out;
    const pe_input idle = {};
    for (size_t i = 0; i < txns.size() + PE_LATENCY; i++) {
        bool v = false;
        uint32_t d = 0;
        pe_outputs(&m, &v, &d);
        if (v) {
            out.push_back(d);
        }
        pe_clock(&m, i < txns.size() ? &txns[i] : &idle, true);
    }
    const PeGolden g = pe_golden_make(p.a, p.w);
    const std::vector<uint32_t> exp = pe_golden_outputs(g, txns);
    ASSERT_EQ(out.size(), exp.size());
    size_t bad = 0;
    for (size_t k = 0; k < exp.size(); k++) {
        if (out[k] != exp[k] && bad++ < 5) {
            ADD_FAILURE() << "output " << k << ": model 0x" << std::hex << out[k] << ", golden 0x"
                          << exp[k];
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ %s x %s ] %zu transactions\n", g.a.name, g.w.name, txns.size());
}

class PeModel : public ::testing::TestWithParam<Pair> {};

TEST_P(PeModel, SingleProducts)
{
    PeStimulus s(GetParam().a, GetParam().w, 21);
    check_stream(GetParam(), s.single_products(true));
}

TEST_P(PeModel, Directed)
{
    PeStimulus s(GetParam().a, GetParam().w, 22);
    check_stream(GetParam(), s.directed());
}

TEST_P(PeModel, Random)
{
    PeStimulus s(GetParam().a, GetParam().w, 23);
    check_stream(GetParam(), s.random_stream(20000));
}

TEST_P(PeModel, RandomLong)
{
    PeStimulus s(GetParam().a, GetParam().w, 24);
    check_stream(GetParam(), s.random_stream(1000000));
}

INSTANTIATE_TEST_SUITE_P(AllPairs, PeModel, ::testing::ValuesIn(all_pairs()), pair_name);

}  // namespace
