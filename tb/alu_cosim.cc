// SystemC co-simulation: the Verilated mx_alu (elementwise format fp8) beside
// the C model wrapper, driven by one transaction stream (directed corners
// first, then random chunks of every operation, reduction rows and random
// mixes) with input gaps and output back-pressure. Every cycle compares
// in_ready/out_valid/out_data of both; every output transaction is also
// checked against the golden library. The first mismatch prints the
// transaction (output index, with the input that made it), the cycle and
// both values and keeps the FST waveform; exit status 1. A clean run deletes
// the waveform.
//
//   alu_cosim <waveform.fst> [transactions] [seed]
#include "cosim_main.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include ALU_VTOP_HEADER
#include "alu_golden.h"
#include "alu_model_sc.h"
#include "alu_stimulus.h"

namespace {

std::string hex(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%x", v);
    return buf;
}

std::string describe(size_t index, const alu_input &t)
{
    return "input " + std::to_string(index) + ": op " + std::to_string(t.op) + ", a " + hex(t.a) +
           ", b " + hex(t.b) + ", first " + std::to_string(t.first) + ", last " +
           std::to_string(t.last);
}

// n random transactions in chunks of one kind, so that runs of one operation
// (back to back through the pipeline) alternate with mixes and reduction rows.
std::vector<alu_input> random_stream(AluStimulus &stim, size_t n, uint64_t seed)
{
    std::mt19937_64 rng(seed ^ 0xa1u);
    const mx_alu_op binary[] = {MX_ALU_ADD, MX_ALU_SUB, MX_ALU_MUL, MX_ALU_DIV, MX_ALU_MAX};
    const mx_alu_op unary[] = {MX_ALU_RELU, MX_ALU_EXP, MX_ALU_LOG};
    std::vector<alu_input> v;
    while (v.size() < n) {
        const size_t len = 16 + rng() % 48;
        std::vector<alu_input> chunk;
        switch (rng() % 5) {
        case 0: chunk = stim.random_pairs({binary[rng() % 5]}, len); break;
        case 1: chunk = stim.random_pairs({unary[rng() % 3]}, len); break;
        case 2: chunk = stim.quant_random(len); break;
        case 3: chunk = stim.reductions(1 + rng() % 3); break;
        default: chunk = stim.random_mix(len); break;
        }
        v.insert(v.end(), chunk.begin(), chunk.end());
    }
    v.resize(n);  // a row cut short emits nothing, in all three
    return v;
}

SC_MODULE(Checker) {
    sc_in<bool> clk;
    sc_out<bool> rst_n, in_valid, in_first, in_last, out_ready;
    sc_out<uint32_t> in_op, in_a, in_b;
    sc_in<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;
    sc_in<uint32_t> rtl_data, mod_data;

    std::vector<alu_input> txns;
    std::vector<uint32_t> expected;  // golden, one per emitting transaction
    std::vector<size_t> source;      // the input index of each expected output
    uint32_t mask = 0;               // the code bits of E
    uint64_t seed = 1;
    bool failed = false;
    size_t checked = 0;

    SC_CTOR(Checker) { SC_THREAD(run); }

    void fail(size_t txn, uint64_t cycle, const std::string &what)
    {
        std::printf("ALU co-simulation MISMATCH: transaction %zu, cycle %llu: %s\n", txn,
                    static_cast<unsigned long long>(cycle), what.c_str());
        failed = true;
    }

    void run()
    {
        std::mt19937_64 rng(seed ^ 0x5eedu);
        std::bernoulli_distribution gap(0.2), stall(0.25);
        // Generous: a stuck handshake in both sides would otherwise hang.
        const uint64_t limit = 8 * static_cast<uint64_t>(txns.size()) + 100;
        size_t next = 0, out = 0;
        rst_n.write(true);  // a falling rst_ni edge resets both sides
        wait(clk.negedge_event());
        rst_n.write(false);
        wait(clk.negedge_event());
        rst_n.write(true);
        bool cur_valid = false;
        for (uint64_t cycle = 0; (out < expected.size() || next < txns.size()) && !failed; cycle++) {
            if (cycle > limit) {
                fail(out, cycle, "timeout, " + std::to_string(next) + " inputs accepted");
                break;
            }
            wait(clk.negedge_event());
            if (!cur_valid && next < txns.size() && !gap(rng)) {
                const alu_input &t = txns[next];
                in_op.write(t.op);
                in_first.write(t.first);
                in_last.write(t.last);
                in_a.write(t.a);
                in_b.write(t.b & mask);
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
                         std::to_string(mod_out_valid.read()) + " (next " +
                         describe(next, txns[next < txns.size() ? next : txns.size() - 1]) + ")");
                break;
            }
            if (rtl_out_valid.read()) {
                if (out >= expected.size()) {
                    fail(out, cycle, "an output beyond the " + std::to_string(expected.size()) +
                                         " expected");
                    break;
                }
                const uint32_t r = rtl_data.read(), m = mod_data.read();
                const std::string from = " (" + describe(source[out], txns[source[out]]) + ")";
                if (r != m) {
                    fail(out, cycle, "out_data rtl " + hex(r) + " model " + hex(m) + from);
                    break;
                }
                if (ready_out) {
                    if (m != expected[out]) {
                        fail(out, cycle, "out_data model " + hex(m) + " golden " + hex(expected[out]) + from);
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
    if (!cosim_parse_args(argc, argv, "alu_cosim", "transactions", &args)) {
        return 2;
    }
    const size_t n = args.count;
    const uint64_t seed = args.seed;
    Verilated::commandArgs(argc, argv);
    Verilated::traceEverOn(true);

    mx_format fmt;
    if (mx_format_from_name(ALU_FORMAT, &fmt, nullptr, 0) != 0) {
        std::fprintf(stderr, "alu_cosim: unknown format %s\n", ALU_FORMAT);
        return 2;
    }

    sc_clock clk("clk", 10, SC_NS, 0.5, 5, SC_NS, true);
    sc_signal<bool> rst_n, in_valid, in_first, in_last, out_ready;
    sc_signal<uint32_t> in_op, in_a, in_b, rtl_data, mod_data;
    sc_signal<bool> rtl_in_ready, rtl_out_valid, mod_in_ready, mod_out_valid;

    ALU_VTOP rtl("rtl");
    rtl.clk_i(clk);
    rtl.rst_ni(rst_n);
    rtl.in_valid_i(in_valid);
    rtl.in_ready_o(rtl_in_ready);
    rtl.in_op_i(in_op);
    rtl.in_first_i(in_first);
    rtl.in_last_i(in_last);
    rtl.in_a_i(in_a);
    rtl.in_b_i(in_b);
    rtl.out_valid_o(rtl_out_valid);
    rtl.out_ready_i(out_ready);
    rtl.out_data_o(rtl_data);

    AluModelSc mod("model", fmt);
    mod.clk_i(clk);
    mod.rst_ni(rst_n);
    mod.in_valid_i(in_valid);
    mod.in_ready_o(mod_in_ready);
    mod.in_op_i(in_op);
    mod.in_first_i(in_first);
    mod.in_last_i(in_last);
    mod.in_a_i(in_a);
    mod.in_b_i(in_b);
    mod.out_valid_o(mod_out_valid);
    mod.out_ready_i(out_ready);
    mod.out_data_o(mod_data);

    Checker chk("checker");
    AluStimulus stim(fmt, seed);
    // Directed: specials (signed zeros, subnormals, max, Inf, NaN) through
    // every operation and reduction, every code, QUANT around every value.
    chk.txns = stim.corners();
    for (const std::vector<alu_input> &d : {stim.every_code(), stim.quant_around_values()}) {
        chk.txns.insert(chk.txns.end(), d.begin(), d.end());
    }
    const std::vector<alu_input> random = random_stream(stim, n, seed);
    chk.txns.insert(chk.txns.end(), random.begin(), random.end());
    chk.expected = alu_golden_outputs(fmt, chk.txns);
    for (size_t i = 0; i < chk.txns.size(); i++) {
        if (alu_emits(chk.txns[i])) {
            chk.source.push_back(i);
        }
    }
    chk.mask = (1u << fmt.storage_bits) - 1u;
    chk.seed = seed;
    chk.clk(clk);
    chk.rst_n(rst_n);
    chk.in_valid(in_valid);
    chk.in_first(in_first);
    chk.in_last(in_last);
    chk.out_ready(out_ready);
    chk.in_op(in_op);
    chk.in_a(in_a);
    chk.in_b(in_b);
    chk.rtl_in_ready(rtl_in_ready);
    chk.rtl_out_valid(rtl_out_valid);
    chk.mod_in_ready(mod_in_ready);
    chk.mod_out_valid(mod_out_valid);
    chk.rtl_data(rtl_data);
    chk.mod_data(mod_data);

    if (cosim_run_traced(rtl, args.wave, chk.failed, "ALU") != 0) {
        return 1;
    }
    std::printf("ALU co-simulation (%s): %zu transactions in, %zu outputs matched (RTL = C model = golden)\n",
                ALU_FORMAT, chk.txns.size(), chk.checked);
    return 0;
}
