// Runs a transaction stream through a Verilated ALU and the C model in
// lockstep, comparing in_ready_o, out_valid_o and out_data_o every cycle.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <verilated.h>
#ifdef ALU_COVERAGE_DIR
#include <unistd.h>
#include <verilated_cov.h>
#endif

#include "alu.h"

struct AluRunOptions {
    double gap = 0.0;   // probability that in_valid_i drops for a cycle
    double stall = 0.0; // probability that out_ready_i is low for a cycle
    uint64_t seed = 1;
};

struct AluRunResult {
    std::vector<uint32_t> outputs;    // out_data_o of each output transfer
    std::vector<uint64_t> out_cycles; // cycle of each output transfer
    std::vector<uint64_t> in_cycles;  // cycle each input was accepted
    uint64_t cycles = 0;
    std::string mismatch;             // first RTL/model difference, if any
};

// One Verilated ALU and its C model, kept across runs (the tables are built
// once); each run starts from a reset.
template <class V> class AluHarness {
public:
    explicit AluHarness(const mx_format &e)
        : ctx_(new VerilatedContext), top_(new V(ctx_.get(), "alu")), fmt_name_(e.name)
    {
        ok_ = alu_init(&m_, &e) == 0;
    }
    ~AluHarness()
    {
        top_->final();
#ifdef ALU_COVERAGE_DIR
        // Coverage build: one data file per harness, merged by scripts/coverage.sh.
        static int serial = 0;
        const std::string path = std::string(ALU_COVERAGE_DIR) + "/alu_" + fmt_name_ + "_" +
                                 std::to_string(::getpid()) + "_" + std::to_string(serial++) + ".dat";
        ctx_->coveragep()->write(path.c_str());
#endif
        alu_free(&m_);
    }
    AluHarness(const AluHarness &) = delete;
    AluHarness &operator=(const AluHarness &) = delete;

    AluRunResult run(const std::vector<alu_input> &txns, const AluRunOptions &opt)
    {
        AluRunResult res;
        if (!ok_) {
            res.mismatch = "alu_init failed";
            return res;
        }
        size_t expected = 0;
        for (const alu_input &t : txns) {
            expected += (t.op != MX_ALU_RMAX && t.op != MX_ALU_RSUM) || t.last;
        }
        res.outputs.reserve(expected);
        res.out_cycles.reserve(expected);
        res.in_cycles.reserve(txns.size());
        const uint32_t bmask = (1u << m_.width) - 1u;
        std::mt19937_64 rng(opt.seed);
        std::uniform_real_distribution<double> u(0.0, 1.0);

        // An asynchronous reset pulse, in both.
        top_->clk_i = 0;
        top_->in_valid_i = 0;
        top_->out_ready_i = 0;
        top_->rst_ni = 1;
        top_->eval();
        top_->rst_ni = 0;
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
        alu_reset(&m_);

        size_t next = 0;
        const uint64_t limit = 40 * static_cast<uint64_t>(txns.size()) + 100;
        const alu_input idle = {};
        for (uint64_t cyc = 0; res.outputs.size() < expected || next < txns.size(); cyc++) {
            if (cyc > limit) {
                res.mismatch = "timeout";
                return res;
            }
            const bool in_valid = next < txns.size() && !(opt.gap > 0 && u(rng) < opt.gap);
            const bool out_ready = !(opt.stall > 0 && u(rng) < opt.stall);
            alu_input in = in_valid ? txns[next] : idle;
            in.valid = in_valid;

            top_->in_valid_i = in_valid;
            top_->in_op_i = in.op;
            top_->in_first_i = in.first;
            top_->in_last_i = in.last;
            top_->in_a_i = in.a;
            top_->in_b_i = in.b & bmask;
            top_->out_ready_i = out_ready;
            top_->clk_i = 0;
            top_->eval();

            bool m_valid = false;
            uint32_t m_data = 0;
            alu_outputs(&m_, &m_valid, &m_data);
            const bool m_ready = alu_ready(&m_, out_ready);
            const bool r_valid = top_->out_valid_o, r_ready = top_->in_ready_o;
            const uint32_t r_data = top_->out_data_o;
            if (r_valid != m_valid || r_ready != m_ready || (r_valid && r_data != m_data)) {
                std::ostringstream os;
                os << "cycle " << cyc << " (input " << next << "): rtl valid/ready/data " << r_valid
                   << "/" << r_ready << "/0x" << std::hex << r_data << ", model " << m_valid << "/"
                   << m_ready << "/0x" << m_data;
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
            alu_clock(&m_, &in, out_ready);
            top_->clk_i = 1;
            top_->eval();
            res.cycles = cyc + 1;
        }
        return res;
    }

private:
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<V> top_;
    std::string fmt_name_;
    alu_model m_{};
    bool ok_ = false;
};
