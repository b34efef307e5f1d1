// RTL (Verilated) vs C model, cycle for cycle, and both vs the golden hw
// profile, bit for bit, for the format pairs of pe_pairs.h.
#include <gtest/gtest.h>

#include <cstdio>

#include "pe_golden.h"
#include "pe_harness.h"
#include "pe_pairs.h"
#include "pe_stimulus.h"

template <class P>
class PeRtl : public ::testing::Test {
  protected:
    // Runs txns, checks RTL == model every cycle, outputs == golden, and the
    // output cycle of every transaction.
    void check(const std::vector<pe_input> &txns, const PeRunOptions &opt)
    {
        const PeRunResult res = pe_run<typename P::V>(P::A, P::W, txns, opt);
        ASSERT_EQ(res.mismatch, "");
        const std::vector<uint32_t> exp = pe_golden_outputs(pe_golden_make(P::A, P::W), txns);
        ASSERT_EQ(res.outputs.size(), exp.size());
        ASSERT_EQ(res.in_cycles.size(), txns.size());
        size_t bad = 0, k = 0;
        for (size_t i = 0; i < txns.size(); i++) {
            if (!txns[i].last) {
                continue;
            }
            if (res.outputs[k] != exp[k] && bad++ < 5) {
                ADD_FAILURE() << P::name << " transaction " << i << ": rtl 0x" << std::hex
                              << res.outputs[k] << ", golden 0x" << exp[k];
            }
            // Without back-pressure an output leaves exactly LATENCY cycles
            // after its input; with it, never earlier.
            if (opt.stall == 0.0) {
                EXPECT_EQ(res.out_cycles[k], res.in_cycles[i] + PE_LATENCY) << "transaction " << i;
            } else {
                EXPECT_GE(res.out_cycles[k], res.in_cycles[i] + PE_LATENCY) << "transaction " << i;
            }
            k++;
        }
        EXPECT_EQ(bad, 0u);
        if (opt.gap == 0.0 && opt.stall == 0.0) {  // one block pair per cycle
            EXPECT_EQ(res.in_cycles.back(), txns.size() - 1);
        }
        std::printf("[ %s ] %zu transactions, %zu outputs, %llu cycles\n", P::name, txns.size(),
                    exp.size(), (unsigned long long)res.cycles);
    }
};

TYPED_TEST_SUITE(PeRtl, PeRtlPairs);

TYPED_TEST(PeRtl, SingleProductsUnitScales)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 11);
    this->check(s.single_products(false), PeRunOptions{});
}

TYPED_TEST(PeRtl, SingleProductsRandomScales)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 12);
    this->check(s.single_products(true), PeRunOptions{});
}

TYPED_TEST(PeRtl, Directed)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 13);
    this->check(s.directed(), PeRunOptions{});
}

TYPED_TEST(PeRtl, DirectedBackPressure)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 14);
    PeRunOptions o;
    o.gap = 0.3;
    o.stall = 0.4;
    o.seed = 15;
    this->check(s.directed(), o);
}

TYPED_TEST(PeRtl, Random)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 16);
    this->check(s.random_stream(20000), PeRunOptions{});
    PeRunOptions o;
    o.gap = 0.2;
    o.stall = 0.3;
    o.seed = 17;
    this->check(s.random_stream(20000), o);
}

TYPED_TEST(PeRtl, RandomLong)
{
    PeStimulus s(TypeParam::A, TypeParam::W, 18);
    this->check(s.random_stream(1000000), PeRunOptions{});
    PeRunOptions o;
    o.gap = 0.1;
    o.stall = 0.1;
    o.seed = 19;
    this->check(s.random_stream(200000), o);
}
