// bfloat16 block unit: the Verilated RTL (three roundings on one input
// stream, bf16_block_all.v) against the C reference the accelerator model
// uses (model/accel/seu_bf16.h), bit for bit, and its handshake against the
// two-stage pipeline of mx_seu, cycle by cycle, for one E format
// (BF16_BLOCK_IN_NAME).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "seu_bf16.h"
#include "seu_stimulus.h"
#include "verilated.h"
#include BF16_BLOCK_VTOP_HEADER

namespace {

using seu_test::Codes;
using seu_test::InLayout;
using seu_test::kN;

constexpr int kRounds = 3;
constexpr int kLatency = 2;

using Out = std::array<uint16_t, kN>;

mx_format format(const char *name)
{
    mx_format f;
    if (mx_format_from_name(name, &f, nullptr, 0) != 0) {
        std::abort();
    }
    return f;
}

// A block as a lane feeds it: `one` marks a one-element block (conv1),
// whose elements 1..31 are zero codes.
struct Block {
    Codes codes{};
    bool one = false;
};

Block one_element(uint16_t c)
{
    Block b;
    b.codes[0] = c;
    b.one = true;
    return b;
}

struct Traffic {
    double p_gap = 0.0;   // probability that in_valid is low in a cycle
    double p_stall = 0.0; // probability that out_ready is low in a cycle
    uint64_t seed = 1;
};

std::string hex_codes(const uint16_t *c, int n)
{
    std::string s;
    char buf[8];
    for (int i = 0; i < n; i++) {
        std::snprintf(buf, sizeof buf, " %04x", c[i]);
        s += buf;
    }
    return s;
}

class Driver {
public:
    Driver()
        : e_(format(BF16_BLOCK_IN_NAME)), bf_(format("bfloat16")), ctx_(new VerilatedContext),
          top_(new BF16_BLOCK_VTOP{ctx_.get()})
    {
        // An asynchronous reset pulse: a falling rst_ni edge, then release.
        top_->rst_ni = 1;
        top_->clk_i = 0;
        top_->in_valid_i = 0;
        top_->out_ready_i = 1;
        top_->eval();
        top_->rst_ni = 0;
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
    }

    ~Driver() { top_->final(); }

    const mx_format &in_format() const { return e_; }
    uint64_t cycles() const { return cycle_; }

    // The reference outputs of a block in every rounding: the whole
    // (padded) block, and for a one-element block element 0 exactly as the
    // model computes it, from one value.
    std::array<Out, kRounds> expect(const Block &b) const
    {
        std::array<Out, kRounds> x;
        for (int r = 0; r < kRounds; r++) {
            accel_seu_bf16(&e_, &bf_, static_cast<mx_round>(r), b.codes.data(), kN, x[r].data());
            if (b.one) {
                uint16_t c0;
                accel_seu_bf16(&e_, &bf_, static_cast<mx_round>(r), b.codes.data(), 1, &c0);
                if (c0 != x[r][0]) {
                    ADD_FAILURE() << "one-element block " << std::hex << b.codes[0]
                                  << ": padding changes element 0";
                }
            }
        }
        return x;
    }

