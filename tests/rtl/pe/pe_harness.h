// Runs a transaction stream through a Verilated PE and the C model in
// lockstep, comparing in_ready_o, out_valid_o and out_data_o every cycle.
#ifndef MXACCEL_TESTS_PE_HARNESS_H
#define MXACCEL_TESTS_PE_HARNESS_H

#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <verilated.h>
#ifdef PE_COVERAGE_DIR
#include <unistd.h>
#include <verilated_cov.h>
#endif

#include "pe.h"

struct PeRunOptions {
    double gap = 0.0;    // probability that in_valid_i drops for a cycle
    double stall = 0.0;  // probability that out_ready_i is low for a cycle
    uint64_t seed = 1;
};

struct PeRunResult {
    std::vector<uint32_t> outputs;      // out_data_o of each output transfer
    std::vector<uint64_t> out_cycles;   // cycle of each output transfer
    std::vector<uint64_t> in_cycles;    // cycle each input was accepted
    uint64_t cycles = 0;
    std::string mismatch;               // first RTL/model difference, if any
};

// Element i of a block at bits [i*cw, (i+1)*cw) of the port.
template <std::size_t Words>
void pe_put_codes(VlWide<Words> &port, const uint8_t *codes, int cw)
{
    for (std::size_t k = 0; k < Words; k++) {
        port[k] = 0;
    }
    for (int i = 0; i < PE_N; i++) {
        const uint64_t c = codes[i] & ((1u << cw) - 1u);
        const int bit = i * cw;
        const uint64_t two = c << (bit % 32);
        port[(std::size_t)bit / 32] |= (uint32_t)two;
        if ((bit % 32) + cw > 32) {
            port[(std::size_t)bit / 32 + 1] |= (uint32_t)(two >> 32);
        }
    }
}

inline void pe_put_codes(QData &port, const uint8_t *codes, int cw)
{
    port = 0;
    for (int i = 0; i < PE_N; i++) {
        port |= (QData)(codes[i] & ((1u << cw) - 1u)) << (i * cw);
    }
}

template <class V>
PeRunResult pe_run(mx_format_id a, mx_format_id w, const std::vector<pe_input> &txns,
                   const PeRunOptions &opt)
{
    PeRunResult res;
    auto ctx = std::make_unique<VerilatedContext>();
    // The instance name keeps the coverage points of each format pair apart.
    const std::string name = "pe_a" + std::to_string((int)a) + "_w" + std::to_string((int)w);
    auto top = std::make_unique<V>(ctx.get(), name.c_str());
    pe_model m;
    if (pe_init(&m, a, w) != 0) {
        res.mismatch = "pe_init failed";
        return res;
    }
    const int a_cw = m.a_fmt.storage_bits, w_cw = m.w_fmt.storage_bits;
    size_t expected = 0;
    for (const pe_input &t : txns) {
        expected += t.last ? 1 : 0;
    }
    std::mt19937_64 rng(opt.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);

    // An asynchronous reset pulse: a falling rst_ni edge, then release.
    top->clk_i = 0;
    top->rst_ni = 1;
    top->in_valid_i = 0;
    top->out_ready_i = 0;
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->eval();

    size_t next = 0;
    const uint64_t limit = 40 * (uint64_t)txns.size() + 100;
    pe_input idle = {};
    for (uint64_t cyc = 0; res.outputs.size() < expected || next < txns.size(); cyc++) {
        if (cyc > limit) {
            res.mismatch = "timeout";
            return res;
        }
        const bool in_valid = next < txns.size() && !(u(rng) < opt.gap);
        const bool out_ready = !(u(rng) < opt.stall);
        pe_input in = in_valid ? txns[next] : idle;
        in.valid = in_valid;

        top->in_valid_i = in_valid;
        top->in_first_i = in.first;
        top->in_last_i = in.last;
        top->a_scale_i = in.a_scale;
        top->w_scale_i = in.w_scale;
        pe_put_codes(top->a_codes_i, in.a_codes, a_cw);
        pe_put_codes(top->w_codes_i, in.w_codes, w_cw);
        top->out_ready_i = out_ready;
        top->clk_i = 0;
        top->eval();

        bool m_valid = false;
        uint32_t m_data = 0;
        pe_outputs(&m, &m_valid, &m_data);
        const bool m_ready = pe_ready(&m, out_ready);
        const bool r_valid = top->out_valid_o, r_ready = top->in_ready_o;
        const uint32_t r_data = top->out_data_o;
        if (r_valid != m_valid || r_ready != m_ready || (r_valid && r_data != m_data)) {
            std::ostringstream os;
            os << "cycle " << cyc << ": rtl valid/ready/data " << r_valid << "/" << r_ready << "/0x"
               << std::hex << r_data << ", model " << m_valid << "/" << m_ready << "/0x" << m_data;
            res.mismatch = os.str();
            return res;
        }
        if (r_valid && out_ready) {
            res.outputs.push_back(r_data);
            res.out_cycles.push_back(cyc);
        }
        if (in_valid && r_ready) {
            res.in_cycles.push_back(cyc);
            next++;
        }
        pe_clock(&m, &in, out_ready);
        top->clk_i = 1;
        top->eval();
        res.cycles = cyc + 1;
    }
    top->final();
#ifdef PE_COVERAGE_DIR
    // Coverage build: one data file per run, merged by scripts/coverage.sh.
    static int serial = 0;
    const std::string path = std::string(PE_COVERAGE_DIR) + "/" + name + "_" +
                             std::to_string(::getpid()) + "_" + std::to_string(serial++) + ".dat";
    ctx->coveragep()->write(path.c_str());
#endif
    return res;
}

#endif
