// SystemC co-simulation: the Verilated mx_seu (fp8 -> fp8_e4m3, nearest)
// beside the C model wrapper, one random stimulus with input gaps and output
// back-pressure. Every cycle compares in_ready/out_valid/data of both; every
// output transaction is also checked against the golden library. The first
// mismatch prints transaction, cycle and both values and keeps the FST
// waveform; exit status 1. A clean run deletes the waveform.
//
//   seu_cosim <waveform.fst> [blocks] [seed]
#include "cosim_main.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <random>
#include <string>

#include SEU_VTOP_HEADER
#include "seu_golden.h"
#include "seu_model_sc.h"
#include "seu_stimulus.h"

namespace {

constexpr mx_format_id kOut = MX_FMT_FP8_E4M3;
constexpr mx_round kRound = MX_ROUND_NEAREST;

std::string hex(const sc_bv<256> &codes, uint32_t scale)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02x |", scale);
    std::string s = buf;
    for (int i = 0; i < 32; i++) {
        std::snprintf(buf, sizeof buf, " %02x", codes.range(i * 8 + 7, i * 8).to_uint());
        s += buf;
    }
    return s;
}

SC_MODULE(Checker) {
    sc_in<bool> clk;
    sc_out<bool> rst_n, in_valid, out_ready;
    sc_out<sc_bv<256>> in_codes;
    sc_in<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;
    sc_in<uint32_t> rtl_scale, mod_scale;
    sc_in<sc_bv<256>> rtl_codes, mod_codes;

    mx_format in_fmt;
    size_t blocks = 0;
    uint64_t seed = 1;
    bool failed = false;
    size_t checked = 0;

    SC_CTOR(Checker) { SC_THREAD(run); }

    void fail(size_t txn, uint64_t cycle, const std::string &what)
    {
        std::printf("SEU co-simulation MISMATCH: transaction %zu, cycle %llu: %s\n", txn,
                    static_cast<unsigned long long>(cycle), what.c_str());
        failed = true;
    }

    void run()
    {
        const seu_test::InLayout layout(in_fmt);
        std::mt19937_64 rng(seed);
        std::bernoulli_distribution gap(0.2), stall(0.25);
        std::deque<seu_test::Codes> inflight;
        size_t offered = 0, txn = 0;
        seu_test::Codes cur{};
        bool cur_valid = false;
        rst_n.write(true); // a falling rst_ni edge resets both sides
        wait(clk.negedge_event());
        rst_n.write(false);
        wait(clk.negedge_event());
        rst_n.write(true);
        for (uint64_t cycle = 0; txn < blocks && !failed; cycle++) {
            wait(clk.negedge_event());
            if (!cur_valid && offered < blocks && !gap(rng)) {
                cur = seu_test::random_block(layout, rng);
                cur_valid = true;
                offered++;
            }
            sc_bv<256> bv;
            for (int i = 0; i < 32; i++) {
                bv.range(i * 8 + 7, i * 8) = cur[i];
            }
            const bool ready_out = !stall(rng);
            in_valid.write(cur_valid);
            in_codes.write(bv);
            out_ready.write(ready_out);
            wait(1, SC_NS); // settle before the rising edge
            if (rtl_in_ready.read() != mod_in_ready.read() ||
                rtl_out_valid.read() != mod_out_valid.read()) {
                fail(txn, cycle,
                     "in_ready rtl " + std::to_string(rtl_in_ready.read()) + " model " +
                         std::to_string(mod_in_ready.read()) + ", out_valid rtl " +
                         std::to_string(rtl_out_valid.read()) + " model " +
                         std::to_string(mod_out_valid.read()));
                break;
            }
            if (rtl_out_valid.read()) {
                const std::string r = hex(rtl_codes.read(), rtl_scale.read());
                const std::string m = hex(mod_codes.read(), mod_scale.read());
                if (r != m) {
                    fail(txn, cycle, "\n  rtl   " + r + "\n  model " + m);
                    break;
                }
                if (ready_out) {
                    const seu_test::Result g =
                        seu_test::golden_block(in_fmt, kOut * 3 + kRound, inflight.front());
                    if (m != seu_test::to_string(g)) {
                        fail(txn, cycle, "\n  model  " + m + "\n  golden " + seu_test::to_string(g));
                        break;
                    }
                    inflight.pop_front();
                    txn++;
                    checked++;
                }
            }
            if (cur_valid && mod_in_ready.read()) {
                inflight.push_back(cur);
                cur_valid = false;
            }
        }
        wait(clk.negedge_event()); // a little context after the mismatch
        wait(clk.negedge_event());
        sc_stop();
    }
};

} // namespace

int sc_main(int argc, char **argv)
{
    CosimArgs args;
    if (!cosim_parse_args(argc, argv, "seu_cosim", "blocks", &args)) {
        return 2;
    }
    Verilated::commandArgs(argc, argv);
    Verilated::traceEverOn(true);

    mx_format fp8;
    mx_format_fp(8, &fp8);

    sc_clock clk("clk", 10, SC_NS, 0.5, 5, SC_NS, true);
    sc_signal<bool> rst_n, in_valid, out_ready;
    sc_signal<sc_bv<256>> in_codes, rtl_codes, mod_codes;
    sc_signal<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;
    sc_signal<uint32_t> rtl_scale, mod_scale;

    SEU_VTOP rtl("rtl");
    rtl.clk_i(clk);
    rtl.rst_ni(rst_n);
    rtl.in_valid_i(in_valid);
    rtl.in_ready_o(rtl_in_ready);
    rtl.in_codes_i(in_codes);
    rtl.out_valid_o(rtl_out_valid);
    rtl.out_ready_i(out_ready);
    rtl.out_scale_o(rtl_scale);
    rtl.out_codes_o(rtl_codes);

    SeuModelSc mod("model", fp8, kOut, kRound);
    mod.clk_i(clk);
    mod.rst_ni(rst_n);
    mod.in_valid_i(in_valid);
    mod.in_ready_o(mod_in_ready);
    mod.in_codes_i(in_codes);
    mod.out_valid_o(mod_out_valid);
    mod.out_ready_i(out_ready);
    mod.out_scale_o(mod_scale);
    mod.out_codes_o(mod_codes);

    Checker chk("checker");
    chk.in_fmt = fp8;
    chk.blocks = args.count;
    chk.seed = args.seed;
    chk.clk(clk);
    chk.rst_n(rst_n);
    chk.in_valid(in_valid);
    chk.out_ready(out_ready);
    chk.in_codes(in_codes);
    chk.rtl_in_ready(rtl_in_ready);
    chk.rtl_out_valid(rtl_out_valid);
    chk.mod_in_ready(mod_in_ready);
    chk.mod_out_valid(mod_out_valid);
    chk.rtl_scale(rtl_scale);
    chk.mod_scale(mod_scale);
    chk.rtl_codes(rtl_codes);
    chk.mod_codes(mod_codes);

    if (cosim_run_traced(rtl, args.wave, chk.failed, "SEU") != 0) {
        return 1;
    }
    std::printf("SEU co-simulation: %zu transactions matched (RTL = C model = golden)\n",
                chk.checked);
    return 0;
}
