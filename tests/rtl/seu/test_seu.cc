// SEU: Verilated RTL vs cycle-level C model vs golden hw profile, for all
// 24 element format / rounding variants of one input format (SEU_IN_NAME),
// cycle by cycle.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "seu_driver.h"
#include "seu_stimulus.h"
#include SEU_VTOP_HEADER

namespace seu_test {
namespace {

using Driver = SeuDriver<SEU_VTOP>;

mx_format input_format()
{
    mx_format f;
    if (mx_format_from_name(SEU_IN_NAME, &f, nullptr, 0) != 0) {
        std::abort();
    }
    return f;
}

// Random blocks in chunks (bounded memory), printing how many ran.
void run_random(size_t count, const Traffic &t)
{
    const mx_format in = input_format();
    const InLayout l(in);
    auto d = std::make_unique<Driver>(in);
    std::mt19937_64 rng(t.seed * 7919u + 11u);
    size_t ran = 0;
    while (ran < count) {
        std::vector<Codes> blocks(std::min<size_t>(4096, count - ran));
        for (auto &b : blocks) {
            b = random_block(l, rng);
        }
        if (!d->run(blocks, t)) {
            return;
        }
        ran += blocks.size();
    }
    std::printf("%s: %zu random blocks x %d variants in %llu cycles\n", SEU_IN_NAME, ran,
                kVariants, static_cast<unsigned long long>(d->cycles()));
}

TEST(Seu, Corners)
{
    const mx_format in = input_format();
    auto blocks = corner_blocks(InLayout(in));
    auto d = std::make_unique<Driver>(in);
    EXPECT_TRUE(d->run(blocks, Traffic{}));
    std::printf("%s: %zu corner blocks x %d variants\n", SEU_IN_NAME, blocks.size(), kVariants);
}

TEST(Seu, CornersBackPressure)
{
    const mx_format in = input_format();
    auto d = std::make_unique<Driver>(in);
    EXPECT_TRUE(d->run(corner_blocks(InLayout(in)), Traffic{0.3, 0.4, 5}));
}

// Full throughput: n blocks leave in n + LATENCY cycles.
TEST(Seu, Throughput)
{
    const mx_format in = input_format();
    std::mt19937_64 rng(3);
    std::vector<Codes> blocks(500);
    for (auto &b : blocks) {
        b = random_block(InLayout(in), rng);
    }
    auto d = std::make_unique<Driver>(in);
    ASSERT_TRUE(d->run(blocks, Traffic{}));
    EXPECT_EQ(d->cycles(), blocks.size() + SEU_LATENCY);
}

TEST(Seu, Random) { run_random(20000, Traffic{0.0, 0.0, 1}); }
TEST(Seu, RandomBackPressure) { run_random(5000, Traffic{0.2, 0.3, 2}); }
TEST(SeuLong, Random) { run_random(1000000, Traffic{0.05, 0.05, 3}); }

#if SEU_IN_W <= 8
// Every ordered pair of codes (a, x): the block is x everywhere but a at a
// position that moves with the pair, so every code meets every block maximum
// (max(|a|, |x|)) at every position.
TEST(Seu, ExhaustivePairs)
{
    const mx_format in = input_format();
    const unsigned codes = 1u << in.storage_bits;
    auto d = std::make_unique<Driver>(in);
    std::vector<Codes> blocks;
    size_t ran = 0;
    for (unsigned a = 0; a < codes; a++) {
        for (unsigned x = 0; x < codes; x++) {
            Codes b;
            b.fill(static_cast<uint16_t>(x));
            b[(a * 7 + x) % kN] = static_cast<uint16_t>(a);
            blocks.push_back(b);
        }
        if (blocks.size() >= 4096 || a + 1 == codes) {
            ASSERT_TRUE(d->run(blocks, Traffic{0.0, a % 2 ? 0.1 : 0.0, a}));
            ran += blocks.size();
            blocks.clear();
        }
    }
    EXPECT_EQ(ran, size_t{codes} * codes);
    std::printf("%s: %zu exhaustive pair blocks x %d variants\n", SEU_IN_NAME, ran, kVariants);
}
#endif

} // namespace
} // namespace seu_test
