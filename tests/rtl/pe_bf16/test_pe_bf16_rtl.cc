// RTL (Verilated) vs C model, cycle for cycle, and both vs the independent
// reference, bit for bit (and vs the golden hw profile for G = 32).
#include <gtest/gtest.h>

#include <cstdio>

#include "pe_bf16_golden.h"
#include "pe_bf16_harness.h"
#include "pe_bf16_ref.h"
#include "pe_bf16_stimulus.h"

#include "Vmx_pe_bf16_g32.h"
#ifdef PE_BF16_HAVE_G3
#include "Vmx_pe_bf16_g3.h"
#endif

namespace {

struct G32 {
    using V = Vmx_pe_bf16_g32;
    static constexpr int guard = 32;
};
#ifdef PE_BF16_HAVE_G3
struct G3 {
    using V = Vmx_pe_bf16_g3;
    static constexpr int guard = 3;
};
using Variants = ::testing::Types<G32, G3>;
#else
using Variants = ::testing::Types<G32>;
#endif

template <class P>
class PeBf16Rtl : public ::testing::Test {
  protected:
    // Runs txns, checks RTL == model every cycle, outputs == reference (and
    // golden), and the output cycle of every transaction.
    void check(const std::vector<pe_bf16_input> &txns, const PeBf16RunOptions &opt)
    {
        const PeBf16RunResult res = pe_bf16_run<typename P::V>(P::guard, txns, opt);
        ASSERT_EQ(res.mismatch, "");
        const std::vector<uint32_t> exp = ref_outputs(txns, P::guard);
        if (P::guard == 32) {
            ASSERT_EQ(golden_outputs(txns), exp);
        }
        ASSERT_EQ(res.outputs.size(), exp.size());
        ASSERT_EQ(res.in_cycles.size(), txns.size());
        size_t bad = 0, k = 0;
        for (size_t i = 0; i < txns.size(); i++) {
            if (!txns[i].last) {
                continue;
            }
            if (res.outputs[k] != exp[k] && bad++ < 5) {
                ADD_FAILURE() << "G = " << P::guard << " transaction " << i << ": rtl 0x"
                              << std::hex << res.outputs[k] << ", reference 0x" << exp[k];
            }
            // Without back-pressure an output leaves exactly LATENCY cycles
            // after its input; with it, never earlier.
            const uint64_t due = res.in_cycles[i] + PE_BF16_LATENCY;
            if (opt.stall == 0.0) {
                EXPECT_EQ(res.out_cycles[k], due) << "transaction " << i;
            } else {
                EXPECT_GE(res.out_cycles[k], due) << "transaction " << i;
            }
            k++;
        }
        EXPECT_EQ(bad, 0u);
        if (opt.gap == 0.0 && opt.stall == 0.0) {  // one block pair per cycle
            EXPECT_EQ(res.in_cycles.back(), txns.size() - 1);
        }
        std::printf("[ G = %d ] %zu transactions, %zu outputs, %llu cycles\n", P::guard,
                    txns.size(), exp.size(), (unsigned long long)res.cycles);
    }
};

TYPED_TEST_SUITE(PeBf16Rtl, Variants);

TYPED_TEST(PeBf16Rtl, Directed)
{
    PeBf16Stimulus s(71, TypeParam::guard);
    this->check(s.directed(), PeBf16RunOptions{});
}

TYPED_TEST(PeBf16Rtl, DirectedBackPressure)
{
    PeBf16Stimulus s(72, TypeParam::guard);
    PeBf16RunOptions o;
    o.gap = 0.3;
    o.stall = 0.4;
    o.seed = 73;
    this->check(s.directed(), o);
}

TYPED_TEST(PeBf16Rtl, Random)
{
    PeBf16Stimulus s(74, TypeParam::guard);
    this->check(s.random_stream(20000), PeBf16RunOptions{});
    PeBf16RunOptions o;
    o.gap = 0.2;
    o.stall = 0.3;
    o.seed = 75;
    this->check(s.random_stream(20000), o);
}

TYPED_TEST(PeBf16Rtl, RandomLong)
{
    PeBf16Stimulus s(76, TypeParam::guard);
    this->check(s.random_stream(1000000), PeBf16RunOptions{});
    PeBf16RunOptions o;
    o.gap = 0.1;
    o.stall = 0.1;
    o.seed = 77;
    this->check(s.random_stream(200000), o);
}

}  // namespace
