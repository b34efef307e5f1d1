// SystemC co-simulation: the Verilated mx_pe (fp8_e4m3 x fp8_e4m3) beside the
// C model wrapper, driven by one random transaction stream (random
// first/last, directed corners first) with input gaps and output
// back-pressure. Every cycle compares in_ready/out_valid/out_data of both;
// every output transaction is also checked against the golden library. The
// first mismatch prints the transaction (output index), the cycle and both
// values and keeps the FST waveform; exit status 1. A clean run deletes the
// waveform.
//
//   pe_cosim <waveform.fst> [transactions] [seed]
#include "cosim_main.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include PE_VTOP_HEADER
#include "pe_golden.h"
#include "pe_model_sc.h"
#include "pe_stimulus.h"

namespace {

constexpr mx_format_id kA = MX_FMT_FP8_E4M3;
constexpr mx_format_id kW = MX_FMT_FP8_E4M3;
using Codes = sc_bv<PE_N * 8>;

std::string hex32(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

Codes pack(const uint8_t *codes)
{
    Codes bv;
    for (int i = 0; i < PE_N; i++) {
        bv.range(i * 8 + 7, i * 8) = codes[i];
    }
    return bv;
}

SC_MODULE(Checker) {
    sc_in<bool> clk;
    sc_out<bool> rst_n, in_valid, in_first, in_last, out_ready;
    sc_out<uint32_t> a_scale, w_scale;
    sc_out<Codes> a_codes, w_codes;
    sc_in<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;
    sc_in<uint32_t> rtl_data, mod_data;

    std::vector<pe_input> txns;
    std::vector<uint32_t> expected;  // golden, one per `last` transaction
    uint64_t seed = 1;
    bool failed = false;
    size_t checked = 0;

    SC_CTOR(Checker) { SC_THREAD(run); }

    void fail(size_t txn, uint64_t cycle, const std::string &what)
    {
        std::printf("PE co-simulation MISMATCH: transaction %zu, cycle %llu: %s\n", txn,
                    static_cast<unsigned long long>(cycle), what.c_str());
        failed = true;
    }

    void run()
    {
        std::mt19937_64 rng(seed ^ 0x5eedu);
        std::bernoulli_distribution gap(0.2), stall(0.25);
        size_t next = 0, out = 0;
        rst_n.write(true);  // a falling rst_ni edge resets both sides
        wait(clk.negedge_event());
        rst_n.write(false);
        wait(clk.negedge_event());
        rst_n.write(true);
        bool cur_valid = false;
        for (uint64_t cycle = 0; out < expected.size() && !failed; cycle++) {
            wait(clk.negedge_event());
            if (!cur_valid && next < txns.size() && !gap(rng)) {
                const pe_input &t = txns[next];
                in_first.write(t.first);
                in_last.write(t.last);
                a_scale.write(t.a_scale);
                w_scale.write(t.w_scale);
                a_codes.write(pack(t.a_codes));
                w_codes.write(pack(t.w_codes));
                cur_valid = true;
            }
            const bool ready_out = !stall(rng);
            in_valid.write(cur_valid);
            out_ready.write(ready_out);
            wait(1, SC_NS);  // settle before the rising edge
            if (rtl_in_ready.read() != mod_in_ready.read() ||
                rtl_out_valid.read() != mod_out_valid.read()) {
                fail(out, cycle,
                     "in_ready rtl " + std::to_string(rtl_in_ready.read()) + " model " +
                         std::to_string(mod_in_ready.read()) + ", out_valid rtl " +
                         std::to_string(rtl_out_valid.read()) + " model " +
                         std::to_string(mod_out_valid.read()));
                break;
            }
            if (rtl_out_valid.read()) {
                const uint32_t r = rtl_data.read(), m = mod_data.read();
                if (r != m) {
                    fail(out, cycle, "out_data rtl " + hex32(r) + " model " + hex32(m));
                    break;
                }
                if (ready_out) {
                    if (m != expected[out]) {
                        fail(out, cycle, "out_data model " + hex32(m) + " golden " + hex32(expected[out]));
                        break;
                    }
                    out++;
                    checked++;
                }
            }
            if (cur_valid && mod_in_ready.read()) {
                cur_valid = false;
                next++;
            }
        }
        wait(clk.negedge_event());  // a little context after the mismatch
        wait(clk.negedge_event());
        sc_stop();
    }
};

}  // namespace

int sc_main(int argc, char **argv)
{
    CosimArgs args;
    if (!cosim_parse_args(argc, argv, "pe_cosim", "transactions", &args)) {
        return 2;
    }
    const size_t n = args.count;
    const uint64_t seed = args.seed;
    Verilated::commandArgs(argc, argv);
    Verilated::traceEverOn(true);

    sc_clock clk("clk", 10, SC_NS, 0.5, 5, SC_NS, true);
    sc_signal<bool> rst_n, in_valid, in_first, in_last, out_ready;
    sc_signal<uint32_t> a_scale, w_scale, rtl_data, mod_data;
    sc_signal<Codes> a_codes, w_codes;
    sc_signal<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;

    PE_VTOP rtl("rtl");
    rtl.clk_i(clk);
    rtl.rst_ni(rst_n);
    rtl.in_valid_i(in_valid);
    rtl.in_ready_o(rtl_in_ready);
    rtl.in_first_i(in_first);
    rtl.in_last_i(in_last);
    rtl.a_scale_i(a_scale);
    rtl.a_codes_i(a_codes);
    rtl.w_scale_i(w_scale);
    rtl.w_codes_i(w_codes);
    rtl.out_valid_o(rtl_out_valid);
    rtl.out_ready_i(out_ready);
    rtl.out_data_o(rtl_data);

    PeModelSc mod("model", kA, kW);
    mod.clk_i(clk);
    mod.rst_ni(rst_n);
    mod.in_valid_i(in_valid);
    mod.in_ready_o(mod_in_ready);
    mod.in_first_i(in_first);
    mod.in_last_i(in_last);
    mod.a_scale_i(a_scale);
    mod.a_codes_i(a_codes);
    mod.w_scale_i(w_scale);
    mod.w_codes_i(w_codes);
    mod.out_valid_o(mod_out_valid);
    mod.out_ready_i(out_ready);
    mod.out_data_o(mod_data);

    Checker chk("checker");
    PeStimulus stim(kA, kW, seed);
    chk.txns = stim.directed();
    const std::vector<pe_input> random = stim.random_stream(n);
    chk.txns.insert(chk.txns.end(), random.begin(), random.end());
    chk.expected = pe_golden_outputs(pe_golden_make(kA, kW), chk.txns);
    chk.seed = seed;
    chk.clk(clk);
    chk.rst_n(rst_n);
    chk.in_valid(in_valid);
    chk.in_first(in_first);
    chk.in_last(in_last);
    chk.out_ready(out_ready);
    chk.a_scale(a_scale);
    chk.w_scale(w_scale);
    chk.a_codes(a_codes);
    chk.w_codes(w_codes);
    chk.rtl_in_ready(rtl_in_ready);
    chk.rtl_out_valid(rtl_out_valid);
    chk.mod_in_ready(mod_in_ready);
    chk.mod_out_valid(mod_out_valid);
    chk.rtl_data(rtl_data);
    chk.mod_data(mod_data);

    if (cosim_run_traced(rtl, args.wave, chk.failed, "PE") != 0) {
        return 1;
    }
    std::printf("PE co-simulation: %zu transactions in, %zu outputs matched (RTL = C model = golden)\n",
                chk.txns.size(), chk.checked);
    return 0;
}
