// ALU throughput: operations per second of the cycle-level C model and of
// the Verilated RTL, streaming with out_ready high (one operation per
// cycle), for a mix of every operation and for single operations.
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include <verilated.h>

#include "Valu_bf16.h"
#include "Valu_fp8.h"
#include "alu.h"

namespace {

using Clock = std::chrono::steady_clock;

// Random codes; op < 0: every operation in turn (rows of 10 for reductions).
std::vector<alu_input> make_inputs(int width, int op, size_t n)
{
    std::mt19937_64 rng(7);
    std::vector<alu_input> v(n);
    for (size_t i = 0; i < n; i++) {
        alu_input &t = v[i];
        t.valid = true;
        t.op = static_cast<uint8_t>(op >= 0 ? op : static_cast<int>(i / 10 % MX_ALU_OP_COUNT));
        t.first = i % 10 == 0;
        t.last = i % 10 == 9;
        t.a = t.op == MX_ALU_QUANT ? static_cast<uint32_t>(rng()) : static_cast<uint32_t>(rng() % (1u << width));
        t.b = static_cast<uint32_t>(rng() % (1u << width));
    }
    return v;
}

double bench_model(const char *fmt_name, const std::vector<alu_input> &in, size_t ops)
{
    mx_format e;
    mx_format_from_name(fmt_name, &e, nullptr, 0);
    alu_model m;
    alu_init(&m, &e);
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < ops; i++) {
        alu_clock(&m, &in[i % in.size()], true);
        bool v;
        uint32_t d;
        alu_outputs(&m, &v, &d);
        sink ^= v ? d : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    alu_free(&m);
    std::printf("    (checksum %04x)\n", sink);
    return static_cast<double>(ops) / s;
}

template <class V> double bench_rtl(const std::vector<alu_input> &in, size_t ops)
{
    auto ctx = std::make_unique<VerilatedContext>();
    auto top = std::make_unique<V>(ctx.get(), "alu");
    top->clk_i = 0;
    top->rst_ni = 1;
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->out_ready_i = 1;
    uint32_t sink = 0;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < ops; i++) {
        const alu_input &t = in[i % in.size()];
        top->in_valid_i = 1;
        top->in_op_i = t.op;
        top->in_first_i = t.first;
        top->in_last_i = t.last;
        top->in_a_i = t.a;
        top->in_b_i = t.b;
        top->clk_i = 0;
        top->eval();
        top->clk_i = 1;
        top->eval();
        sink ^= top->out_valid_o ? top->out_data_o : 0;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    top->final();
    std::printf("    (checksum %04x)\n", sink);
    return static_cast<double>(ops) / s;
}

} // namespace

int main()
{
    const size_t model_ops = 10u << 20, rtl_ops = 4u << 20;
    const struct {
        const char *name;
        int op;
    } loads[] = {{"mix of all ops", -1}, {"ADD", MX_ALU_ADD}, {"DIV", MX_ALU_DIV},
                 {"EXP", MX_ALU_EXP},    {"QUANT", MX_ALU_QUANT}};
    for (const auto &l : loads) {
        const std::vector<alu_input> in8 = make_inputs(8, l.op, 1 << 16);
        const std::vector<alu_input> in16 = make_inputs(16, l.op, 1 << 16);
        std::printf("ALU, %s: operations/s\n", l.name);
        std::printf("  C model fp8:       %.1f M\n", bench_model("fp8", in8, model_ops) / 1e6);
        std::printf("  C model bfloat16:  %.1f M\n", bench_model("bfloat16", in16, model_ops) / 1e6);
        std::printf("  RTL fp8:           %.2f M\n", bench_rtl<Valu_fp8>(in8, rtl_ops) / 1e6);
        std::printf("  RTL bfloat16:      %.2f M\n", bench_rtl<Valu_bf16>(in16, rtl_ops) / 1e6);
    }
    return 0;
}
