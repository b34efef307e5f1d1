// Drives the Verilated seu_all top (24 SEU variants) and 24 cycle-level C
// models with one stimulus, cycle by cycle, and checks every cycle:
// in_ready, out_valid and output data of RTL against the C model, every
// output transaction against the golden library, and its timing.
#ifndef MXACCEL_TESTS_SEU_DRIVER_H
#define MXACCEL_TESTS_SEU_DRIVER_H

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "seu.h"
#include "seu_golden.h"
#include "verilated.h"
#ifdef SEU_COVERAGE_DIR
#include <unistd.h>

#include "verilated_cov.h"
#endif

namespace seu_test {

struct Traffic {
    double p_gap = 0.0;   // probability that in_valid is low in a cycle
    double p_stall = 0.0; // probability that out_ready is low in a cycle
    uint64_t seed = 1;
};

template <class VTop> class SeuDriver {
public:
    explicit SeuDriver(const mx_format &in) : in_(in), ctx_(new VerilatedContext)
    {
        top_.reset(new VTop{ctx_.get()});
        for (int v = 0; v < kVariants; v++) {
            if (seu_init(&models_[v], &in, variant_format(v), variant_round(v)) != 0) {
                throw std::runtime_error("seu_init failed");
            }
            ocw_[v] = mx_format_mx_elements(nullptr)[v / 3].storage_bits;
        }
        // An asynchronous reset pulse: a falling rst_ni edge, then release.
        top_->rst_ni = 1;
        top_->clk_i = 0;
        top_->in_valid_i = 0;
        top_->out_ready_i = 1;
        top_->eval();
        top_->rst_ni = 0;
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
    }

    ~SeuDriver()
    {
        top_->final();
#ifdef SEU_COVERAGE_DIR
        // Coverage build: one data file per driver, merged by scripts/coverage.sh.
        static int serial = 0;
        const std::string path = std::string(SEU_COVERAGE_DIR) + "/seu_" + in_.name + "_" +
                                 std::to_string(::getpid()) + "_" + std::to_string(serial++) +
                                 ".dat";
        ctx_->coveragep()->write(path.c_str());
#endif
    }

    uint64_t cycles() const { return cycle_; }

    /**
     * Runs blocks through all variants; returns false after the first
     * mismatch (reported as a gtest failure).
     */
    bool run(const std::vector<Codes> &blocks, const Traffic &t)
    {
        const size_t n = blocks.size();
        std::vector<std::array<Result, kVariants>> expect(n);
        for (size_t b = 0; b < n; b++) {
            for (int v = 0; v < kVariants; v++) {
                expect[b][v] = golden_block(in_, v, blocks[b]);
            }
        }
        std::vector<uint64_t> accepted(n);
        std::array<size_t, kVariants> done{};
        std::mt19937_64 rng(t.seed);
        std::bernoulli_distribution gap(t.p_gap), stall(t.p_stall);
        const bool strict = t.p_stall == 0.0;
        size_t next = 0;
        const uint64_t limit = cycle_ + 8 * n + 64;
        for (;;) {
            bool all_done = true;
            for (int v = 0; v < kVariants; v++) {
                all_done = all_done && done[v] == n;
            }
            if (all_done) {
                return true;
            }
            if (cycle_ > limit) {
                ADD_FAILURE() << "SEU: no progress, cycle " << cycle_;
                return false;
            }
            const bool in_valid = next < n && !gap(rng);
            const bool out_ready = !stall(rng);
            seu_input in{};
            in.valid = in_valid;
            if (in_valid) {
                for (int i = 0; i < kN; i++) {
                    in.codes[i] = blocks[next][i];
                }
            }
            drive(in, out_ready);
            bool ready = false;
            for (int v = 0; v < kVariants; v++) {
                const bool r_rtl = (top_->in_ready_o >> v) & 1u;
                const bool r_mod = seu_ready(&models_[v], out_ready);
                ready = r_mod;
                const seu_output *o = seu_outputs(&models_[v]);
                const bool v_rtl = (top_->out_valid_o >> v) & 1u;
                if (r_rtl != r_mod || v_rtl != o->valid) {
                    ADD_FAILURE() << variant_name(v) << " cycle " << cycle_ << ": in_ready rtl "
                                  << r_rtl << " model " << r_mod << ", out_valid rtl " << v_rtl
                                  << " model " << o->valid;
                    return false;
                }
                if (!o->valid) {
                    continue;
                }
                const Result rtl = rtl_result(v);
                Result mod;
                mod.scale = o->scale;
                for (int i = 0; i < kN; i++) {
                    mod.codes[i] = o->codes[i];
                }
                const size_t b = done[v];
                if (b >= n) {
                    ADD_FAILURE() << variant_name(v) << " cycle " << cycle_ << ": extra output";
                    return false;
                }
                if (!(rtl == mod) || !(rtl == expect[b][v])) {
                    ADD_FAILURE() << variant_name(v) << " transaction " << b << " cycle "
                                  << cycle_ << "\n  rtl    " << to_string(rtl) << "\n  model  "
                                  << to_string(mod) << "\n  golden " << to_string(expect[b][v])
                                  << "\n  input " << codes_string(blocks[b]);
                    return false;
                }
                // Output timing: exactly LATENCY cycles after acceptance without
                // back-pressure; never earlier with it.
                const uint64_t due = accepted[b] + SEU_LATENCY;
                if (strict ? cycle_ != due : cycle_ < due) {
                    ADD_FAILURE() << variant_name(v) << " transaction " << b << " out at cycle "
                                  << cycle_ << ", accepted at " << accepted[b];
                    return false;
                }
                if (out_ready) {
                    done[v]++;
                }
            }
            if (in_valid && ready) {
                accepted[next++] = cycle_;
            }
            edge(in, out_ready);
        }
    }

    static std::string codes_string(const Codes &c)
    {
        std::string s;
        char buf[8];
        for (uint16_t x : c) {
            std::snprintf(buf, sizeof buf, " %x", x);
            s += buf;
        }
        return s;
    }

private:
    void drive(const seu_input &in, bool out_ready)
    {
        top_->clk_i = 0;
        top_->in_valid_i = in.valid;
        top_->out_ready_i = out_ready;
        const int w = in_.storage_bits;
        for (int k = 0; k < w; k++) { // 32 * w bits: w words
            top_->in_codes_i[k] = 0;
        }
        for (int i = 0; i < kN; i++) {
            for (int b = 0; b < w; b++) {
                const int pos = i * w + b;
                top_->in_codes_i[pos / 32] |= static_cast<uint32_t>((in.codes[i] >> b) & 1u)
                                              << (pos % 32);
            }
        }
        top_->eval();
    }

    void edge(const seu_input &in, bool out_ready)
    {
        top_->clk_i = 1;
        top_->eval();
        for (int v = 0; v < kVariants; v++) {
            seu_clock(&models_[v], &in, out_ready);
        }
        cycle_++;
    }

    Result rtl_result(int v) const
    {
        Result r;
        r.scale = static_cast<uint8_t>(top_->out_scale_o[v / 4] >> (8 * (v % 4)));
        for (int i = 0; i < kN; i++) {
            uint32_t c = 0;
            for (int b = 0; b < ocw_[v]; b++) {
                const int pos = v * 256 + i * ocw_[v] + b;
                c |= ((top_->out_codes_o[pos / 32] >> (pos % 32)) & 1u) << b;
            }
            r.codes[i] = static_cast<uint8_t>(c);
        }
        return r;
    }

    mx_format in_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<VTop> top_;
    seu_model models_[kVariants];
    int ocw_[kVariants];
    uint64_t cycle_ = 0;
};

} // namespace seu_test
#endif