    /**
     * Runs blocks through the three instances; false after the first
     * mismatch (reported as a gtest failure). Checks each cycle in_ready and
     * out_valid against a two-stage pipeline that advances when out_ready or
     * its output is empty, each output against the reference, and that a
     * stalled output holds.
     */
    bool run(const std::vector<Block> &blocks, const Traffic &t)
    {
        const size_t n = blocks.size();
        std::vector<std::array<Out, kRounds>> want(n);
        for (size_t b = 0; b < n; b++) {
            want[b] = expect(blocks[b]);
        }
        std::vector<uint64_t> accepted(n);
        std::mt19937_64 rng(t.seed);
        std::bernoulli_distribution gap(t.p_gap), stall(t.p_stall);
        const bool strict = t.p_stall == 0.0;
        // Pipeline of the reference handshake: index of the block in each stage, -1 empty.
        long s1 = -1, s2 = -1;
        size_t next = 0, done = 0;
        bool held = false; // the previous cycle ended with a stalled output
        std::array<Out, kRounds> last{};
        const uint64_t limit = cycle_ + 8 * n + 64;
        while (done < n) {
            if (cycle_ > limit) {
                ADD_FAILURE() << "no progress, cycle " << cycle_;
                return false;
            }
            const bool in_valid = next < n && !gap(rng);
            const bool out_ready = !stall(rng);
            drive(in_valid ? &blocks[next] : nullptr, out_ready);
            const bool ready = out_ready || s2 < 0;
            for (int r = 0; r < kRounds; r++) {
                const bool r_rtl = (top_->in_ready_o >> r) & 1u;
                const bool v_rtl = (top_->out_valid_o >> r) & 1u;
                if (r_rtl != ready || v_rtl != (s2 >= 0)) {
                    ADD_FAILURE() << round_name(r) << " cycle " << cycle_ << ": in_ready rtl "
                                  << r_rtl << " expected " << ready << ", out_valid rtl "
                                  << v_rtl << " expected " << (s2 >= 0);
                    return false;
                }
            }
            if (s2 >= 0) {
                const size_t b = static_cast<size_t>(s2);
                for (int r = 0; r < kRounds; r++) {
                    const Out got = rtl_codes(r);
                    if (held && got != last[r]) {
                        ADD_FAILURE() << round_name(r) << " cycle " << cycle_
                                      << ": a stalled output changed";
                        return false;
                    }
                    if (got != want[b][r]) {
                        ADD_FAILURE() << round_name(r) << " block " << b << " cycle " << cycle_
                                      << (blocks[b].one ? " (one element)" : "")
                                      << "\n  input " << hex_codes(blocks[b].codes.data(), kN)
                                      << "\n  rtl   " << hex_codes(got.data(), kN)
                                      << "\n  ref   " << hex_codes(want[b][r].data(), kN);
                        return false;
                    }
                    last[r] = got;
                }
                // Exactly kLatency cycles after acceptance without back-pressure.
                const uint64_t due = accepted[b] + kLatency;
                if (strict ? cycle_ != due : cycle_ < due) {
                    ADD_FAILURE() << "block " << b << " out at cycle " << cycle_
                                  << ", accepted at " << accepted[b];
                    return false;
                }
                done += out_ready ? 1 : 0;
            }
            held = s2 >= 0 && !out_ready;
            if (in_valid && ready) {
                accepted[next] = cycle_;
            }
            if (ready) {
                s2 = s1;
                s1 = in_valid ? static_cast<long>(next++) : -1;
            }
            edge();
        }
        if (s1 >= 0 || s2 >= 0) {
            ADD_FAILURE() << "pipeline not empty after the last output";
            return false;
        }
        return true;
    }

    // Holds out_ready low for `hold` cycles once a block is out: the output,
    // out_valid and in_ready must stay; then it drains.
    void stall_test(const Block &a, const Block &b, int hold)
    {
        const auto wa = expect(a), wb = expect(b);
        drive(&a, true);
        ASSERT_EQ(top_->in_ready_o, 7u);
        edge();
        drive(&b, true);
        ASSERT_EQ(top_->in_ready_o, 7u);
        ASSERT_EQ(top_->out_valid_o, 0u);
        edge();
        for (int k = 0; k < hold; k++) {
            drive(nullptr, false);
            ASSERT_EQ(top_->out_valid_o, 7u) << "stall cycle " << k;
            ASSERT_EQ(top_->in_ready_o, 0u) << "stall cycle " << k;
            for (int r = 0; r < kRounds; r++) {
                ASSERT_EQ(rtl_codes(r), wa[r]) << round_name(r) << " stall cycle " << k;
            }
            edge();
        }
        drive(nullptr, true); // a read; b moves up
        ASSERT_EQ(top_->out_valid_o, 7u);
        for (int r = 0; r < kRounds; r++) {
            ASSERT_EQ(rtl_codes(r), wa[r]) << round_name(r);
        }
        edge();
        drive(nullptr, true);
        ASSERT_EQ(top_->out_valid_o, 7u);
        for (int r = 0; r < kRounds; r++) {
            ASSERT_EQ(rtl_codes(r), wb[r]) << round_name(r);
        }
        edge();
        drive(nullptr, true);
        ASSERT_EQ(top_->out_valid_o, 0u);
        edge();
    }

private:
    static std::string round_name(int r) { return mx_round_name(static_cast<mx_round>(r)); }

    void drive(const Block *b, bool out_ready)
    {
        top_->clk_i = 0;
        top_->in_valid_i = b != nullptr;
        top_->out_ready_i = out_ready;
        const int w = e_.storage_bits;
        for (int k = 0; k < w; k++) { // 32 * w bits: w words
            top_->in_codes_i[k] = 0;
        }
        if (b) {
            for (int i = 0; i < kN; i++) {
                for (int j = 0; j < w; j++) {
                    const int pos = i * w + j;
                    top_->in_codes_i[pos / 32] |=
                        static_cast<uint32_t>((b->codes[i] >> j) & 1u) << (pos % 32);
                }
            }
        }
        top_->eval();
    }

