// hw elementwise quantization against the independent reference, on a fixed
// random mix of inputs, for every format, rounding mode, saturate and denorm.
#include <gtest/gtest.h>

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

constexpr size_t kInputs = 1u << 18;  // 262144 per combination

class HwElemwiseRandom : public ::testing::TestWithParam<Target> {};

TEST_P(HwElemwiseRandom, MatchesReference)
{
    const Target &t = GetParam();
    const ElemRef ref(spec_by_name(t.name));
    const mx_format fmt = lib_format(t);
    const std::vector<float> in = mixed_inputs(ref, kInputs, seed_for(t.label));
    std::vector<float> out(in.size());

    for (int r = 0; r < MX_ROUND_COUNT; ++r) {
        for (int sat = 0; sat < 2; ++sat) {
            for (int den = 0; den < 2; ++den) {
                const mx_round round = static_cast<mx_round>(r);
                const mx_elem_spec spec = {MX_PROFILE_HW, fmt, round, sat != 0, den != 0, false};
                const std::string combo = t.name + " " + mx_round_name(round) + (sat ? " saturate" : "") +
                                          (den ? " denorm" : " flush");
                MismatchLog log("hw " + combo);
                mx_quantize_elemwise(&spec, in.data(), out.data(), in.size());
                for (size_t i = 0; i < in.size(); ++i) {
                    const float want = ref.quantize(in[i], round, sat != 0, den != 0);
                    if (bits_of(out[i]) != bits_of(want)) {
                        log.add("x=" + describe(in[i]) + " expected " + describe(want) + " got " + describe(out[i]));
                    }
                }
                // The scalar entry point gives the same bits.
                for (size_t i = 0; i < 4096; ++i) {
                    const float s = mx_quantize_scalar(&spec, in[i]);
                    if (bits_of(s) != bits_of(out[i])) {
                        log.add("scalar x=" + describe(in[i]) + " elemwise " + describe(out[i]) + " scalar " +
                                describe(s));
                    }
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, HwElemwiseRandom, ::testing::ValuesIn(all_targets()),
                         [](const ::testing::TestParamInfo<Target> &i) { return i.param.label; });

}  // namespace
}  // namespace hwref
