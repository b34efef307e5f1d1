// RTL (Verilated) vs C model, cycle for cycle, and both vs the golden hw
// operations, bit for bit, for the E formats of alu_formats.h.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "alu_formats.h"
#include "alu_golden.h"
#include "alu_harness.h"
#include "alu_stimulus.h"
#include "mxaccel/hw_alu.h"

namespace {

mx_format format_named(const char *name)
{
    mx_format f;
    if (mx_format_from_name(name, &f, nullptr, 0) != 0) {
        std::abort();
    }
    return f;
}

template <class F> class AluRtl : public ::testing::Test {
protected:
    AluRtl() : fmt_(format_named(F::name)), h_(new AluHarness<typename F::V>(fmt_)) {}

    // Runs txns, checks RTL == model every cycle, outputs == golden and the
    // output cycle of every emitting transaction; returns the cycles taken.
    uint64_t check(const std::vector<alu_input> &txns, const AluRunOptions &opt, const char *what)
    {
        const AluRunResult res = h_->run(txns, opt);
        EXPECT_EQ(res.mismatch, "") << what;
        if (!res.mismatch.empty()) {
            return 0;
        }
        const std::vector<uint32_t> exp = alu_golden_outputs(fmt_, txns);
        EXPECT_EQ(res.outputs.size(), exp.size()) << what;
        EXPECT_EQ(res.in_cycles.size(), txns.size()) << what;
        if (res.outputs.size() != exp.size() || res.in_cycles.size() != txns.size()) {
            return 0;
        }
        size_t bad = 0, k = 0;
        for (size_t i = 0; i < txns.size(); i++) {
            if (!alu_emits(txns[i])) {
                continue;
            }
            if (res.outputs[k] != exp[k] && bad++ < 5) {
                ADD_FAILURE() << F::name << " " << what << " transaction " << i << " (op "
                              << int(txns[i].op) << ", a 0x" << std::hex << txns[i].a << ", b 0x"
                              << txns[i].b << "): rtl 0x" << res.outputs[k] << ", golden 0x" << exp[k];
            }
            // Without back-pressure a result leaves exactly LATENCY cycles
            // after its input; with it, never earlier.
            if (opt.stall == 0.0) {
                EXPECT_EQ(res.out_cycles[k], res.in_cycles[i] + ALU_LATENCY) << "transaction " << i;
            } else {
                EXPECT_GE(res.out_cycles[k], res.in_cycles[i] + ALU_LATENCY) << "transaction " << i;
            }
            k++;
        }
        EXPECT_EQ(bad, 0u) << what;
        if (opt.gap == 0.0 && opt.stall == 0.0) { // one operation per cycle
            EXPECT_EQ(res.in_cycles.back(), txns.size() - 1);
        }
        std::printf("[ %s ] %s: %zu transactions, %zu outputs, %llu cycles\n", F::name, what,
                    txns.size(), exp.size(), static_cast<unsigned long long>(res.cycles));
        return res.cycles;
    }

    mx_format fmt_;
    std::unique_ptr<AluHarness<typename F::V>> h_;
};

TYPED_TEST_SUITE(AluRtl, AluRtlFormats);

const std::vector<mx_alu_op> kBinary = {MX_ALU_ADD, MX_ALU_SUB, MX_ALU_MUL, MX_ALU_DIV, MX_ALU_MAX};

// Binary operations: every pair of codes where that is 2^16 pairs (fp8),
// random pairs otherwise; under the long label every pair up to fp10.
TYPED_TEST(AluRtl, BinaryOps)
{
    AluStimulus s(this->fmt_, 1);
    if (TypeParam::width <= 8) {
        this->check(s.all_pairs(kBinary), AluRunOptions{}, "every pair x ADD SUB MUL DIV MAX");
    } else {
        this->check(s.random_pairs(kBinary, 60000), AluRunOptions{}, "random pairs x ADD SUB MUL DIV MAX");
    }
}

TYPED_TEST(AluRtl, BinaryOpsLong)
{
    AluStimulus s(this->fmt_, 12);
    for (mx_alu_op op : kBinary) {
        if (TypeParam::width <= 10) {
            this->check(s.all_pairs({op}), AluRunOptions{}, "every pair");
        } else {
            this->check(s.random_pairs({op}, 2000000), AluRunOptions{}, "random pairs");
        }
    }
}

TYPED_TEST(AluRtl, EveryCode)
{
    AluStimulus s(this->fmt_, 2);
    this->check(s.every_code(), AluRunOptions{}, "every code: RELU EXP LOG QUANT");
}

TYPED_TEST(AluRtl, QuantAroundValues)
{
    AluStimulus s(this->fmt_, 3);
    this->check(s.quant_around_values(), AluRunOptions{}, "QUANT around every value");
    this->check(s.quant_random(100000), AluRunOptions{}, "QUANT random fp32");
}

TYPED_TEST(AluRtl, Corners)
{
    AluStimulus s(this->fmt_, 4);
    const std::vector<alu_input> c = s.corners();
    this->check(c, AluRunOptions{}, "corners");
    AluRunOptions o;
    o.gap = 0.3;
    o.stall = 0.4;
    o.seed = 5;
    this->check(c, o, "corners, back-pressure");
}

TYPED_TEST(AluRtl, Reductions)
{
    AluStimulus s(this->fmt_, 6);
    const std::vector<alu_input> r = s.reductions(3000);
    this->check(r, AluRunOptions{}, "reductions");
    AluRunOptions o;
    o.gap = 0.2;
    o.stall = 0.3;
    o.seed = 7;
    this->check(r, o, "reductions, back-pressure");
}

TYPED_TEST(AluRtl, RandomMix)
{
    AluStimulus s(this->fmt_, 8);
    this->check(s.random_mix(20000), AluRunOptions{}, "random mix");
    AluRunOptions o;
    o.gap = 0.2;
    o.stall = 0.3;
    o.seed = 9;
    this->check(s.random_mix(20000), o, "random mix, back-pressure");
}

TYPED_TEST(AluRtl, RandomMixLong)
{
    AluStimulus s(this->fmt_, 10);
    this->check(s.random_mix(1000000), AluRunOptions{}, "random mix");
    AluRunOptions o;
    o.gap = 0.1;
    o.stall = 0.1;
    o.seed = 11;
    this->check(s.random_mix(200000), o, "random mix, back-pressure");
}

} // namespace

