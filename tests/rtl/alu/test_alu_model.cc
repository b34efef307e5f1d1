// The C model alone against the golden hw operations, for every ALU format
// the RTL is built for and two more (fp7, bfloat10): its pipeline,
// registers and tables, streamed with out_ready high.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "alu_golden.h"
#include "alu_stimulus.h"

namespace {

const char *const kFormats[] = {"fp7", "fp8", "fp10", "fp12", "fp16", "bfloat10", "bfloat16"};

mx_format format_named(const char *name)
{
    mx_format f;
    if (mx_format_from_name(name, &f, nullptr, 0) != 0) {
        std::abort();
    }
    return f;
}

void check_stream(const char *name, const std::vector<alu_input> &txns, const char *what)
{
    const mx_format e = format_named(name);
    alu_model m;
    ASSERT_EQ(alu_init(&m, &e), 0);
    std::vector<uint32_t> out;
    const alu_input idle = {};
    for (size_t i = 0; i < txns.size() + ALU_LATENCY; i++) {
        bool v = false;
        uint32_t d = 0;
        alu_outputs(&m, &v, &d);
        if (v) {
            out.push_back(d);
        }
        alu_clock(&m, i < txns.size() ? &txns[i] : &idle, true);
    }
    alu_free(&m);
    const std::vector<uint32_t> exp = alu_golden_outputs(e, txns);
    ASSERT_EQ(out.size(), exp.size());
    size_t bad = 0;
    for (size_t k = 0; k < exp.size(); k++) {
        if (out[k] != exp[k] && bad++ < 5) {
            ADD_FAILURE() << name << " " << what << " output " << k << ": model 0x" << std::hex
                          << out[k] << ", golden 0x" << exp[k];
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("[ %s ] %s: %zu transactions, %zu outputs\n", name, what, txns.size(), exp.size());
}

class AluModel : public ::testing::TestWithParam<const char *> {};

TEST_P(AluModel, EveryCode)
{
    AluStimulus s(format_named(GetParam()), 1);
    check_stream(GetParam(), s.every_code(), "every code");
}

TEST_P(AluModel, QuantAroundValues)
{
    AluStimulus s(format_named(GetParam()), 2);
    check_stream(GetParam(), s.quant_around_values(), "QUANT around every value");
}

TEST_P(AluModel, CornersAndReductions)
{
    AluStimulus s(format_named(GetParam()), 3);
    check_stream(GetParam(), s.corners(), "corners");
    check_stream(GetParam(), s.reductions(3000), "reductions");
}

TEST_P(AluModel, RandomMix)
{
    AluStimulus s(format_named(GetParam()), 4);
    check_stream(GetParam(), s.random_mix(50000), "random mix");
}

TEST_P(AluModel, RandomMixLong)
{
    AluStimulus s(format_named(GetParam()), 5);
    check_stream(GetParam(), s.random_mix(1000000), "random mix");
}

INSTANTIATE_TEST_SUITE_P(Formats, AluModel, ::testing::ValuesIn(kFormats),
                         [](const ::testing::TestParamInfo<const char *> &i) {
                             return std::string(i.param);
                         });

} // namespace
