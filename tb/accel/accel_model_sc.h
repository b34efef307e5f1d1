// The accelerator's C model (model/accel/accel.h) as an SC_MODULE beside
// the Verilated top. The model computes a run at once; through its trace
// hook (accel_model_set_trace) the module records what every cycle did —
// each counter's increment, each DRAM write beat — and replays the run in
// lock step with the clock: after the clock edge ending run cycle t,
// counters() holds the model's counters at the end of cycle t.
#ifndef MXACCEL_TB_ACCEL_MODEL_SC_H
#define MXACCEL_TB_ACCEL_MODEL_SC_H

#include <systemc.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "accel.h"

SC_MODULE(AccelModelSc) {
    struct Write {
        uint64_t cycle;
        uint32_t addr;
        std::vector<uint8_t> data;
    };
    static constexpr int kFields = ACCEL_COUNTER_COUNT;

    sc_in<bool> clk_i;

    AccelModelSc(sc_module_name name, const accel_program &p) : sc_module(name)
    {
        char err[512];
        m_ = accel_model_create(&p, err, sizeof err);
        if (!m_) {
            throw std::runtime_error(err);
        }
        SC_METHOD(step);
        sensitive << clk_i.pos();
        dont_initialize();
    }
    SC_HAS_PROCESS(AccelModelSc);
    ~AccelModelSc() override { accel_model_destroy(m_); }

    // Run the model on the images (recorded), and replay from the next
    // clock edge on: the edge ending run cycle 0 is the first after start().
    void prepare(const uint8_t *images, uint32_t *codes)
    {
        cycles_.clear();
        writes_.clear();
        std::memset(&last_, 0, sizeof last_);
        accel_trace t{this, &AccelModelSc::on_cycle, &AccelModelSc::on_write};
        accel_model_set_trace(m_, &t);
        std::vector<float> lp(std::size_t(10) * 64);
        accel_model_run(m_, images, lp.data(), codes, &final_);
        accel_model_set_trace(m_, nullptr);
        std::memset(&now_, 0, sizeof now_);
        at_ = 0;
        playing_ = false;
    }
    void start() { playing_ = true; }

    const accel_counters &counters() const { return now_; }
    const accel_counters &final_counters() const { return final_; }
    uint64_t cycles() const { return cycles_.size(); }
    uint64_t replayed() const { return at_; }
    const std::vector<Write> &writes() const { return writes_; }

  private:
    struct Cycle {
        uint8_t layer;
        uint32_t inc[kFields];
    };

    static void on_cycle(void *ctx, uint64_t, const accel_counters *c)
    {
        auto *self = static_cast<AccelModelSc *>(ctx);
        Cycle y{};
        y.layer = ACCEL_LAYER_COUNT;
        for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
            for (int f = 0; f < kFields; f++) {
                const uint64_t a = accel_counter_get(&c->layer[l], f);
                const uint64_t b = accel_counter_get(&self->last_.layer[l], f);
                if (a != b) {
                    // one descriptor, one layer per cycle
                    y.layer = uint8_t(l);
                    y.inc[f] = uint32_t(a - b);
                }
            }
        }
        self->last_ = *c;
        self->cycles_.push_back(y);
    }

    static void on_write(void *ctx, uint64_t cycle, uint32_t addr, const uint8_t *data, uint32_t n)
    {
        static_cast<AccelModelSc *>(ctx)->writes_.push_back({cycle, addr, {data, data + n}});
    }

    void step()
    {
        if (!playing_ || at_ >= cycles_.size()) {
            return;
        }
        const Cycle &y = cycles_[at_++];
        if (y.layer < ACCEL_LAYER_COUNT) {
            accel_layer_counters *a = &now_.layer[y.layer];
            for (int f = 0; f < kFields; f++) {
                accel_counter_set(a, f, accel_counter_get(a, f) + y.inc[f]);
            }
        }
        now_.cycles = at_;
    }

    accel_model *m_ = nullptr;
    std::vector<Cycle> cycles_;
    std::vector<Write> writes_;
    accel_counters last_{}, now_{}, final_{};
    std::size_t at_ = 0;
    bool playing_ = false;
};

#endif
