// The cycle-level accelerator model's per-layer cycle counters against an
// independent calculation of the schedule of docs/accelerator.md
// ("Schedule"), written here from the document's words and not from the
// model's code: the program's descriptors (and accel_matmul_chunks for the
// weight chunks' sizes) give the shapes, the unit latencies come from the
// unit models' headers, and everything else is the documented rules:
//
//   * the DRAM rule (one request per cycle while fewer than dram_outstanding
//     are in flight, ready dram_latency cycles later, one beat per cycle of
//     the oldest ready request) for load, store and every weight chunk;
//   * the write rule (a result produced in cycle t is written at the end of
//     cycle t; a descriptor ends with its last write): seu: ceil(blocks / S)
//     + SEU_LATENCY; softmax: ceil(rows / C) * 6 * (n - 1 + ALU_LATENCY) + 1;
//   * matmul: a small cycle loop of the four per-cycle steps (DMA into two
//     halves, drain register, array with an L-stage pipeline, L = 1 + the
//     PE's latency for the buffers' registered read ports, bank cost and the
//     hold rule; the last row entering the lanes in cycle t is written in
//     cycle t + ACCEL_EPI_LATENCY, the matmul's last).
//
// The counters (cycles, and the array's busy and stall cycles, which the
// same loop yields) must match exactly, layer by layer, on the default
// configuration, other shapes, DRAMs, a batch, the bfloat16 PE and a few
// corners (costs above L with drain holds, one bank, the wait for a free
// half on the critical path, an outstanding-bound DRAM). Also: the closed
// form for a compute-bound matmul (conv2 at 8x8), every layer at least its
// DRAM bound and its ideal cycles, and the timing independent of the data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "accel.h"
#include "alu.h"
#include "compile.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "params.h"
#include "pe.h"
#include "pe_bf16.h"
#include "program.h"
#include "seu.h"

