// The model's trace (accel.h, accel_model_set_trace) as a co-simulation sees
// it, against docs/accelerator.md ("Counters"): the cycle hook once at the end
// of every cycle of a run, numbered from 0, with the run's counters so far
// (the last call's equal to the run's); every counter non-decreasing from
// cycle to cycle and counting in the cycle of what it counts (exactly one
// layer's cycles per cycle, bytes only in cycles with a beat and at most a
// bus width, MACs only in cycles with a block step); and the STORE beats
// through the DRAM-write hook: consecutive bytes from the output area's
// start, counted in their own cycle, together exactly the output area and
// equal to the log-probability codes the run returns.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "accel.h"
#include "compile.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "params.h"
#include "program.h"

namespace {

struct Shared {
    mx_cnn_weights w{};
    mx_dataset test{};
    std::string error;
    Shared()
    {
        char err[512];
        if (mx_cnn_weights_load(MXACCEL_DEFAULT_WEIGHTS, &w, err, sizeof err) != 0) {
            error = std::string(MXACCEL_DEFAULT_WEIGHTS) + ": " + err;
        } else if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) != 0) {
            error = std::string("dataset: ") + err;
        }
    }
    ~Shared()
    {
        mx_dataset_free(&test);
        mx_cnn_weights_free(&w);
    }
};

const Shared &shared()
{
    static const Shared s;
    return s;
}

// Sum of one counter over the layers.
uint64_t total(const accel_counters &c, uint64_t accel_layer_counters::*f)
{
    uint64_t s = 0;
    for (const accel_layer_counters &l : c.layer) {
        s += l.*f;
    }
    return s;
}

// What the hooks saw; the first broken rule, if any.
struct Recorder {
    const accel_params *hw = nullptr;
    uint64_t calls = 0;
    accel_counters last{};
    uint64_t pending_write_bytes = 0; // of this cycle's STORE beats
    struct Beat {
        uint64_t cycle;
        uint32_t addr;
        std::vector<uint8_t> data;
    };
    std::vector<Beat> beats;
    std::string problem;

    void fail(uint64_t cycle, const std::string &what)
    {
        if (problem.empty()) {
            problem = "cycle " + std::to_string(cycle) + ": " + what;
        }
    }

    void cycle(uint64_t t, const accel_counters &c)
    {
        if (t != calls) {
            fail(t, "expected cycle number " + std::to_string(calls));
        }
        // every field of every layer: uint64_t counters, non-decreasing
        const uint64_t *now = reinterpret_cast<const uint64_t *>(&c);
        const uint64_t *before = reinterpret_cast<const uint64_t *>(&last);
        for (size_t i = 0; i < sizeof c / sizeof *now; i++) {
            if (now[i] < before[i]) {
                fail(t, "counter word " + std::to_string(i) + " went down");
            }
        }
        auto delta = [&](uint64_t accel_layer_counters::*f) { return total(c, f) - total(last, f); };
        if (delta(&accel_layer_counters::cycles) != 1 || c.cycles != t + 1) {
            fail(t, "not exactly one cycle counted");
        }
        const uint64_t bytes = delta(&accel_layer_counters::dram_read_bytes) +
                               delta(&accel_layer_counters::dram_write_bytes);
        const uint64_t beat = delta(&accel_layer_counters::dma_busy);
        if (beat > 1 || (bytes > 0) != (beat == 1) ||
            bytes > static_cast<uint64_t>(hw->dram_bytes_per_cycle)) {
            fail(t, std::to_string(bytes) + " DRAM bytes with " + std::to_string(beat) + " beats");
        }
        if (delta(&accel_layer_counters::dram_write_bytes) != pending_write_bytes) {
            fail(t, "DRAM write bytes differ from the cycle's STORE beats");
        }
        const uint64_t step = delta(&accel_layer_counters::array_busy);
        const uint64_t macs = delta(&accel_layer_counters::macs);
        const uint64_t peak = static_cast<uint64_t>(hw->rows) * static_cast<uint64_t>(hw->cols) * 32;
        if (step > 1 || (macs > 0) != (step == 1) || macs > peak) {
            fail(t, std::to_string(macs) + " MACs with " + std::to_string(step) + " block steps");
        }
        if (delta(&accel_layer_counters::seu_busy) > 1 || delta(&accel_layer_counters::alu_busy) > 1) {
            fail(t, "a busy counter moved by more than one");
        }
        last = c;
        pending_write_bytes = 0;
        calls++;
    }

