// Every line of the reference vectors (produced by microxcaling itself, see
// tests/data/README.md) reproduced bit for bit, under every instruction set
// this CPU supports. torch-cpu NaN outputs carry PyTorch's payloads and are
// compared as "is NaN"; everything else, cuda-kernel NaNs included, by bits.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "mxaccel/isa.h"
#include "mxaccel/quantize.h"
#include "vector_file.h"

namespace {

using Lines = std::vector<std::vector<std::string>>;

float from_bits(unsigned u)
{
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

unsigned to_bits(float f)
{
    unsigned u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

bool is_nan_bits(unsigned u) { return (u & 0x7fffffffu) > 0x7f800000u; }

bool matches(mx_profile profile, unsigned want, unsigned got)
{
    if (profile == MX_PROFILE_TORCH_CPU && is_nan_bits(want)) {
        return is_nan_bits(got);
    }
    return want == got;
}

const Lines &elemwise_lines()
{
    static const Lines lines = mxtest::read_gz_lines(mxtest::golden_data_dir() + "/elemwise.txt.gz");
    return lines;
}

const Lines &mx_lines()
{
    static const Lines lines = mxtest::read_gz_lines(mxtest::golden_data_dir() + "/mx.txt.gz");
    return lines;
}

mx_profile profile_of(const std::string &name)
{
    mx_profile p;
    if (mx_profile_from_name(name.c_str(), &p) != 0) {
        throw std::runtime_error("unknown profile in vectors: " + name);
    }
    return p;
}

mx_round round_of(const std::string &name)
{
    mx_round r;
    if (mx_round_from_name(name.c_str(), &r) != 0) {
        throw std::runtime_error("unknown rounding in vectors: " + name);
    }
    return r;
}

mx_format format_of(const std::string &name)
{
    mx_format f;
    char err[256];
    if (mx_format_from_name(name.c_str(), &f, err, sizeof err) != 0) {
        throw std::runtime_error(err);
    }
    return f;
}

struct IsaCase {
    mx_isa isa;
};

class GoldenVectors : public ::testing::TestWithParam<mx_isa> {
  protected:
    void SetUp() override
    {
        saved_ = mx_isa_active();
        if (!mx_isa_supported(GetParam())) {
            GTEST_SKIP() << "CPU lacks " << mx_isa_name(GetParam());
        }
        ASSERT_EQ(mx_isa_force(GetParam()), 0);
    }
    void TearDown() override { mx_isa_force(saved_); }
    mx_isa saved_ = MX_ISA_GENERIC;
};

// <profile> <format> <round> <saturate> <denorm> <input> <output>
TEST_P(GoldenVectors, ElementwiseEveryLine)
{
    const Lines &lines = elemwise_lines();
    ASSERT_GT(lines.size(), 280000u);
    size_t checked = 0, failed = 0;
    std::map<std::string, size_t> failures_by_group;
    for (const auto &w : lines) {
        ASSERT_EQ(w.size(), 7u);
        mx_elem_spec spec{};
        spec.profile = profile_of(w[0]);
        std::string fmt = w[1];
        if (fmt.rfind("mx:", 0) == 0) {
            fmt = fmt.substr(3);
        }
        spec.format = format_of(fmt);
        spec.round = round_of(w[2]);
        spec.saturate = w[3] == "1";
        spec.denorm = w[4] == "1";
        const unsigned in = mxtest::parse_hex32(w[5]);
        const unsigned want = mxtest::parse_hex32(w[6]);
        const unsigned got = to_bits(mx_quantize_scalar(&spec, from_bits(in)));
        checked++;
        if (!matches(spec.profile, want, got)) {
            if (failed < 20) {
                ADD_FAILURE() << w[0] << ' ' << w[1] << ' ' << w[2] << " sat=" << w[3]
                              << " denorm=" << w[4] << " in=" << w[5] << " want=" << w[6]
                              << " got=" << std::hex << got;
            }
            failed++;
            failures_by_group[w[0] + " " + w[1] + " " + w[2]]++;
        }
    }
    for (const auto &g : failures_by_group) {
        std::printf("  mismatches in %s: %zu\n", g.first.c_str(), g.second);
    }
    std::printf("elementwise vectors [%s]: %zu checked, %zu mismatched\n", mx_isa_name(GetParam()),
                checked, failed);
    EXPECT_EQ(failed, 0u);
}

// The same lines through the array entry point, grouped by configuration, so
// the vectorized loops (not only single calls) are what is checked.
TEST_P(GoldenVectors, ElementwiseArrays)
{
    std::map<std::string, std::pair<std::vector<float>, std::vector<unsigned>>> groups;
    for (const auto &w : elemwise_lines()) {
        const std::string key = w[0] + " " + w[1] + " " + w[2] + " " + w[3] + " " + w[4];
        groups[key].first.push_back(from_bits(mxtest::parse_hex32(w[5])));
        groups[key].second.push_back(mxtest::parse_hex32(w[6]));
    }
    size_t failed = 0;
    for (const auto &g : groups) {
        char prof[32], fmt[32], rnd[32];
        int sat, den;
        ASSERT_EQ(std::sscanf(g.first.c_str(), "%31s %31s %31s %d %d", prof, fmt, rnd, &sat, &den), 5);
        mx_elem_spec spec{};
        spec.profile = profile_of(prof);
        std::string f = fmt;
        spec.format = format_of(f.rfind("mx:", 0) == 0 ? f.substr(3) : f);
        spec.round = round_of(rnd);
        spec.saturate = sat != 0;
        spec.denorm = den != 0;
        const auto &in = g.second.first;
        std::vector<float> out(in.size());
        mx_quantize_elemwise(&spec, in.data(), out.data(), in.size());
        for (size_t i = 0; i < in.size(); i++) {
            if (!matches(spec.profile, g.second.second[i], to_bits(out[i]))) {
                if (failed++ < 10) {
                    ADD_FAILURE() << g.first << " in=" << std::hex << to_bits(in[i])
                                  << " want=" << g.second.second[i] << " got=" << to_bits(out[i]);
                }
            }
        }
    }
    EXPECT_EQ(failed, 0u);
}

// <profile> <elem> <round> <scale_bits> <n> <n inputs> <n outputs>
TEST_P(GoldenVectors, MxBlocksEveryLine)
{
    const Lines &lines = mx_lines();
    ASSERT_GT(lines.size(), 3500u);
    size_t checked = 0, failed = 0;
    for (const auto &w : lines) {
        ASSERT_GE(w.size(), 5u);
        const size_t n = std::stoul(w[4]);
        ASSERT_EQ(w.size(), 5 + 2 * n);
        mx_block_spec spec{};
        spec.profile = profile_of(w[0]);
        spec.elem = format_of(w[1]);
        spec.round = round_of(w[2]);
        spec.scale_bits = std::stoi(w[3]);
        spec.block_size = 32;
        char err[256];
        ASSERT_EQ(mx_block_spec_check(&spec, err, sizeof err), 0) << err;
        std::vector<float> in(n), out(n);
        for (size_t i = 0; i < n; i++) {
            in[i] = from_bits(mxtest::parse_hex32(w[5 + i]));
        }
        // one block along an axis of n (n <= 32: a short axis is one block)
        mx_quantize_axis(&spec, in.data(), out.data(), 1, n, 1, nullptr);
        checked++;
        for (size_t i = 0; i < n; i++) {
            const unsigned want = mxtest::parse_hex32(w[5 + n + i]);
            if (!matches(spec.profile, want, to_bits(out[i]))) {
                if (failed < 20) {
                    ADD_FAILURE() << w[0] << ' ' << w[1] << ' ' << w[2] << " n=" << n << " element " << i
                                  << " in=" << w[5 + i] << " want=" << w[5 + n + i] << " got=" << std::hex
                                  << to_bits(out[i]);
                }
                failed++;
                break;
            }
        }
    }
    std::printf("MX block vectors [%s]: %zu blocks checked, %zu mismatched\n", mx_isa_name(GetParam()),
                checked, failed);
    EXPECT_EQ(failed, 0u);
}

INSTANTIATE_TEST_SUITE_P(AllIsas, GoldenVectors,
                         ::testing::Values(MX_ISA_GENERIC, MX_ISA_AVX2, MX_ISA_AVX512),
                         [](const ::testing::TestParamInfo<mx_isa> &info) {
                             return std::string(mx_isa_name(info.param));
                         });

}  // namespace