namespace {

// docs/accelerator.md, "Units": the epilogue lane is an fp32 adder (1 cycle)
// and three ALUs.
constexpr uint64_t kEpiLatency = 1 + 3 * static_cast<uint64_t>(ALU_LATENCY);

// "Units: PE array": operand registers, then the MX PE; or the bfloat16 PE,
// which registers its operands itself.
uint64_t array_latency(const accel_program &p)
{
    return accel_is_bf16(&p.a_fmt) ? static_cast<uint64_t>(PE_BF16_LATENCY)
                                   : 1 + static_cast<uint64_t>(PE_LATENCY);
}

uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

// "Schedule: seu": S blocks enter per cycle; the last leaves its lane
// SEU_LATENCY cycles after it entered and is written then.
uint64_t seu_cycles(const accel_desc &d, const accel_params &hw)
{
    return ceil_div(d.blocks, static_cast<uint64_t>(hw.seu_lanes)) + SEU_LATENCY;
}

// ---------------------------------------------------------------------------
// The documented schedule, computed independently.

// DRAM rule: cycles of a transfer of n bytes from its first cycle to the
// cycle of its last beat, inclusive (the transfer has the bus to itself).
uint64_t transfer_cycles(uint64_t n, const accel_params &hw)
{
    struct Request {
        uint64_t ready;
        uint64_t left;
    };
    std::deque<Request> in_flight;
    uint64_t unrequested = n;
    for (uint64_t t = 0;; t++) {
        if (unrequested > 0 && in_flight.size() < static_cast<uint64_t>(hw.dram_outstanding)) {
            const uint64_t b =
                std::min<uint64_t>(static_cast<uint64_t>(hw.dram_burst_bytes), unrequested);
            in_flight.push_back({t + static_cast<uint64_t>(hw.dram_latency), b});
            unrequested -= b;
        }
        if (!in_flight.empty() && in_flight.front().ready <= t) {
            Request &r = in_flight.front();
            r.left -= std::min<uint64_t>(static_cast<uint64_t>(hw.dram_bytes_per_cycle), r.left);
            if (r.left == 0) {
                in_flight.pop_front();
                if (unrequested == 0 && in_flight.empty()) {
                    return t + 1;
                }
            }
        }
    }
}

// What the independent matmul loop found besides the cycles (for messages
// and the secondary checks).
struct MatmulResult {
    uint64_t cycles = 0;
    uint64_t busy = 0, wait_dram = 0, wait_bank = 0, wait_drain = 0;
    uint64_t steps = 0;
    uint64_t first_chunk_cycles = 0; // X0
};

struct Step {
    size_t chunk;
    uint64_t rows;  // valid rows of its row tile (the drain takes these)
    uint64_t cost;  // cycles of trying
    bool tile_last; // last block step of its output tile (k = kb - 1)
    bool chunk_last;
};

// docs/accelerator.md, "Layer program": the activation slot of block (m, k).
uint64_t act_slot(const accel_desc &d, uint64_t m, uint64_t k)
{
    if (d.conv == 0) {
        return m * d.in_sm + k;
    }
    const uint64_t in_w = d.in_w;
    const uint64_t out_w = in_w - 2; // 3x3 convolution without padding
    uint64_t h, w;
    if (d.order == ACCEL_ORDER_RASTER) {
        h = m / out_w;
        w = m % out_w;
    } else { // pool order: m = 4 (ph out_w/2 + pw) + 2 dy + dx
        const uint64_t win = m / 4, ph = win / (out_w / 2), pw = win % (out_w / 2);
        const uint64_t dy = (m % 4) / 2, dx = m % 2;
        h = 2 * ph + dy;
        w = 2 * pw + dx;
    }
    const uint64_t tap = k / d.cin_blocks, kh = tap / 3, kw = tap % 3;
    const uint64_t pixel_in = (h + kh) * in_w + (w + kw);
    return pixel_in * d.cin_blocks + k % d.cin_blocks;
}

::testing::AssertionResult matmul_schedule(const accel_program &p, const accel_desc &d,
                                           MatmulResult *res)
{
    const accel_params &hw = p.hw;
    const uint64_t R = static_cast<uint64_t>(hw.rows);
    const uint64_t L = array_latency(p);
    size_t nchunks = 0;
    std::unique_ptr<accel_chunk, decltype(&std::free)> chunks(
        accel_matmul_chunks(&p, &d, &nchunks), &std::free);
    if (!chunks || nchunks == 0) {
        return ::testing::AssertionFailure() << "accel_matmul_chunks failed";
    }

    // The steps in issue order: chunk by chunk; within a chunk row tiles
    // m0 = 0, R, ... (one when the chunk holds part of K), blocks k0 .. k0 + kn - 1.
    std::vector<Step> steps;
    std::vector<uint64_t> per_bank(static_cast<size_t>(hw.act_banks));
    for (size_t c = 0; c < nchunks; c++) {
        const accel_chunk &ch = chunks.get()[c];
        const bool all_k = ch.k0 == 0 && ch.kn == d.kb;
        if (!all_k && d.m > R) {
            return ::testing::AssertionFailure()
                   << "a K-split chunk with m " << d.m << " > R " << R;
        }
        const uint64_t wcost = ceil_div(ch.cw, static_cast<uint64_t>(hw.wgt_banks));
        for (uint64_t m0 = 0; m0 < d.m; m0 += R) {
            const uint64_t rows = std::min<uint64_t>(R, d.m - m0);
            for (uint64_t k = ch.k0; k < ch.k0 + ch.kn; k++) {
                std::fill(per_bank.begin(), per_bank.end(), 0);
                uint64_t acost = 0;
                for (uint64_t r = 0; r < rows; r++) {
                    const uint64_t bank =
                        act_slot(d, m0 + r, k) % static_cast<uint64_t>(hw.act_banks);
                    acost = std::max(acost, ++per_bank[bank]);
                }
                steps.push_back({c, rows, std::max(acost, wcost), k == d.kb - 1, false});
            }
        }
        steps.back().chunk_last = true;
    }

    constexpr uint64_t kNever = UINT64_MAX;
    std::vector<uint64_t> usable(nchunks, kNever);     // first cycle chunk i is usable
    std::vector<uint64_t> last_issue(nchunks, kNever); // cycle of chunk i's last block step
    size_t next_load = 0;
    bool loading = false;
    uint64_t load_last_beat = 0;
    const uint64_t none = kNever;
    std::vector<uint64_t> stage(L, none); // stage[L-1] is at the output
    size_t next_step = 0;
    uint64_t tried = 0;       // cycles the next step has been tried
    uint64_t drain_rows = 0;  // rows of the drain register's tile not yet taken
    res->first_chunk_cycles = transfer_cycles(chunks.get()[0].bytes, hw);
    res->steps = steps.size();

    for (uint64_t t = 0;; t++) {
        // 1. DMA.
        if (!loading && next_load < nchunks &&
            (next_load < 2 || last_issue[next_load - 2] < t)) {
            loading = true;
            load_last_beat = t + transfer_cycles(chunks.get()[next_load].bytes, hw) - 1;
        }
        if (loading && t == load_last_beat) {
            usable[next_load] = t + 1;
            loading = false;
            next_load++;
        }
        // 2. Drain.
        bool took_row = false;
        if (drain_rows > 0) {
            drain_rows--;
            took_row = true;
        }
        // 3. Array.
        const uint64_t out = stage[L - 1];
        if (out != none && steps[out].tile_last && drain_rows > 0) {
            res->wait_drain++; // held: nothing moves
        } else {
            if (out != none && steps[out].tile_last) {
                drain_rows = steps[out].rows;
            }
            for (uint64_t s = L - 1; s > 0; s--) {
                stage[s] = stage[s - 1];
            }
            stage[0] = none;
            if (next_step < steps.size()) {
                const Step &st = steps[next_step];
                if (usable[st.chunk] > t) {
                    res->wait_dram++;
                } else if (++tried < st.cost) {
                    res->wait_bank++;
                } else {
                    stage[0] = next_step;
                    res->busy++;
                    if (st.chunk_last) {
                        last_issue[st.chunk] = t;
                    }
                    next_step++;
                    tried = 0;
                }
            }
        }
        // 4. End.
        const bool pipeline_empty =
            std::all_of(stage.begin(), stage.end(), [&](uint64_t s) { return s == none; });
        if (next_step == steps.size() && pipeline_empty && drain_rows == 0 && took_row) {
            // the last row is written in cycle t + kEpiLatency, the matmul's last
            res->cycles = t + kEpiLatency + 1;
            return ::testing::AssertionSuccess();
        }
        if (t > 100000000) {
            return ::testing::AssertionFailure() << "the schedule calculation did not end";
        }
    }
}

// Per layer: cycles (and, from the matmuls, the array's counters).
struct Expected {
    uint64_t cycles[ACCEL_LAYER_COUNT] = {};
    uint64_t busy[ACCEL_LAYER_COUNT] = {};
    uint64_t wait_dram[ACCEL_LAYER_COUNT] = {};
    uint64_t wait_bank[ACCEL_LAYER_COUNT] = {};
    uint64_t wait_drain[ACCEL_LAYER_COUNT] = {};
    uint64_t total = 0;
    std::string trace; // one line per descriptor
};

::testing::AssertionResult schedule(const accel_program &p, Expected *e)
{
    const accel_params &hw = p.hw;
    std::ostringstream trace;
    for (size_t i = 0; i < p.n_descs; i++) {
        const accel_desc &d = p.descs[i];
        if (d.layer >= ACCEL_LAYER_COUNT) {
            return ::testing::AssertionFailure() << "descriptor " << i << ": layer " << d.layer;
        }
        uint64_t c = 0;
        trace << "  desc " << i << " " << accel_op_name(static_cast<accel_op>(d.op)) << " "
              << accel_layer_name(static_cast<accel_layer>(d.layer)) << ": ";
        switch (d.op) {
        case ACCEL_OP_LOAD:
        case ACCEL_OP_STORE:
            c = transfer_cycles(d.bytes, hw);
            trace << d.bytes << " bytes";
            break;
        case ACCEL_OP_SEU:
            c = seu_cycles(d, hw);
            trace << d.blocks << " blocks";
            break;
        case ACCEL_OP_SOFTMAX:
            // groups of C rows, six passes each, then the last LOG results' write
            c = ceil_div(d.rows, static_cast<uint64_t>(hw.cols)) * 6 * (d.n - 1 + ALU_LATENCY) + 1;
            trace << d.rows << " rows of " << d.n;
            break;
        case ACCEL_OP_MATMUL: {
            MatmulResult r;
            auto ok = matmul_schedule(p, d, &r);
            if (!ok) {
                return ok << " (descriptor " << i << ")";
            }
            c = r.cycles;
            e->busy[d.layer] += r.busy;
            e->wait_dram[d.layer] += r.wait_dram;
            e->wait_bank[d.layer] += r.wait_bank;
            e->wait_drain[d.layer] += r.wait_drain;
            trace << "m " << d.m << " n " << d.n << " kb " << d.kb << " chunk_k " << d.chunk_k
                  << ", X0 " << r.first_chunk_cycles << ", steps " << r.steps << ", busy " << r.busy
                  << ", wait dram/bank/drain " << r.wait_dram << "/" << r.wait_bank << "/"
                  << r.wait_drain;
            break;
        }
        default:
            return ::testing::AssertionFailure() << "descriptor " << i << ": op " << d.op;
        }
        trace << " -> " << c << " cycles\n";
        e->cycles[d.layer] += c;
        e->total += c;
    }
    e->trace = trace.str();
    return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------
// The model.

struct Shared {
    mx_cnn_weights w{};
    mx_dataset test{};
    std::string error;
    Shared()
    {
        char err[512];
        if (mx_cnn_weights_load(MXACCEL_DEFAULT_WEIGHTS, &w, err, sizeof err) != 0) {
            error = std::string(MXACCEL_DEFAULT_WEIGHTS) + ": " + err;
            return;
        }
        if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) != 0) {
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

// A hardware configuration: parameters as `name=value` words over the
// defaults (accel_param_set), the matmul format (a = w) and images per run.
struct HwCase {
    const char *name;
    const char *matmul;
    int images;
    const char *params;
    // What the configuration exercises, in the calculation's view.
    bool bank_conflicts, drain_holds;
};

void PrintTo(const HwCase &c, std::ostream *os)
{
    *os << c.name << " (matmul " << c.matmul << ", " << c.images << " image(s), " << c.params
        << ")";
}

::testing::AssertionResult make_hw(const HwCase &c, accel_params *hw)
{
    accel_params_default(hw);
    std::istringstream words(c.params);
    std::string word;
    while (words >> word) {
        const size_t eq = word.find('=');
        char err[512];
        if (eq == std::string::npos ||
            accel_param_set(hw, word.substr(0, eq).c_str(), word.substr(eq + 1).c_str(), err,
                            sizeof err) != 0) {
            return ::testing::AssertionFailure() << c.name << ": bad parameter " << word;
        }
    }
    return ::testing::AssertionSuccess();
}

struct Compiled {
    accel_program prog{};
    bool ok = false;
    ~Compiled()
    {
        if (ok) accel_program_free(&prog);
    }
};

::testing::AssertionResult compile(const HwCase &c, Compiled *out)
{
    if (!shared().error.empty()) {
        return ::testing::AssertionFailure() << shared().error;
    }
    char err[512];
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = MX_PROFILE_HW;
    cfg.a_mx = cfg.w_mx = cfg.elem = true;
    if (mx_format_from_name(c.matmul, &cfg.a_fmt, err, sizeof err) != 0 ||
        mx_format_from_name(c.matmul, &cfg.w_fmt, err, sizeof err) != 0 ||
        mx_format_from_name("fp8", &cfg.elem_fmt, err, sizeof err) != 0) {
        return ::testing::AssertionFailure() << err;
    }
    accel_params hw;
    auto ok = make_hw(c, &hw);
    if (!ok) {
        return ok;
    }
    if (accel_compile(&shared().w, &cfg, &hw, static_cast<uint32_t>(c.images), &out->prog, err,
                      sizeof err) != 0) {
        return ::testing::AssertionFailure() << "accel_compile: " << err;
    }
    out->ok = true;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult run(const accel_program &p, const uint8_t *images, accel_counters *c)
{
    char err[512];
    accel_model *m = accel_model_create(&p, err, sizeof err);
    if (!m) {
        return ::testing::AssertionFailure() << "accel_model_create: " << err;
    }
    std::vector<float> lp(static_cast<size_t>(p.images) * MX_CNN_CLASSES);
    accel_model_run(m, images, lp.data(), nullptr, c);
    accel_model_destroy(m);
    return ::testing::AssertionSuccess();
}

const char *layer_name(int l) { return accel_layer_name(static_cast<accel_layer>(l)); }

// ---------------------------------------------------------------------------

class AccelCycles : public ::testing::TestWithParam<HwCase> {};

TEST_P(AccelCycles, LayersMatchTheDocumentedSchedule)
{
    const HwCase &c = GetParam();
    Compiled comp;
    ASSERT_TRUE(compile(c, &comp));
    const accel_program &p = comp.prog;
    Expected e;
    ASSERT_TRUE(schedule(p, &e));
    accel_counters got;
    ASSERT_TRUE(run(p, shared().test.images, &got));

    SCOPED_TRACE("descriptors and the calculation:\n" + e.trace);
    uint64_t sum = 0;
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        const accel_layer_counters &g = got.layer[l];
        SCOPED_TRACE(std::string("layer ") + layer_name(l));
        EXPECT_EQ(g.cycles, e.cycles[l]);
        // The array's counters follow from the same loop ("Counters").
        EXPECT_EQ(g.array_busy, e.busy[l]);
        EXPECT_EQ(g.array_wait_dram, e.wait_dram[l]);
        EXPECT_EQ(g.array_wait_bank, e.wait_bank[l]);
        EXPECT_EQ(g.array_wait_drain, e.wait_drain[l]);
        // Lower bounds: the bus moves at most dram_bytes_per_cycle per cycle
        // (one transfer at a time, reads and writes alike), the array at most
        // R * C * 32 multiply-accumulates per cycle.
        const uint64_t dram_bound = ceil_div(g.dram_read_bytes + g.dram_write_bytes,
                                             static_cast<uint64_t>(p.hw.dram_bytes_per_cycle));
        EXPECT_GE(g.cycles, dram_bound);
        EXPECT_GE(g.cycles, accel_ideal_cycles(&p.hw, g.macs));
        sum += g.cycles;
    }
    EXPECT_EQ(got.cycles, e.total);
    EXPECT_EQ(got.cycles, sum);

    // The configuration still exercises the rules it is here for.
    uint64_t bank = 0, drain = 0;
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        bank += e.wait_bank[l];
        drain += e.wait_drain[l];
    }
    EXPECT_EQ(bank > 0, c.bank_conflicts) << bank << " cycles of bank conflicts";
    EXPECT_EQ(drain > 0, c.drain_holds) << drain << " cycles of drain holds";
}

const HwCase kCases[] = {
    {"default_8x8", "fp8_e4m3", 1, "", false, false},
    // conv2: bank conflicts (pool-ordered rows 16 apart); conv1: drain holds
    {"shape_16x16", "fp8_e4m3", 1, "rows=16 cols=16", true, true},
    {"shape_4x8_seu1", "fp8_e4m3", 1, "rows=4 cols=8 seu_lanes=1", false, false},
    // a narrow DRAM of 32-byte requests, two in flight, latency 0 (ready in
    // the cycle of the request): the 4-byte bus decides
    {"dram_narrow_2_outstanding", "fp8_e4m3", 1,
     "dram_bytes_per_cycle=4 dram_latency=0 dram_burst_bytes=32 dram_outstanding=2", false, false},
    {"batch3", "fp8_e4m3", 3, "batch=3", false, false},
    // the bfloat16 PE: L = PE_BF16_LATENCY, 64-byte slots
    {"bfloat16_8x8", "bfloat16", 1, "", false, false},
    // Beyond the defaults' corners: a weight-bank cost of 4 > L together with
    // drain holds (64-row tiles drain in 64 cycles); one activation bank
    // (cost = rows of the step); odd shapes, int2 weights, DRAM latency 0; a
    // batch of 12 on 4 rows (linear layers with three row tiles per chunk).
    {"stress_64x16_wgt_banks4", "fp8_e4m3", 1, "rows=64 cols=16 wgt_banks=4", true, true},
    {"stress_3x5_act_banks1", "fp8_e4m3", 1, "rows=3 cols=5 act_banks=1", true, false},
    {"stress_int2_7x13", "int2", 1,
     "rows=7 cols=13 act_banks=4 wgt_banks=3 dram_latency=0 dram_burst_bytes=100", true, false},
    // fc1 at one column: chunks of 248 and 40 blocks alternate, and a big
    // chunk's load (128 cycles at 64 B per cycle) outlasts the small chunk's
    // 40 steps: the wait for the half of chunk i - 2 is on the critical path.
    {"stress_half_reuse_8x1", "fp8_e4m3", 1,
     "rows=8 cols=1 wgt_buf_kib=16 dram_bytes_per_cycle=64 dram_latency=0", false, false},
    // latency-bound DRAM: 2 requests of 32 bytes per 22 cycles where the bus
    // could move 16 bytes per cycle (the outstanding limit decides)
    {"stress_outstanding_bound", "fp8_e4m3", 1,
     "dram_latency=20 dram_burst_bytes=32 dram_outstanding=2", false, false},
    {"stress_batch12_4x8", "fp8_e4m3", 12,
     "rows=4 cols=8 batch=12 wgt_buf_kib=2048 act_buf_kib=512 act_banks=5 dram_latency=7", true,
     false},
};

INSTANTIATE_TEST_SUITE_P(Hw, AccelCycles, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<HwCase> &i) {
                             return std::string(i.param.name);
                         });

// The doc's closed form for a compute-bound matmul: conv2 at 8x8 is one
// (every chunk after the first loads while the array works, no bank
// conflicts, the drain keeps up): cycles = X0 + steps + L + r_last - 1 +
// ACCEL_EPI_LATENCY + 1, plus the layer's other descriptors.
TEST(AccelCyclesClosedForm, Conv2At8x8)
{
    const HwCase c = kCases[0];
    Compiled comp;
    ASSERT_TRUE(compile(c, &comp));
    const accel_program &p = comp.prog;
    accel_counters got;
    ASSERT_TRUE(run(p, shared().test.images, &got));

    const uint64_t R = static_cast<uint64_t>(p.hw.rows);
    const uint64_t L = array_latency(p);
    uint64_t expected = 0;
    int matmuls = 0;
    for (size_t i = 0; i < p.n_descs; i++) {
        const accel_desc &d = p.descs[i];
        if (d.layer != ACCEL_LAYER_CONV2) {
            continue;
        }
        if (d.op == ACCEL_OP_SEU) {
            expected += seu_cycles(d, p.hw);
        } else if (d.op == ACCEL_OP_LOAD || d.op == ACCEL_OP_STORE) {
            expected += transfer_cycles(d.bytes, p.hw);
        } else {
            ASSERT_EQ(d.op, static_cast<uint32_t>(ACCEL_OP_MATMUL));
            matmuls++;
            size_t n = 0;
            std::unique_ptr<accel_chunk, decltype(&std::free)> ch(accel_matmul_chunks(&p, &d, &n),
                                                                  &std::free);
            ASSERT_TRUE(ch && n > 0);
            const uint64_t x0 = transfer_cycles(ch.get()[0].bytes, p.hw);
            const uint64_t row_tiles = ceil_div(d.m, R);
            uint64_t steps = 0;
            for (size_t j = 0; j < n; j++) {
                // A convolution's chunk holds all of K: every row tile.
                ASSERT_EQ(ch.get()[j].kn, d.kb);
                steps += row_tiles * ch.get()[j].kn;
            }
            const uint64_t r_last = d.m - (row_tiles - 1) * R;
            expected += x0 + steps + L + r_last - 1 + kEpiLatency + 1;
            // The numbers of docs/accelerator.md, "The default configuration".
            EXPECT_EQ(x0, 249u);
            EXPECT_EQ(steps, 5184u);
        }
    }
    EXPECT_EQ(matmuls, 1);
    EXPECT_EQ(got.layer[ACCEL_LAYER_CONV2].cycles, expected);
    // Compute-bound: the array waited only for the first chunk.
    EXPECT_EQ(got.layer[ACCEL_LAYER_CONV2].array_wait_bank, 0u);
    EXPECT_EQ(got.layer[ACCEL_LAYER_CONV2].array_wait_drain, 0u);
    EXPECT_EQ(got.layer[ACCEL_LAYER_CONV2].array_wait_dram, 249u);
    EXPECT_EQ(got.layer[ACCEL_LAYER_CONV2].cycles, 5623u);
}

// "The timing depends on the program only, never on the data."
TEST(AccelCyclesData, TimingIsDataIndependent)
{
    Compiled comp;
    ASSERT_TRUE(compile(kCases[0], &comp));
    std::vector<uint8_t> white(MX_CNN_IMAGE_PIXELS, 255), black(MX_CNN_IMAGE_PIXELS, 0);
    accel_counters a, b, d;
    ASSERT_TRUE(run(comp.prog, shared().test.images + 7 * MX_CNN_IMAGE_PIXELS, &a));
    ASSERT_TRUE(run(comp.prog, white.data(), &b));
    ASSERT_TRUE(run(comp.prog, black.data(), &d));
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        SCOPED_TRACE(std::string("layer ") + layer_name(l));
        EXPECT_EQ(a.layer[l].cycles, b.layer[l].cycles);
        EXPECT_EQ(a.layer[l].cycles, d.layer[l].cycles);
    }
}

} // namespace