    void edge()
    {
        top_->clk_i = 1;
        top_->eval();
        cycle_++;
    }

    Out rtl_codes(int r) const
    {
        Out o;
        for (int i = 0; i < kN; i++) {
            const int pos = r * 512 + i * 16;
            o[i] = static_cast<uint16_t>(top_->out_codes_o[pos / 32] >> (pos % 32));
        }
        return o;
    }

    mx_format e_, bf_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<BF16_BLOCK_VTOP> top_;
    uint64_t cycle_ = 0;
};

// Directed blocks beyond the SEU's corners: Inf and NaN of both signs
// alone and among values, zeros, every subnormal, the largest values, huge
// beside tiny values, and for every binade the codes at its top (rounding
// carries) with and without a larger element beside them.
std::vector<Block> directed(const InLayout &l)
{
    std::vector<Block> out;
    const unsigned top = l.top_exp(), tm = l.tmask();
    const uint16_t inf = l.code(0, top, 0), ninf = l.code(1, top, 0);
    const uint16_t qnan = l.code(0, top, (tm >> 1) + 1), nan1 = l.code(1, top, 1);
    const uint16_t maxv = l.code(0, top - 1, tm), tiny = l.code(0, 0, 1);
    for (uint16_t s : {inf, ninf, qnan, nan1, l.code(0, top, tm)}) {
        Block b;
        b.codes[5] = s; // among zeros
        out.push_back(b);
        for (unsigned i = 0; i < kN; i++) {
            b.codes[i] = l.code(i & 1u, (i * 7u) % top, tm - i % (tm + 1));
        }
        b.codes[31] = s; // among values
        out.push_back(b);
        b.codes.fill(s);
        out.push_back(b);
    }
    {
        Block b;
        b.codes[0] = inf;
        b.codes[1] = ninf;
        out.push_back(b);
        b.codes[1] = qnan;
        out.push_back(b);
    }
    for (unsigned sign = 0; sign < 2; sign++) {
        Block b;
        b.codes.fill(l.code(sign, 0, 0));
        out.push_back(b);
        // Every subnormal, 32 at a time, alone and beside the largest value.
        for (unsigned t0 = 0; t0 <= tm; t0 += kN) {
            for (unsigned i = 0; i < kN; i++) {
                b.codes[i] = l.code(sign ^ (i & 1u), 0, (t0 + i) & tm);
            }
            out.push_back(b);
            b.codes[(t0 / kN) % kN] = l.code(sign, top - 1, tm);
            out.push_back(b);
        }
        b.codes.fill(l.code(sign, top - 1, tm));
        out.push_back(b);
        // Huge and tiny.
        for (unsigned i = 0; i < kN; i++) {
            const unsigned s = sign ^ ((i >> 1) & 1u);
            b.codes[i] = i % 2 ? l.code(s, 0, i & tm)
                               : l.code(s, top - 1 - i % 3, tm - i % (tm + 1));
        }
        out.push_back(b);
    }
    // Every binade's top codes (carries, ties), alone and below a larger element.
    for (unsigned ef = 0; ef < top; ef++) {
        Block b;
        for (int i = 0; i < kN; i++) {
            const unsigned d = static_cast<unsigned>(i) < tm ? static_cast<unsigned>(i) : tm;
            b.codes[i] = l.code(i & 1, ef, tm - d);
        }
        out.push_back(b);
        if (ef + 1 < top) {
            b.codes[7] = l.code(0, ef + 1, 0);
            out.push_back(b);
        }
    }
    out.push_back(one_element(maxv));
    out.push_back(one_element(tiny));
    out.push_back(one_element(inf));
    out.push_back(one_element(qnan));
    return out;
}

std::vector<Block> seu_corners(const InLayout &l)
{
    std::vector<Block> out;
    for (const Codes &c : seu_test::corner_blocks(l)) {
        Block b;
        b.codes = c;
        out.push_back(b);
    }
    return out;
}

TEST(Bf16Block, Directed)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    auto blocks = directed(l);
    const auto corners = seu_corners(l);
    blocks.insert(blocks.end(), corners.begin(), corners.end());
    EXPECT_TRUE(d->run(blocks, Traffic{}));
    std::printf("%s: %zu directed blocks x %d roundings\n", BF16_BLOCK_IN_NAME, blocks.size(),
                kRounds);
}