    void dram_write(uint64_t t, uint32_t addr, const uint8_t *data, uint32_t n)
    {
        if (t != calls) {
            fail(t, "a STORE beat outside the current cycle " + std::to_string(calls));
        }
        beats.push_back({t, addr, std::vector<uint8_t>(data, data + n)});
        pending_write_bytes += n;
    }
};

void on_cycle(void *ctx, uint64_t t, const accel_counters *c)
{
    static_cast<Recorder *>(ctx)->cycle(t, *c);
}

void on_dram_write(void *ctx, uint64_t t, uint32_t addr, const uint8_t *data, uint32_t n)
{
    static_cast<Recorder *>(ctx)->dram_write(t, addr, data, n);
}

struct TraceCase {
    const char *name, *matmul, *elem;
    int images;
    const char *params; // name=value words over the defaults
};

class AccelTrace : public ::testing::TestWithParam<TraceCase> {};

TEST_P(AccelTrace, HooksSeeEveryCycleAndEveryStoreBeat)
{
    const TraceCase &tc = GetParam();
    ASSERT_TRUE(shared().error.empty()) << shared().error;
    char err[512] = "";
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = MX_PROFILE_HW;
    cfg.a_mx = cfg.w_mx = cfg.elem = true;
    ASSERT_EQ(mx_format_from_name(tc.matmul, &cfg.a_fmt, err, sizeof err), 0) << err;
    ASSERT_EQ(mx_format_from_name(tc.matmul, &cfg.w_fmt, err, sizeof err), 0) << err;
    ASSERT_EQ(mx_format_from_name(tc.elem, &cfg.elem_fmt, err, sizeof err), 0) << err;
    accel_params hw;
    accel_params_default(&hw);
    std::istringstream words(tc.params);
    for (std::string w; words >> w;) {
        const size_t eq = w.find('=');
        ASSERT_NE(eq, std::string::npos) << w;
        ASSERT_EQ(accel_param_set(&hw, w.substr(0, eq).c_str(), w.substr(eq + 1).c_str(), err,
                                  sizeof err),
                  0)
            << err;
    }
    accel_program p;
    ASSERT_EQ(accel_compile(&shared().w, &cfg, &hw, static_cast<uint32_t>(tc.images), &p, err,
                            sizeof err),
              0)
        << err;
    accel_model *m = accel_model_create(&p, err, sizeof err);
    ASSERT_NE(m, nullptr) << err;

    Recorder rec;
    rec.hw = &p.hw;
    const accel_trace trace = {&rec, on_cycle, on_dram_write};
    accel_model_set_trace(m, &trace);
    const size_t outputs = static_cast<size_t>(p.images) * MX_CNN_CLASSES;
    std::vector<float> lp(outputs);
    std::vector<uint32_t> codes(outputs);
    accel_counters c;
    accel_model_run(m, shared().test.images, lp.data(), codes.data(), &c);

    EXPECT_EQ(rec.problem, "");
    EXPECT_EQ(rec.calls, c.cycles);
    EXPECT_EQ(std::memcmp(&rec.last, &c, sizeof c), 0) << "the last cycle's counters differ";

    // The beats: in order, consecutive from the output area's start, within
    // the run and the bus width; together the output area, holding the codes.
    const unsigned ew = accel_elem_bytes(&p.elem);
    std::vector<uint8_t> area;
    uint64_t prev_cycle = 0;
    for (const Recorder::Beat &b : rec.beats) {
        EXPECT_EQ(b.addr, p.output_dram + area.size());
        EXPECT_LE(b.data.size(), static_cast<size_t>(p.hw.dram_bytes_per_cycle));
        EXPECT_TRUE(area.empty() || b.cycle > prev_cycle);
        EXPECT_LT(b.cycle, c.cycles);
        prev_cycle = b.cycle;
        area.insert(area.end(), b.data.begin(), b.data.end());
    }
    ASSERT_EQ(area.size(), static_cast<size_t>(p.images) * p.output_stride);
    EXPECT_EQ(total(c, &accel_layer_counters::dram_write_bytes), area.size());
    for (size_t i = 0; i < p.images; i++) {
        for (size_t k = 0; k < MX_CNN_CLASSES; k++) {
            const uint8_t *at = area.data() + i * p.output_stride + k * ew;
            const uint32_t code = ew == 2 ? at[0] | static_cast<uint32_t>(at[1]) << 8 : at[0];
            EXPECT_EQ(code, codes[i * MX_CNN_CLASSES + k]) << "image " << i << " class " << k;
        }
    }

    // Without a trace the hooks stay silent.
    accel_model_set_trace(m, nullptr);
    const uint64_t calls = rec.calls;
    const size_t beats = rec.beats.size();
    accel_model_run(m, shared().test.images, lp.data(), codes.data(), &c);
    EXPECT_EQ(rec.calls, calls);
    EXPECT_EQ(rec.beats.size(), beats);
    accel_model_destroy(m);
    accel_program_free(&p);
}

