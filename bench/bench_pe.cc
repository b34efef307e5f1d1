// PE throughput: block pairs per second of the Verilated RTL and of the
// cycle-level C model, streaming with out_ready high (one pair per cycle).
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include <verilated.h>

#include "Vmx_pe_bf16_g32.h"
#include "Vmx_pe_e4m3_e4m3.h"
#include "Vmx_pe_e5m2_e5m2.h"
#include "pe.h"
#include "pe_bf16.h"

namespace {

using Clock = std::chrono::steady_clock;

// Random finite-looking codes; every 4th transaction ends an accumulation.
std::vector<pe_input> make_inputs(size_t n)
{
    std::mt19937_64 rng(7);
    std::vector<pe_input> v(n);
    for (size_t i = 0; i < n; i++) {
        pe_input &t = v[i];
        t.valid = true;
        t.first = i % 4 == 0;
        t.last = i % 4 == 3;
        t.a_scale = (uint8_t)(117 + rng() % 20);
        t.w_scale = (uint8_t)(117 + rng() % 20);
        for (int k = 0; k < PE_N; k++) {
            t.a_codes[k] = (uint8_t)(rng() % 0x78);
            t.w_codes[k] = (uint8_t)(0x80 | (rng() % 0x78));
        }
    }
    return v;
}

double bench_model(mx_format_id a, mx_format_id w, const std::vector<pe_input> &in, size_t pairs)
{
    pe_model m;
    pe_init(&m, a, w);
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < pairs; i++) {
        pe_clock(&m, &in[i % in.size()], true);
        bool v;
        uint32_t d;
        pe_outputs(&m, &v, &d);
        sink ^= v ? d : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("  (checksum %08x)\n", sink);
    return (double)pairs / s;
}

template <std::size_t Words>
void put(VlWide<Words> &port, const uint8_t *codes)
{
    for (std::size_t k = 0; k < Words; k++) {
        port[k] = (uint32_t)codes[4 * k] | (uint32_t)codes[4 * k + 1] << 8 |
                  (uint32_t)codes[4 * k + 2] << 16 | (uint32_t)codes[4 * k + 3] << 24;
    }
}

template <class V>
double bench_rtl(const std::vector<pe_input> &in, size_t pairs)
{
    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<V>(ctx.get(), "pe");
    top->clk_i = 0;
    top->rst_ni = 1;  // a falling rst_ni edge resets the registers
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->out_ready_i = 1;
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < pairs; i++) {
        const pe_input &t = in[i % in.size()];
        top->in_valid_i = 1;
        top->in_first_i = t.first;
        top->in_last_i = t.last;
        top->a_scale_i = t.a_scale;
        top->w_scale_i = t.w_scale;
        put(top->a_codes_i, t.a_codes);  // 8-bit codes: one byte per element
        put(top->w_codes_i, t.w_codes);
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
        sink ^= top->out_valid_o ? top->out_data_o : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("  (checksum %08x)\n", sink);
    return (double)pairs / s;
}

// bfloat16 codes of magnitudes 2^-17 .. 2^13, both signs.
std::vector<pe_bf16_input> make_bf16_inputs(size_t n)
{
    std::mt19937_64 rng(8);
    std::vector<pe_bf16_input> v(n);
    for (size_t i = 0; i < n; i++) {
        pe_bf16_input &t = v[i];
        t.valid = true;
        t.first = i % 4 == 0;
        t.last = i % 4 == 3;
        for (int k = 0; k < PE_BF16_N; k++) {
            t.a_codes[k] = (uint16_t)((rng() % 2) << 15 | (110 + rng() % 30) << 7 | rng() % 128);
            t.w_codes[k] = (uint16_t)((rng() % 2) << 15 | (110 + rng() % 30) << 7 | rng() % 128);
        }
    }
    return v;
}

double bench_bf16_model(const std::vector<pe_bf16_input> &in, size_t pairs)
{
    pe_bf16_model m;
    pe_bf16_init(&m, PE_BF16_GUARD);
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < pairs; i++) {
        pe_bf16_clock(&m, &in[i % in.size()], true);
        bool v;
        uint32_t d;
        pe_bf16_outputs(&m, &v, &d);
        sink ^= v ? d : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("  (checksum %08x)\n", sink);
    return (double)pairs / s;
}

double bench_bf16_rtl(const std::vector<pe_bf16_input> &in, size_t pairs)
{
    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<Vmx_pe_bf16_g32>(ctx.get(), "pe_bf16");
    top->clk_i = 0;
    top->rst_ni = 1;  // a falling rst_ni edge resets the registers
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->out_ready_i = 1;
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < pairs; i++) {
        const pe_bf16_input &t = in[i % in.size()];
        top->in_valid_i = 1;
        top->in_first_i = t.first;
        top->in_last_i = t.last;
        for (int k = 0; k < PE_BF16_N / 2; k++) {  // two 16-bit codes per word
            top->a_codes_i[k] = (uint32_t)t.a_codes[2 * k] | (uint32_t)t.a_codes[2 * k + 1] << 16;
            top->w_codes_i[k] = (uint32_t)t.w_codes[2 * k] | (uint32_t)t.w_codes[2 * k + 1] << 16;
        }
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
        sink ^= top->out_valid_o ? top->out_data_o : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("  (checksum %08x)\n", sink);
    return (double)pairs / s;
}

}  // namespace

int main()
{
    const std::vector<pe_input> in = make_inputs(4096);
    const size_t model_pairs = 20u << 20, rtl_pairs = 2u << 20;
    std::printf("PE C model, block pairs/s (target >= 20 M):\n");
    std::printf("  fp8_e4m3 x fp8_e4m3: %.1f M\n", bench_model(MX_FMT_FP8_E4M3, MX_FMT_FP8_E4M3, in, model_pairs) / 1e6);
    std::printf("  fp8_e5m2 x fp8_e5m2: %.1f M\n", bench_model(MX_FMT_FP8_E5M2, MX_FMT_FP8_E5M2, in, model_pairs) / 1e6);
    std::printf("  int8 x int8:         %.1f M\n", bench_model(MX_FMT_INT8, MX_FMT_INT8, in, model_pairs) / 1e6);
    const std::vector<pe_bf16_input> in_bf16 = make_bf16_inputs(4096);
    std::printf("  bfloat16 x bfloat16: %.1f M\n", bench_bf16_model(in_bf16, model_pairs) / 1e6);
    std::printf("PE Verilated RTL, block pairs/s (target >= 1 M):\n");
    std::printf("  fp8_e4m3 x fp8_e4m3: %.2f M\n", bench_rtl<Vmx_pe_e4m3_e4m3>(in, rtl_pairs) / 1e6);
    std::printf("  fp8_e5m2 x fp8_e5m2: %.2f M\n", bench_rtl<Vmx_pe_e5m2_e5m2>(in, rtl_pairs) / 1e6);
    std::printf("  bfloat16 x bfloat16: %.2f M\n", bench_bf16_rtl(in_bf16, rtl_pairs) / 1e6);
    return 0;
}