TEST(Bf16Block, DirectedBackPressure)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    auto blocks = directed(l);
    const auto corners = seu_corners(l);
    blocks.insert(blocks.end(), corners.begin(), corners.end());
    EXPECT_TRUE(d->run(blocks, Traffic{0.3, 0.4, 5}));
}

// Every code as a one-element block (elements 1..31 zero codes).
TEST(Bf16Block, EveryOneElementBlock)
{
    auto d = std::make_unique<Driver>();
    const unsigned codes = 1u << d->in_format().storage_bits;
    std::vector<Block> blocks;
    for (unsigned c = 0; c < codes; c++) {
        blocks.push_back(one_element(static_cast<uint16_t>(c)));
    }
    EXPECT_TRUE(d->run(blocks, Traffic{0.1, 0.1, 9}));
}

// Every code beside the largest code of every exponent field from its own
// up (positive partners): each normal element meets every shared exponent
// it can have; test_bf16_block_rule covers every case in C.
TEST(Bf16Block, EveryCodeEveryShift)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    const unsigned top = l.top_exp(), tm = l.tmask();
    std::vector<Block> blocks;
    size_t ran = 0;
    auto flush = [&](bool last) {
        if (blocks.size() >= 4096 || (last && !blocks.empty())) {
            if (!d->run(blocks, Traffic{})) {
                return false;
            }
            ran += blocks.size();
            blocks.clear();
        }
        return true;
    };
    // Runs of 31 consecutive trailing fields of one sign and exponent field
    // (a subnormal run may span binades: partners from the largest subnormal).
    for (unsigned sign = 0; sign < 2; sign++) {
        for (unsigned ef = 0; ef < top; ef++) {
            for (unsigned t0 = 0; t0 <= tm; t0 += kN - 1) {
                for (unsigned pe = (ef == 0 ? 0 : ef - 1); pe < top; pe++) {
                    Block b;
                    b.codes[0] = l.code(0, pe, tm);
                    for (unsigned k = 0; k < kN - 1 && t0 + k <= tm; k++) {
                        b.codes[k + 1] = l.code(sign, ef, t0 + k);
                    }
                    blocks.push_back(b);
                    if (!flush(false)) {
                        return;
                    }
                }
            }
        }
    }
    if (!flush(true)) {
        return;
    }
    std::printf("%s: %zu blocks x %d roundings in %llu cycles\n", BF16_BLOCK_IN_NAME, ran,
                kRounds, static_cast<unsigned long long>(d->cycles()));
}

void run_random(size_t count, const Traffic &t)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    std::mt19937_64 rng(t.seed * 7919u + 11u);
    size_t ran = 0;
    while (ran < count) {
        std::vector<Block> blocks(std::min<size_t>(4096, count - ran));
        for (auto &b : blocks) {
            b.codes = seu_test::random_block(l, rng);
            if (rng() % 16 == 0) { // a one-element block
                b = one_element(b.codes[0]);
            }
        }
        ASSERT_TRUE(d->run(blocks, t));
        ran += blocks.size();
    }
    std::printf("%s: %zu random blocks x %d roundings in %llu cycles\n", BF16_BLOCK_IN_NAME, ran,
                kRounds, static_cast<unsigned long long>(d->cycles()));
}

TEST(Bf16Block, Random) { run_random(20000, Traffic{0.0, 0.0, 1}); }
TEST(Bf16Block, RandomBackPressure) { run_random(5000, Traffic{0.2, 0.3, 2}); }

// Full throughput: n blocks leave in n + 2 cycles.
TEST(Bf16Block, Throughput)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    std::mt19937_64 rng(3);
    std::vector<Block> blocks(500);
    for (auto &b : blocks) {
        b.codes = seu_test::random_block(l, rng);
    }
    ASSERT_TRUE(d->run(blocks, Traffic{}));
    EXPECT_EQ(d->cycles(), blocks.size() + kLatency);
}

// The hold rule: with out_ready low the output, out_valid and in_ready
// (low) stay; the block behind waits in stage 1.
TEST(Bf16Block, Hold)
{
    auto d = std::make_unique<Driver>();
    const InLayout l(d->in_format());
    std::mt19937_64 rng(4);
    Block a, b;
    a.codes = seu_test::random_block(l, rng);
    b.codes = seu_test::random_block(l, rng);
    for (int hold : {1, 2, 5}) {
        d->stall_test(a, b, hold);
        if (::testing::Test::HasFatalFailure()) {
            return;
        }
    }
}

} // namespace
