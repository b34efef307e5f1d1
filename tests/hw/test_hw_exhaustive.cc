// Every fp32 input through the hw quantizer for the 8-bit targets, each
// rounding mode: equal to the reference, monotonic, idempotent.
//
// The reference is evaluated once per output value: q is monotonic, so each
// output occupies one contiguous run of bit patterns within a sign half; the
// runs are found by bisection over the scalar reference, spot-checked, and the
// sweep then compares against the run it is in.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bits.h"
#include "mxaccel/quantize.h"
#include "ref_quantize.h"
#include "rng.h"
#include "targets.h"

namespace hwref {
namespace {

constexpr uint32_t kHalf = 0x80000000u;    // bit patterns per sign
constexpr uint32_t kChunk = 1u << 20;      // inputs per library call
constexpr uint32_t kFirstNaN = 0x7f800001u;  // offset within a half

struct OutputRun {
    uint32_t last;  // last bit pattern of the run
    uint32_t out;   // expected output bits
};

struct Case {
    std::string label;
    std::string name;
    bool mx_element;  // as inside an MX block: saturate on
    mx_round round;
};

inline void PrintTo(const Case &c, std::ostream *os) { *os << c.label; }

std::vector<OutputRun> reference_runs(const ElemRef &ref, const Case &c, uint32_t base)
{
    const bool sat = c.mx_element;
    auto q = [&](uint32_t off) { return bits_of(ref.quantize(float_of(base | off), c.round, sat, true)); };
    std::vector<OutputRun> runs;
    uint32_t off = 0;
    for (;;) {
        const uint32_t v = q(off);
        uint32_t lo = off, hi = kHalf - 1;
        while (lo < hi) {
            const uint32_t mid = lo + (hi - lo + 1) / 2;
            if (q(mid) == v) lo = mid; else hi = mid - 1;
        }
        // Spot-check that the run really is constant.
        Rng rng(lo);
        for (int i = 0; i < 8; ++i) {
            const uint32_t p = off + static_cast<uint32_t>(rng.below(uint64_t{lo} - off + 1));
            if (q(p) != v) {
                ADD_FAILURE() << "reference not monotonic at 0x" << std::hex << (base | p);
            }
        }
        runs.push_back({base | lo, v});
        if (lo == kHalf - 1) break;
        off = lo + 1;
    }
    return runs;
}

struct HalfResult {
    uint64_t checked = 0;
    uint64_t mismatches = 0;
    uint64_t non_monotonic = 0;
    std::vector<std::string> samples;
    std::set<uint32_t> outputs;
};

void sweep_half(const mx_elem_spec &spec, const std::vector<OutputRun> &runs, uint32_t base, HalfResult &res)
{
    std::vector<float> in(kChunk), out(kChunk);
    size_t r = 0;
    float prev = base ? INFINITY : -INFINITY;
    uint32_t prev_bits = 0xffffffffu;
    auto note = [&res](const char *what, uint32_t x, uint32_t want, uint32_t got) {
        if (res.samples.size() < 8) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "%s x=0x%08x expected 0x%08x got 0x%08x", what, x, want, got);
            res.samples.push_back(buf);
        }
    };
    for (uint64_t start = 0; start < kHalf; start += kChunk) {
        const uint32_t b0 = base | static_cast<uint32_t>(start);
        for (uint32_t i = 0; i < kChunk; ++i) {
            in[i] = float_of(b0 + i);
        }
        mx_quantize_elemwise(&spec, in.data(), out.data(), kChunk);
        for (uint32_t i = 0; i < kChunk; ++i) {
            const uint32_t x = b0 + i;
            while (runs[r].last < x) ++r;
            const uint32_t got = bits_of(out[i]);
            if (got != runs[r].out) {
                ++res.mismatches;
                note("mismatch", x, runs[r].out, got);
            }
            if (got != prev_bits) {
                res.outputs.insert(got);
                prev_bits = got;
            }
            // Inputs ascend in value on the + half and descend on the - half.
            if (static_cast<uint32_t>(start) + i < kFirstNaN) {
                const bool ok = base ? out[i] <= prev : out[i] >= prev;
                if (!ok) {
                    ++res.non_monotonic;
                    note("not monotonic", x, bits_of(prev), got);
                }
                prev = out[i];
            }
        }
        res.checked += kChunk;
    }
}

class HwExhaustive : public ::testing::TestWithParam<Case> {};

TEST_P(HwExhaustive, AllFp32Inputs)
{
    const Case &c = GetParam();
    const ElemRef ref(spec_by_name(c.name));
    const Target t{c.label, c.name, c.mx_element};
    const mx_elem_spec spec = {MX_PROFILE_HW, lib_format(t), c.round, c.mx_element, true, false};

    const std::vector<OutputRun> pos = reference_runs(ref, c, 0);
    const std::vector<OutputRun> neg = reference_runs(ref, c, kHalf);
    HalfResult rp, rn;
    // One sign half per thread.
    std::thread tp([&] { sweep_half(spec, pos, 0, rp); });
    std::thread tn([&] { sweep_half(spec, neg, kHalf, rn); });
    tp.join();
    tn.join();

    for (const HalfResult *h : {&rp, &rn}) {
        for (const std::string &s : h->samples) ADD_FAILURE() << c.label << ": " << s;
    }
    EXPECT_EQ(rp.mismatches + rn.mismatches, 0u);
    EXPECT_EQ(rp.non_monotonic + rn.non_monotonic, 0u);

    // Idempotence: q(q(x)) depends only on q(x), so the distinct outputs suffice.
    std::set<uint32_t> outs = rp.outputs;
    outs.insert(rn.outputs.begin(), rn.outputs.end());
    std::vector<float> y, qy(outs.size());
    for (uint32_t b : outs) y.push_back(float_of(b));
    mx_quantize_elemwise(&spec, y.data(), qy.data(), y.size());
    for (size_t i = 0; i < y.size(); ++i) {
        EXPECT_EQ(bits_of(qy[i]), bits_of(y[i])) << c.label << ": q(q(x)) != q(x) for q(x)=" << describe(y[i]);
    }
    std::printf("%s: checked %" PRIu64 " inputs (%zu distinct outputs, %zu reference runs)\n", c.label.c_str(),
                rp.checked + rn.checked, outs.size(), pos.size() + neg.size());
}

std::vector<Case> cases()
{
    std::vector<Case> v;
    const struct {
        const char *label, *name;
        bool mx;
    } targets[] = {{"mx_int8", "int8", true},
                   {"mx_fp8_e4m3", "fp8_e4m3", true},
                   {"mx_fp8_e5m2", "fp8_e5m2", true},
                   {"ew_fp8", "fp8", false}};
    for (const auto &t : targets) {
        for (int r = 0; r < MX_ROUND_COUNT; ++r) {
            const mx_round round = static_cast<mx_round>(r);
            v.push_back({std::string(t.label) + "_" + mx_round_name(round), t.name, t.mx, round});
        }
    }
    return v;
}

INSTANTIATE_TEST_SUITE_P(Targets, HwExhaustive, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case> &i) { return i.param.label; });

}  // namespace
}  // namespace hwref
