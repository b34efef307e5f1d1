// The Verilated accelerator top (rtl/accel/mx_accel.v) with its DRAM
// (accel_dram.h), driven like the C model: load a layer program, then run
// images and read back the log-probability codes and the counters. V is the
// Verilated class of one configuration (its parameters fixed at Verilation).
#ifndef MXACCEL_TB_ACCEL_RTL_H
#define MXACCEL_TB_ACCEL_RTL_H

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <verilated.h>

#include "accel.h"
#include "accel_dram.h"
#include "program.h"

namespace accel_tb {

// Bytes into and out of a Verilated port of any width.
template <std::size_t N>
inline void put_bytes(VlWide<N> &port, const uint8_t *b, std::size_t n)
{
    for (std::size_t w = 0; w < N; w++) {
        uint32_t v = 0;
        for (std::size_t k = 0; k < 4 && 4 * w + k < n; k++) {
            v |= uint32_t(b[4 * w + k]) << (8 * k);
        }
        port[w] = v;
    }
}
template <class T>
inline void put_bytes(T &port, const uint8_t *b, std::size_t n)
{
    uint64_t v = 0;
    for (std::size_t k = 0; k < n && k < 8; k++) {
        v |= uint64_t(b[k]) << (8 * k);
    }
    port = static_cast<T>(v);
}
template <std::size_t N>
inline void get_bytes(const VlWide<N> &port, uint8_t *b, std::size_t n)
{
    for (std::size_t k = 0; k < n; k++) {
        b[k] = uint8_t(port[k / 4] >> (8 * (k % 4)));
    }
}
template <class T>
inline void get_bytes(const T &port, uint8_t *b, std::size_t n)
{
    for (std::size_t k = 0; k < n; k++) {
        b[k] = uint8_t(uint64_t(port) >> (8 * k));
    }
}

template <class V>
class AccelRtl {
  public:
    // Called after the clock edge ending each cycle of a run: (run cycle,
    // the top, that cycle's DRAM beat, a write beat's data).
    using CycleHook = std::function<void(uint64_t, V &, const AccelDram::Beat &, const uint8_t *)>;

    explicit AccelRtl(const accel_program &p) : p_(p)
    {
        // the DRAM image holds the descriptor table the controller loads
        std::vector<uint8_t> image(p.dram, p.dram + p.dram_bytes);
        dram_ = std::make_unique<AccelDram>(std::move(image), uint32_t(p.hw.dram_bytes_per_cycle),
                                            uint32_t(p.hw.dram_latency));
        ctx_ = std::make_unique<VerilatedContext>();
        top_ = std::make_unique<V>(ctx_.get(), "accel");
        top_->clk_i = 0;
        top_->rst_ni = 1;
        top_->eval();
        top_->rst_ni = 0;  // a falling rst_ni resets
        top_->eval();
        top_->rst_ni = 1;
        top_->eval();
        load_program();
    }

    V &top() { return *top_; }
    VerilatedContext &context() { return *ctx_; }
    void set_hook(CycleHook h) { hook_ = std::move(h); }

    // Run the program on its images: input is what the host writes into the
    // DRAM image's input area (p.images * p.input_stride bytes of E codes,
    // accel_encode_images); codes receives [images][10] log-probability codes.
    void run(const uint8_t *input, uint32_t *codes, accel_counters *c)
    {
        const unsigned ew = p_.elem.storage_bits <= 8 ? 1u : 2u;  // accel_elem_bytes
        std::vector<uint8_t> &mem = dram_->mem();
        std::memcpy(&mem[p_.input_dram], input, std::size_t(p_.images) * p_.input_stride);
        top_->run_i = 1;
        top_->eval();
        cycle(false);
        top_->run_i = 0;
        top_->eval();
        uint64_t n = 0;
        while (top_->busy_o) {
            cycle(true, n++);
            if (n > kMaxCycles) {
                throw std::runtime_error("the RTL run did not end within " +
                                         std::to_string(kMaxCycles) + " cycles");
            }
        }
        for (uint32_t i = 0; i < p_.images; i++) {
            const uint8_t *src = &mem[p_.output_dram + std::size_t(i) * p_.output_stride];
            for (int k = 0; k < 10; k++) {
                codes[i * 10 + k] = ew == 2 ? uint32_t(src[2 * k]) | uint32_t(src[2 * k + 1]) << 8
                                            : src[k];
            }
        }
        read_counters(c);
    }

    void read_counters(accel_counters *c)
    {
        std::memset(c, 0, sizeof *c);
        for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
            for (int k = 0; k < ACCEL_COUNTER_COUNT; k++) {
                top_->csr_addr_i = uint8_t(16 * l + k);
                top_->eval();
                accel_counter_set(&c->layer[l], k, top_->csr_data_o);
            }
        }
        top_->csr_addr_i = uint8_t(16 * ACCEL_LAYER_COUNT);
        top_->eval();
        c->cycles = top_->csr_data_o;
    }

  private:
    static constexpr uint64_t kMaxCycles = 100000000;

    void load_program()
    {
        top_->load_i = 1;
        top_->prog_dram_i = p_.desc_dram;
        top_->prog_count_i = uint32_t(p_.n_descs);
        top_->eval();
        cycle(false);
        top_->load_i = 0;
        top_->eval();
        uint64_t n = 0;
        while (top_->busy_o) {
            cycle(false);
            if (++n > kMaxCycles) {
                throw std::runtime_error("the RTL did not load its program");
            }
        }
    }

    // One clock cycle: the DMA's request, the DRAM's beat, the edge. The
    // top's outputs are this cycle's when it starts: the state after the
    // last edge with the host's inputs, settled by the caller's eval() when
    // it changed them. Two evaluations a cycle: the beat's inputs with the
    // clock low (the request does not depend on them: a DRAM of latency 0
    // beats in the cycle of its request), then the rising edge.
    void cycle(bool in_run, uint64_t run_cycle = 0)
    {
        if (top_->dram_req_valid_o) {
            dram_->request(now_, top_->dram_req_write_o, top_->dram_req_addr_o,
                           top_->dram_req_bytes_o);
        }
        uint8_t rd[1024], wr[1024];
        const AccelDram::Beat b = dram_->beat(now_, rd);
        top_->dram_beat_i = b.valid;
        put_bytes(top_->dram_rd_data_i, rd, std::size_t(p_.hw.dram_bytes_per_cycle));
        top_->clk_i = 0;
        top_->eval();
        if (b.valid) {
            get_bytes(top_->dram_wr_data_o, wr, std::size_t(p_.hw.dram_bytes_per_cycle));
            dram_->commit(b, wr);
        }
        top_->clk_i = 1;
        top_->eval();
        if (in_run && hook_) {
            hook_(run_cycle, *top_, b, wr);
        }
        now_++;
    }

    const accel_program &p_;
    std::unique_ptr<AccelDram> dram_;
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<V> top_;
    CycleHook hook_;
    uint64_t now_ = 0;
};

}  // namespace accel_tb

#endif