namespace {

// QUANT of every fp32 bit pattern on the fp8 RTL (with the C model in
// lockstep), against the hw elementwise quantizer; two threads, each with
// its own Verilated model, in chunks of 2^20 inputs.
TEST(AluRtlFp8, QuantEveryFp32Long)
{
    const mx_format e = format_named("fp8");
    const uint64_t total = 1ull << 32, chunk = 1ull << 20;
    const mx_elem_spec qe = mx_hw_alu_qe_spec(&e);
    std::atomic<uint64_t> ran{0}, bad{0};
    std::string first_bad;
    std::mutex mu;
    auto worker = [&](uint64_t begin, uint64_t end) {
        AluHarness<Valu_fp8> h(e);
        std::vector<float> x(chunk), q(chunk);
        for (uint64_t c = begin; c < end; c += chunk) {
            const std::vector<alu_input> txns = AluStimulus::quant_range(c, chunk);
            const AluRunResult res = h.run(txns, AluRunOptions{});
            for (uint64_t i = 0; i < chunk; i++) {
                const uint32_t u = static_cast<uint32_t>(c + i);
                std::memcpy(&x[i], &u, sizeof u);
            }
            mx_quantize_elemwise(&qe, x.data(), q.data(), chunk);
            auto note = [&](const std::string &what) {
                std::lock_guard<std::mutex> lock(mu);
                if (first_bad.empty()) {
                    first_bad = what;
                }
            };
            if (!res.mismatch.empty() || res.outputs.size() != chunk) {
                note(res.mismatch.empty() ? "missing outputs" : res.mismatch);
                bad += chunk;
                continue;
            }
            for (uint64_t i = 0; i < chunk; i++) {
                const uint32_t want = mx_hw_alu_encode(&e, q[i]);
                if (res.outputs[i] != want) {
                    char msg[96];
                    std::snprintf(msg, sizeof msg, "fp32 0x%08llx: rtl 0x%02x, golden 0x%02x",
                                  static_cast<unsigned long long>(c + i), res.outputs[i], want);
                    note(msg);
                    bad++;
                }
            }
            ran += chunk;
        }
    };
    std::thread t1(worker, 0, total / 2);
    worker(total / 2, total);
    t1.join();
    EXPECT_EQ(bad.load(), 0u) << first_bad;
    std::printf("[ fp8 ] QUANT of every fp32 pattern: %llu inputs\n",
                static_cast<unsigned long long>(ran.load()));
}

} // namespace
