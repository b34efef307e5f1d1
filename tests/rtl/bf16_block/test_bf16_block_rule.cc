// The rule rtl/accel/mx_accel_bf16_block.v implements, against the C
// reference (model/accel/seu_bf16.h: the hw profile's bfloat16 block
// quantizer on a block of E values), for every E format of the accelerator
// and every rounding:
// * an Inf or NaN anywhere in the block: every code is 0x7fc0;
// * otherwise each element is its fp32 encoding rounded to the top 16 bits
//   by the rounding mode, except that a carry into the exponent field in the
//   block maximum's binade, when the maximum is >= 1, keeps the truncated code.
//
// The reference computes an element from its own value, the block's
// Inf/NaN flag and the shared exponent, which depends on the block maximum
// only through floor(log2 max). So pairing every code with the largest code
// of every binade at or above its own (and with zeros and specials) covers
// every case; for E of at most 10 bits every pair of codes is checked too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"
#include "seu_bf16.h"

namespace {

constexpr int kN = 32;

struct Layout {
    int w, eb, tb;
    explicit Layout(const mx_format &f)
        : w(f.storage_bits), eb(f.ebits), tb(f.storage_bits - 1 - f.ebits) {}
    unsigned sign_bit() const { return 1u << (w - 1); }
    unsigned mag_mask() const { return sign_bit() - 1u; }
    bool special(unsigned c) const { return ((c >> tb) & ((1u << eb) - 1u)) == (1u << eb) - 1u; }
};

// fp32 bits of a finite E code, decoded here from the fields (not by golden/).
uint32_t value_bits(const Layout &l, unsigned c)
{
    const unsigned ef = (c >> l.tb) & ((1u << l.eb) - 1u), tf = c & ((1u << l.tb) - 1u);
    const int bias = (1 << (l.eb - 1)) - 1;
    const float v = ef ? std::ldexp(static_cast<float>((1u << l.tb) | tf),
                                    static_cast<int>(ef) - bias - l.tb)
                       : std::ldexp(static_cast<float>(tf), 1 - bias - l.tb);
    uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return u | (c & l.sign_bit() ? 0x80000000u : 0u);
}

// floor(log2 |x|) of a code, as an order of binades (zero lowest).
int binade(const Layout &l, unsigned c)
{
    const uint32_t u = value_bits(l, c & l.mag_mask());
    if (u == 0) {
        return -1000;
    }
    return (u >> 23) ? static_cast<int>(u >> 23) - 127 : 31 - __builtin_clz(u) - 149;
}

void rule_block(const Layout &l, mx_round round, const uint16_t *in, unsigned n, uint16_t *out)
{
    bool nan = false;
    uint32_t emax = 0; // fp32 exponent field of the block maximum
    for (unsigned i = 0; i < n; i++) {
        nan = nan || l.special(in[i]);
        if (!l.special(in[i])) {
            const uint32_t e = (value_bits(l, in[i]) >> 23) & 0xffu;
            emax = e > emax ? e : emax;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        if (nan) {
            out[i] = 0x7fc0u;
            continue;
        }
        const uint32_t u = value_bits(l, in[i]), keep = (u & 0x7fffffffu) >> 16, rest = u & 0xffffu;
        bool inc = false;
        if (round == MX_ROUND_NEAREST) {
            inc = rest >= 0x8000u;
        } else if (round == MX_ROUND_EVEN) {
            inc = rest > 0x8000u || (rest == 0x8000u && (keep & 1u));
        }
        uint32_t r = keep + (inc ? 1u : 0u);
        if ((r >> 7) != (keep >> 7) && (keep >> 7) == emax && emax >= 127u) {
            r = keep; // saturates in bfloat16's top binade
        }
        out[i] = static_cast<uint16_t>((u >> 31) << 15 | r);
    }
}

class Bf16BlockRule : public ::testing::TestWithParam<const char *> {
protected:
    void SetUp() override
    {
        ASSERT_EQ(mx_format_from_name(GetParam(), &e_, nullptr, 0), 0);
        ASSERT_EQ(mx_format_from_name("bfloat16", &bf_, nullptr, 0), 0);
    }

    // Checks one block in every rounding; false (with a failure) on a mismatch.
    bool check(const uint16_t *in, unsigned n)
    {
        const Layout l(e_);
        for (int r = 0; r < MX_ROUND_COUNT; r++) {
            uint16_t ref[kN], rule[kN];
            accel_seu_bf16(&e_, &bf_, static_cast<mx_round>(r), in, n, ref);
            rule_block(l, static_cast<mx_round>(r), in, n, rule);
            for (unsigned i = 0; i < n; i++) {
                if (ref[i] != rule[i]) {
                    std::string s;
                    char buf[8];
                    for (unsigned k = 0; k < n; k++) {
                        std::snprintf(buf, sizeof buf, " %x", in[k]);
                        s += buf;
                    }
                    ADD_FAILURE() << e_.name << "/" << mx_round_name(static_cast<mx_round>(r))
                                  << " element " << i << ": reference " << std::hex << ref[i]
                                  << " rule " << rule[i] << "; block" << s;
                    return false;
                }
            }
            checked_ += n;
        }
        return true;
    }

    mx_format e_, bf_;
    size_t checked_ = 0;
};

// Every code with the largest code of every binade at or above its own (both
// signs), with zeros, and with Inf and NaN: 31 codes of one binade per block
// beside the partner.
TEST_P(Bf16BlockRule, EveryCodeEveryShift)
{
    const Layout l(e_);
    const unsigned codes = 1u << l.w;
    std::vector<unsigned> tops; // largest magnitude code of each binade (zero: 0)
    for (unsigned c = 0; c <= l.mag_mask(); c++) {
        if (l.special(c)) {
            continue;
        }
        if (c + 1 > l.mag_mask() || l.special(c + 1) || binade(l, c + 1) != binade(l, c)) {
            tops.push_back(c);
        }
    }
    std::vector<unsigned> partners;
    for (unsigned t : tops) {
        partners.push_back(t);
        partners.push_back(t | l.sign_bit());
    }
    // Inf of both signs and two NaNs (every special code also forms a run).
    const unsigned inf = l.mag_mask() & ~((1u << l.tb) - 1u), neg = l.sign_bit();
    for (unsigned c : {inf, inf | neg, inf | 1u, inf | neg | (1u << (l.tb - 1))}) {
        partners.push_back(c);
    }
    // Runs of up to 31 codes within one binade (specials on their own).
    std::vector<std::vector<uint16_t>> runs;
    for (unsigned c = 0; c < codes; c++) {
        const bool join = !runs.empty() && runs.back().size() < kN - 1 && !l.special(c) &&
                          !l.special(runs.back().back()) &&
                          binade(l, c) == binade(l, runs.back().back());
        if (!join) {
            runs.emplace_back();
        }
        runs.back().push_back(static_cast<uint16_t>(c));
    }
    for (const auto &run : runs) {
        const int b = l.special(run[0]) ? -2000 : binade(l, run[0]);
        for (unsigned p : partners) {
            if (!l.special(p) && binade(l, p) < b && p != 0) {
                continue; // the run's own maximum sets the scale: the zero partner covers it
            }
            uint16_t in[kN];
            in[0] = static_cast<uint16_t>(p);
            std::copy(run.begin(), run.end(), in + 1);
            ASSERT_TRUE(check(in, static_cast<unsigned>(run.size()) + 1));
        }
    }
    std::printf("%s: %zu element results in %zu runs x %zu partners\n", e_.name, checked_,
                runs.size(), partners.size());
}

// For narrow E, every ordered pair of codes as a two-element block.
class Bf16BlockRulePairs : public Bf16BlockRule {};

TEST_P(Bf16BlockRulePairs, EveryPair)
{
    const Layout l(e_);
    const unsigned codes = 1u << l.w;
    for (unsigned a = 0; a < codes; a++) {
        for (unsigned b = 0; b < codes; b++) {
            const uint16_t in[2] = {static_cast<uint16_t>(a), static_cast<uint16_t>(b)};
            ASSERT_TRUE(check(in, 2));
        }
    }
}

// A one-element block (conv1) gives the same element 0 whether the
// reference sees one value or the zero-padded 32 that the RTL lane sees;
// the padding elements are +0 (0x7fc0 beside an Inf or NaN).
TEST_P(Bf16BlockRule, OneElementPadding)
{
    const Layout l(e_);
    for (unsigned c = 0; c < (1u << l.w); c++) {
        const uint16_t in[kN] = {static_cast<uint16_t>(c)};
        for (int r = 0; r < MX_ROUND_COUNT; r++) {
            uint16_t one[1], all[kN];
            accel_seu_bf16(&e_, &bf_, static_cast<mx_round>(r), in, 1, one);
            accel_seu_bf16(&e_, &bf_, static_cast<mx_round>(r), in, kN, all);
            ASSERT_EQ(one[0], all[0]) << "code " << std::hex << c;
            for (int i = 1; i < kN; i++) {
                ASSERT_EQ(all[i], l.special(c) ? 0x7fc0u : 0u) << "code " << std::hex << c;
            }
        }
        ASSERT_TRUE(check(in, 1));
    }
}

std::string param_name(const ::testing::TestParamInfo<const char *> &i) { return i.param; }

INSTANTIATE_TEST_SUITE_P(Formats, Bf16BlockRule,
                         ::testing::Values("fp8", "fp10", "fp12", "fp16", "bfloat16"), param_name);
INSTANTIATE_TEST_SUITE_P(Formats, Bf16BlockRulePairs, ::testing::Values("fp8", "fp10"),
                         param_name);

} // namespace
