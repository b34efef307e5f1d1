// SEU throughput: Verilated RTL blocks/s and cycle-level C model blocks/s
// (fp8 in, fp8_e4m3 out, nearest; one block per cycle, no stalls).
//
//   bench_seu [blocks]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include "Vseu_bench.h"
#include "seu.h"
#include "verilated.h"

namespace {

using Clock = std::chrono::steady_clock;

// Blocks of fp8 codes with exponents clustered below a random maximum.
std::vector<seu_input> make_blocks(size_t n)
{
    std::mt19937_64 rng(1);
    std::vector<seu_input> v(n);
    for (auto &b : v) {
        b.valid = true;
        const unsigned top = 4 + static_cast<unsigned>(rng() % 27);
        for (auto &c : b.codes) {
            const unsigned ef = top - static_cast<unsigned>(rng() % 4);
            c = static_cast<uint16_t>(((rng() & 1u) << 7) | (ef << 2) | (rng() & 3u));
        }
    }
    return v;
}

double bench_model(const std::vector<seu_input> &blocks, size_t n, unsigned *sink)
{
    mx_format fp8;
    mx_format_fp(8, &fp8);
    auto m = std::make_unique<seu_model>();
    seu_init(m.get(), &fp8, MX_FMT_FP8_E4M3, MX_ROUND_NEAREST);
    const auto t0 = Clock::now();
    for (size_t i = 0; i < n; i++) {
        seu_clock(m.get(), &blocks[i % blocks.size()], true);
        *sink += seu_outputs(m.get())->codes[i % SEU_N];
    }
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double bench_rtl(const std::vector<seu_input> &blocks, size_t n, unsigned *sink)
{
    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<Vseu_bench>(ctx.get());
    top->rst_ni = 1;  // a falling rst_ni edge resets the registers
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->out_ready_i = 1;
    top->in_valid_i = 1;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < n; i++) {
        const seu_input &b = blocks[i % blocks.size()];
        for (int w = 0; w < 8; w++) {
            top->in_codes_i[w] = static_cast<uint32_t>(b.codes[4 * w]) |
                                 static_cast<uint32_t>(b.codes[4 * w + 1]) << 8 |
                                 static_cast<uint32_t>(b.codes[4 * w + 2]) << 16 |
                                 static_cast<uint32_t>(b.codes[4 * w + 3]) << 24;
        }
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
        *sink += top->out_codes_o[i % 8];
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    top->final();
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;
    const auto blocks = make_blocks(4096);
    unsigned sink = 0;
    const double tm = bench_model(blocks, n * 10, &sink);
    const double tr = bench_rtl(blocks, n, &sink);
    std::printf("SEU fp8 -> fp8_e4m3 nearest, one block per cycle\n");
    std::printf("  C model:        %10.3g blocks/s (%zu blocks)\n", (double)(n * 10) / tm, n * 10);
    std::printf("  Verilated RTL:  %10.3g blocks/s (%zu blocks)\n", (double)n / tr, n);
    std::printf("  (checksum %u)\n", sink);
    return 0;
}
