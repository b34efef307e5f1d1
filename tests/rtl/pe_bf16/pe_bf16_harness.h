// Runs a transaction stream through a Verilated bfloat16 PE and the C model
// in lockstep, comparing in_ready_o, out_valid_o and out_data_o every cycle.
#ifndef MXACCEL_TESTS_PE_BF16_HARNESS_H
#define MXACCEL_TESTS_PE_BF16_HARNESS_H

#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <verilated.h>
#ifdef PE_BF16_COVERAGE_DIR
#include <unistd.h>
#include <verilated_cov.h>
#endif

#include "pe_bf16.h"

struct PeBf16RunOptions {
    double gap = 0.0;    // probability that in_valid_i drops for a cycle
    double stall = 0.0;  // probability that out_ready_i is low for a cycle
    uint64_t seed = 1;
};

struct PeBf16RunResult {
    std::vector<uint32_t> outputs;     // out_data_o of each output transfer
    std::vector<uint64_t> out_cycles;  // cycle of each output transfer
    std::vector<uint64_t> in_cycles;   // cycle each input was accepted
    uint64_t cycles = 0;
    std::string mismatch;              // first RTL/model difference, if any
};

// Element i at bits [16i, 16i + 16) of the port.
template <std::size_t Words>
void pe_bf16_put_codes(VlWide<Words> &port, const uint16_t *codes)
{
    static_assert(Words * 2 == PE_BF16_N, "port width");
    for (std::size_t k = 0; k < Words; k++) {
        port[k] = (uint32_t)codes[2 * k] | (uint32_t)codes[2 * k + 1] << 16;
    }
}

template <class V>
PeBf16RunResult pe_bf16_run(int guard, const std::vector<pe_bf16_input> &txns,
                            const PeBf16RunOptions &opt)
{
    PeBf16RunResult res;
    auto ctx = std::make_unique<VerilatedContext>();
    // The instance name keeps the coverage points of each guard width apart.
    const std::string name = "g" + std::to_string(guard);
    auto top = std::make_unique<V>(ctx.get(), name.c_str());
    pe_bf16_model m;
    if (pe_bf16_init(&m, guard) != 0) {
        res.mismatch = "pe_bf16_init failed";
        return res;
    }
    size_t expected = 0;
    for (const pe_bf16_input &t : txns) {
        expected += t.last ? 1 : 0;
    }
    std::mt19937_64 rng(opt.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);

    // An asynchronous reset pulse: a falling rst_ni edge, then release.
    top->clk_i = 0;
    top->in_valid_i = 0;
    top->out_ready_i = 0;
    top->rst_ni = 1;
    top->eval();
    top->rst_ni = 0;
    top->eval();
    top->rst_ni = 1;
    top->eval();

    size_t next = 0;
    const uint64_t limit = 40 * (uint64_t)txns.size() + 100;
    const pe_bf16_input idle = {};
    for (uint64_t cyc = 0; res.outputs.size() < expected || next < txns.size(); cyc++) {
        if (cyc > limit) {
            res.mismatch = "timeout";
            return res;
        }
        const bool in_valid = next < txns.size() && !(u(rng) < opt.gap);
        const bool out_ready = !(u(rng) < opt.stall);
        pe_bf16_input in = in_valid ? txns[next] : idle;
        in.valid = in_valid;

        top->in_valid_i = in_valid;
        top->in_first_i = in.first;
        top->in_last_i = in.last;
        pe_bf16_put_codes(top->a_codes_i, in.a_codes);
        pe_bf16_put_codes(top->w_codes_i, in.w_codes);
        top->out_ready_i = out_ready;
        top->clk_i = 0;
        top->eval();

        bool m_valid = false;
        uint32_t m_data = 0;
        pe_bf16_outputs(&m, &m_valid, &m_data);
        const bool m_ready = pe_bf16_ready(&m, out_ready);
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
        pe_bf16_clock(&m, &in, out_ready);
        top->clk_i = 1;
        top->eval();
        res.cycles = cyc + 1;
    }
    top->final();
#ifdef PE_BF16_COVERAGE_DIR
    // Coverage build: one data file per run, merged by scripts/coverage.sh.
    static int serial = 0;
    const std::string path = std::string(PE_BF16_COVERAGE_DIR) + "/pe_bf16_" + name + "_" +
                             std::to_string(::getpid()) + "_" + std::to_string(serial++) + ".dat";
    ctx->coveragep()->write(path.c_str());
#endif
    return res;
}

#endif
