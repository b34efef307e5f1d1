// Mathematical properties of hw elementwise quantization that hold without
// any reference: idempotence, monotonicity, sign symmetry, canonical NaN.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "bits.h"
#include "input_gen.h"
#include "mismatch_log.h"
#include "mxaccel/quantize.h"
#include "ref_quantize.h"
#include "targets.h"

namespace hwref {
namespace {

constexpr size_t kInputs = 1u << 16;

struct Combo {
    mx_elem_spec spec;
    std::string text;
};

// Every rounding mode, saturate and denorm setting of one format.
std::vector<Combo> combos(const Target &t)
{
    std::vector<Combo> c;
    for (int r = 0; r < MX_ROUND_COUNT; ++r) {
        for (int sat = 0; sat < 2; ++sat) {
            for (int den = 0; den < 2; ++den) {
                const mx_elem_spec s = {MX_PROFILE_HW, lib_format(t), static_cast<mx_round>(r), sat != 0, den != 0, false};
                c.push_back({s, t.name + " " + mx_round_name(s.round) + (sat ? " saturate" : "") +
                                    (den ? " denorm" : " flush")});
            }
        }
    }
    return c;
}

std::vector<float> quantize(const mx_elem_spec &s, const std::vector<float> &in)
{
    std::vector<float> out(in.size());
    mx_quantize_elemwise(&s, in.data(), out.data(), in.size());
    return out;
}

class HwProperties : public ::testing::TestWithParam<Target> {
protected:
    void SetUp() override { in_ = mixed_inputs(ElemRef(spec_by_name(GetParam().name)), kInputs, seed_for(GetParam().label)); }
    std::vector<float> in_;
};

TEST_P(HwProperties, Idempotent)
{
    for (const Combo &c : combos(GetParam())) {
        MismatchLog log("q(q(x)) != q(x), " + c.text);
        const std::vector<float> q1 = quantize(c.spec, in_);
        const std::vector<float> q2 = quantize(c.spec, q1);
        for (size_t i = 0; i < in_.size(); ++i) {
            if (bits_of(q1[i]) != bits_of(q2[i])) {
                log.add("x=" + describe(in_[i]) + " q(x)=" + describe(q1[i]) + " q(q(x))=" + describe(q2[i]));
            }
        }
    }
}

TEST_P(HwProperties, Monotonic)
{
    std::vector<float> sorted;
    for (float x : in_) {
        if (!std::isnan(x)) sorted.push_back(x);
    }
    std::sort(sorted.begin(), sorted.end());
    for (const Combo &c : combos(GetParam())) {
        MismatchLog log("not monotonic, " + c.text);
        const std::vector<float> q = quantize(c.spec, sorted);
        for (size_t i = 1; i < q.size(); ++i) {
            if (!(q[i - 1] <= q[i])) {
                log.add("x=" + describe(sorted[i - 1]) + " <= y=" + describe(sorted[i]) + " but q(x)=" +
                        describe(q[i - 1]) + " q(y)=" + describe(q[i]));
            }
        }
    }
}

TEST_P(HwProperties, SignSymmetric)
{
    const bool is_int = spec_by_name(GetParam().name).is_int;
    std::vector<float> neg(in_.size());
    for (size_t i = 0; i < in_.size(); ++i) {
        neg[i] = -in_[i];
    }
    for (const Combo &c : combos(GetParam())) {
        MismatchLog log("q(-x) != -q(x), " + c.text);
        const std::vector<float> qp = quantize(c.spec, in_);
        const std::vector<float> qn = quantize(c.spec, neg);
        for (size_t i = 0; i < in_.size(); ++i) {
            if (std::isnan(in_[i])) continue;
            bool ok;
            if (is_int) {
                // Same magnitude; zero has only the +0 code.
                ok = qn[i] == -qp[i] && (qn[i] != 0 || bits_of(qn[i]) == 0) && (qp[i] != 0 || bits_of(qp[i]) == 0);
            } else {
                ok = bits_of(qn[i]) == (bits_of(qp[i]) ^ 0x80000000u);
            }
            if (!ok) {
                log.add("x=" + describe(in_[i]) + " q(x)=" + describe(qp[i]) + " q(-x)=" + describe(qn[i]));
            }
        }
    }
}

TEST_P(HwProperties, NaNIsCanonical)
{
    std::vector<float> nans;
    Rng rng(seed_for("nan" + GetParam().label));
    for (uint32_t b : {0x7fc00000u, 0xffc00000u, 0x7f800001u, 0xff800001u, 0x7fffffffu, 0xffffffffu, 0x7fa00000u}) {
        nans.push_back(float_of(b));
    }
    for (int i = 0; i < 1000; ++i) {
        nans.push_back(float_of((rng.u32() & 0x807fffffu) | 0x7f800000u | (1u + static_cast<uint32_t>(rng.below(0x7fffff)))));
    }
    for (const Combo &c : combos(GetParam())) {
        MismatchLog log("NaN not canonical, " + c.text);
        const std::vector<float> q = quantize(c.spec, nans);
        for (size_t i = 0; i < nans.size(); ++i) {
            if (bits_of(q[i]) != kCanonicalNaN) {
                log.add("x=" + describe(nans[i]) + " q(x)=" + describe(q[i]));
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, HwProperties, ::testing::ValuesIn(all_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

}  // namespace
}  // namespace hwref