const TraceCase kTraceCases[] = {
    {"default", "fp8_e4m3", "fp8", 1, ""},
    // 2-byte E codes, the bfloat16 PE, three images per run on a narrow bus
    {"bfloat16_batch3", "bfloat16", "bfloat16", 3,
     "batch=3 act_buf_kib=256 dram_bytes_per_cycle=4 dram_latency=3"},
};

INSTANTIATE_TEST_SUITE_P(Cases, AccelTrace, ::testing::ValuesIn(kTraceCases),
                         [](const ::testing::TestParamInfo<TraceCase> &i) {
                             return std::string(i.param.name);
                         });

} // namespace

// The counters by index (counters.def) are the struct's members by name, in
// the order the docs' table gives (docs/accelerator.md, "Counters"), and
// the sums add every one of them.
TEST(AccelCounters, IndexNameAndMemberAgree)
{
    const char *const expected[] = {"macs",       "cycles",          "array_busy",
                                    "array_wait_dram", "array_wait_bank", "array_wait_drain",
                                    "seu_busy",   "alu_busy",        "dma_busy",
                                    "act_reads",  "act_writes",      "wgt_reads",
                                    "wgt_writes", "dram_read_bytes", "dram_write_bytes"};
    ASSERT_EQ(ACCEL_COUNTER_COUNT, int(sizeof expected / sizeof expected[0]));
    for (int i = 0; i < ACCEL_COUNTER_COUNT; i++) {
        EXPECT_STREQ(accel_counter_name(i), expected[i]);
    }
    EXPECT_EQ(accel_counter_name(-1), nullptr);
    EXPECT_EQ(accel_counter_name(ACCEL_COUNTER_COUNT), nullptr);

    accel_layer_counters c{};
    c.array_wait_bank = 5;
    c.dram_write_bytes = 9;
    EXPECT_EQ(accel_counter_get(&c, ACCEL_CNT_array_wait_bank), 5u);
    EXPECT_EQ(accel_counter_get(&c, ACCEL_CNT_dram_write_bytes), 9u);
    accel_counter_set(&c, ACCEL_CNT_seu_busy, 11);
    EXPECT_EQ(c.seu_busy, 11u);

    accel_layer_counters a{}, b{};
    for (int i = 0; i < ACCEL_COUNTER_COUNT; i++) {
        accel_counter_set(&a, i, uint64_t(i) + 1);
        accel_counter_set(&b, i, uint64_t(100 * i));
    }
    accel_layer_counters_add(&a, &b);
    for (int i = 0; i < ACCEL_COUNTER_COUNT; i++) {
        EXPECT_EQ(accel_counter_get(&a, i), uint64_t(101 * i + 1)) << expected[i];
    }
}
