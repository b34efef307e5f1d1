// SystemC co-simulation of the whole accelerator: the Verilated top
// (rtl/accel/mx_accel.v) beside the C model (accel_model_sc.h) on the same
// layer program and DRAM image (the default weights compiled for the
// configuration the top was Verilated with: ACCEL_* definitions). The
// checker serves the top's DRAM (accel_dram.h), loads the program, runs the
// images and compares, after every clock edge of a run, every counter of
// every layer (the top's counter registers against the model's counters at
// the end of the same cycle), every DRAM write beat (cycle, address, bytes)
// and at the end the log-probability codes. On the first mismatch it
// prints the cycle, the layer, the counter's register address or the DRAM
// address, both values, and writes an FST waveform of the run up to a few
// cycles past the mismatch (the run is repeated traced: a clean run writes
// nothing). Exit status 1 on a mismatch.
//
//   accel_cosim <waveform.fst> [images] [first image]
#include "cosim_main.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include ACCEL_VTOP_HEADER
#include ACCEL_VTOP_ROOT_HEADER
#include "accel.h"
#include "accel_config.h"
#include "accel_dram.h"
#include "accel_model_sc.h"
#include "accel_rtl.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"

namespace {

constexpr int kBpc = ACCEL_BPC;  // the top's DRAM bus bytes
using Bus = sc_bv<8 * kBpc>;


SC_MODULE(Checker) {
    sc_in<bool> clk;
    sc_out<bool> rst_n, load, run, beat;
    sc_out<uint32_t> prog_dram, prog_count, csr_addr;
    sc_out<Bus> rd_data;
    sc_in<bool> busy, req_valid, req_write;
    sc_in<uint32_t> req_addr, req_bytes;
    sc_in<Bus> wr_data;

    ACCEL_VTOP *rtl = nullptr;
    AccelModelSc *model = nullptr;
    const accel_program *p = nullptr;
    const uint8_t *images = nullptr;  // [runs * p->images][784]
    uint64_t runs = 1;
    int64_t stop_at = -1;             // traced repeat: stop this many cycles into the failing run
    bool failed = false;
    uint64_t fail_run = 0, fail_cycle = 0, checked_cycles = 0;

    SC_CTOR(Checker) { SC_THREAD(main); }

    void fail(uint64_t r, uint64_t cycle, const std::string &what)
    {
        if (stop_at < 0) {
            std::printf("ACCEL co-simulation MISMATCH: run %llu, cycle %llu: %s\n",
                        (unsigned long long)r, (unsigned long long)cycle, what.c_str());
        }
        failed = true;
        fail_run = r;
        fail_cycle = cycle;
    }

    // One cycle from its falling edge: the DMA's request and the DRAM's beat.
    AccelDram::Beat serve(AccelDram &dram, uint64_t now, std::vector<uint8_t> *wbytes)
    {
        wait(1, SC_NS);
        if (req_valid.read()) {
            dram.request(now, req_write.read(), req_addr.read(), req_bytes.read());
        }
        uint8_t rd[kBpc];
        const AccelDram::Beat b = dram.beat(now, rd);
        Bus bus;
        for (int k = 0; k < kBpc; k++) {
            bus.range(8 * k + 7, 8 * k) = rd[k];
        }
        rd_data.write(bus);
        beat.write(b.valid);
        wait(1, SC_NS);
        if (b.valid) {
            const Bus w = wr_data.read();
            uint8_t wr[kBpc];
            for (int k = 0; k < kBpc; k++) {
                wr[k] = uint8_t(w.range(8 * k + 7, 8 * k).to_uint());
            }
            if (b.write && wbytes) {
                wbytes->assign(wr, wr + b.bytes);
            }
            dram.commit(b, wr);
        }
        return b;
    }

    // The top's counter registers (mx_accel_counters: layer * FIELDS + field).
    uint64_t rtl_counter(int layer, int field) const
    {
        const auto &q = rtl->rootp->mx_accel__DOT__u_cnt__DOT__cnt_q;
        const int i = 2 * (layer * AccelModelSc::kFields + field);
        return uint64_t(q[i]) | uint64_t(q[i + 1]) << 32;
    }

    std::string layer_name(int l) const { return accel_layer_name(accel_layer(l)); }

    void main()
    {
        std::vector<uint8_t> image(p->dram, p->dram + p->dram_bytes);
        AccelDram dram(std::move(image), uint32_t(p->hw.dram_bytes_per_cycle),
                       uint32_t(p->hw.dram_latency));
        uint64_t now = 0;
        rst_n.write(true);
        wait(clk.negedge_event());
        rst_n.write(false);
        wait(clk.negedge_event());
        rst_n.write(true);
        // the program into the descriptor memory
        wait(clk.negedge_event());
        load.write(true);
        prog_dram.write(p->desc_dram);
        prog_count.write(uint32_t(p->n_descs));
        serve(dram, now++, nullptr);
        wait(clk.negedge_event());
        load.write(false);
        while (busy.read()) {
            serve(dram, now++, nullptr);
            wait(clk.negedge_event());
        }
        const unsigned ew = accel_elem_bytes(&p->elem);
        std::vector<uint8_t> input(std::size_t(p->images) * p->input_stride);
        for (uint64_t r = 0; r < runs && !failed; r++) {
            const uint8_t *im = images + r * p->images * 784;
            std::vector<uint32_t> want(std::size_t(p->images) * 10);
            model->prepare(im, want.data());
            accel_encode_images(p, im, input.data());
            std::memcpy(&dram.mem()[p->input_dram], input.data(), input.size());
            run.write(true);
            serve(dram, now++, nullptr);
            wait(clk.negedge_event());
            run.write(false);
            model->start();  // replays from the next edge, the one ending run cycle 0
            const std::vector<AccelModelSc::Write> &mw = model->writes();
            std::size_t wi = 0;
            uint64_t cycle = 0;
            while (busy.read() && !failed) {
                std::vector<uint8_t> wb;
                const AccelDram::Beat b = serve(dram, now++, &wb);
                if (b.valid && b.write) {
                    std::ostringstream s;
                    if (wi >= mw.size()) {
                        s << "DRAM write of " << b.bytes << " bytes at " << b.addr
                          << " the model does not make";
                        fail(r, cycle, s.str());
                    } else if (mw[wi].cycle != cycle || mw[wi].addr != b.addr || mw[wi].data != wb) {
                        s << "DRAM write at address " << b.addr << " (" << b.bytes
                          << " bytes): the model writes " << mw[wi].data.size() << " bytes at "
                          << mw[wi].addr << " in cycle " << mw[wi].cycle;
                        for (std::size_t k = 0; k < wb.size() && k < mw[wi].data.size(); k++) {
                            if (wb[k] != mw[wi].data[k]) {
                                char h[96];
                                std::snprintf(h, sizeof h, "; byte %zu rtl 0x%02x model 0x%02x", k,
                                              wb[k], mw[wi].data[k]);
                                s << h;
                                break;
                            }
                        }
                        fail(r, cycle, s.str());
                    }
                    wi++;
                }
                wait(clk.negedge_event());  // the edge ending this cycle has passed
                for (int l = 0; l < ACCEL_LAYER_COUNT && !failed; l++) {
                    const accel_layer_counters *m = &model->counters().layer[l];
                    for (int f = 0; f < AccelModelSc::kFields; f++) {
                        const uint64_t v = rtl_counter(l, f);
                        if (v != accel_counter_get(m, f)) {
                            std::ostringstream s;
                            s << "layer " << layer_name(l) << ", counter " << accel_counter_name(f)
                              << " (register " << 16 * l + f << "): rtl " << v << " model " << accel_counter_get(m, f);
                            fail(r, cycle, s.str());
                            break;
                        }
                    }
                }
                checked_cycles++;
                if (stop_at >= 0 && r == fail_run && cycle >= uint64_t(stop_at)) {
                    break;
                }
                cycle++;
            }
            if (!failed && cycle != model->cycles()) {
                fail(r, cycle, "the run took " + std::to_string(cycle) + " cycles, the model's " +
                                   std::to_string(model->cycles()));
            }
            if (!failed) {
                for (uint32_t i = 0; i < p->images * 10; i++) {
                    const uint8_t *src = &dram.mem()[p->output_dram + (i / 10) * p->output_stride];
                    const uint32_t code = ew == 2 ? uint32_t(src[2 * (i % 10)]) | uint32_t(src[2 * (i % 10) + 1]) << 8
                                                  : src[i % 10];
                    if (code != want[i]) {
                        fail(r, cycle, "image " + std::to_string(i / 10) + " class " +
                                           std::to_string(i % 10) + ": rtl code " +
                                           std::to_string(code) + " model " + std::to_string(want[i]));
                        break;
                    }
                }
            }
        }
        for (int k = 0; k < 4; k++) {
            wait(clk.negedge_event());  // a little context after a mismatch
        }
        sc_stop();
    }
};

}  // namespace

int sc_main(int argc, char **argv)
{
    CosimArgs args;
    args.count = 1;
    args.seed = 0;
    if (!cosim_parse_args(argc, argv, "accel_cosim", "images", &args)) {
        return 2;
    }
    // MXACCEL_COSIM_TRACE=<run>:<cycle>: the traced repeat of a failed run
    const char *trace = std::getenv("MXACCEL_COSIM_TRACE");
    char err[512];
    mx_dataset ds{};
    mx_cnn_weights w{};
    if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &ds, err, sizeof err) != 0 ||
        mx_cnn_weights_load(MXACCEL_DEFAULT_WEIGHTS, &w, err, sizeof err) != 0) {
        std::fprintf(stderr, "accel_cosim: %s\n", err);
        return 2;
    }
    accel_program p{};
    std::string error;
    if (!accel_tb::compile_config(w, ACCEL_A, ACCEL_W, ACCEL_E, ACCEL_HW, &p, &error)) {
        std::fprintf(stderr, "accel_cosim: %s\n", error.c_str());
        return 2;
    }
    const uint64_t runs = (args.count + p.images - 1) / p.images;
    if (args.seed + runs * p.images > uint64_t(ds.count)) {
        std::fprintf(stderr, "accel_cosim: images %llu..%llu lie beyond the %d test images\n",
                     (unsigned long long)args.seed, (unsigned long long)(args.seed + runs * p.images),
                     ds.count);
        return 2;
    }
    Verilated::commandArgs(argc, argv);
    Verilated::traceEverOn(trace != nullptr);

    sc_clock clk("clk", 10, SC_NS, 0.5, 5, SC_NS, true);
    sc_signal<bool> rst_n, load, run, beat, busy, req_valid, req_write;
    sc_signal<uint32_t> prog_dram, prog_count, csr_addr, req_addr, req_bytes;
    sc_signal<uint64_t> csr_data;
    sc_signal<Bus> rd_data, wr_data;

    ACCEL_VTOP rtl("rtl");
    rtl.clk_i(clk);
    rtl.rst_ni(rst_n);
    rtl.load_i(load);
    rtl.prog_dram_i(prog_dram);
    rtl.prog_count_i(prog_count);
    rtl.run_i(run);
    rtl.busy_o(busy);
    rtl.csr_addr_i(csr_addr);
    rtl.csr_data_o(csr_data);
    rtl.dram_req_valid_o(req_valid);
    rtl.dram_req_write_o(req_write);
    rtl.dram_req_addr_o(req_addr);
    rtl.dram_req_bytes_o(req_bytes);
    rtl.dram_beat_i(beat);
    rtl.dram_rd_data_i(rd_data);
    rtl.dram_wr_data_o(wr_data);

    AccelModelSc model("model", p);
    model.clk_i(clk);

    Checker chk("checker");
    chk.rtl = &rtl;
    chk.model = &model;
    chk.p = &p;
    chk.images = ds.images + args.seed * 784;
    chk.runs = runs;
    chk.clk(clk);
    chk.rst_n(rst_n);
    chk.load(load);
    chk.run(run);
    chk.beat(beat);
    chk.prog_dram(prog_dram);
    chk.prog_count(prog_count);
    chk.csr_addr(csr_addr);
    chk.rd_data(rd_data);
    chk.busy(busy);
    chk.req_valid(req_valid);
    chk.req_write(req_write);
    chk.req_addr(req_addr);
    chk.req_bytes(req_bytes);
    chk.wr_data(wr_data);

    int status = 0;
    if (trace) {
        unsigned long long fr = 0, fc = 0;
        if (std::sscanf(trace, "%llu:%llu", &fr, &fc) != 2) {
            std::fprintf(stderr, "accel_cosim: MXACCEL_COSIM_TRACE must be RUN:CYCLE\n");
            return 2;
        }
        chk.runs = fr + 1;
        chk.fail_run = fr;
        chk.stop_at = int64_t(fc + 8);
        status = cosim_run_traced(rtl, args.wave, chk.failed, "ACCEL");
        // the repeat finds the mismatch again; its waveform stays
        if (!chk.failed) {
            std::fprintf(stderr, "accel_cosim: the traced repeat did not fail again\n");
        }
        return chk.failed ? 1 : 3;
    }
    sc_start();
    rtl.final();
    if (chk.failed) {
        // repeat the run with the waveform on, up to the mismatch
        const std::string spec = std::to_string(chk.fail_run) + ":" + std::to_string(chk.fail_cycle);
        setenv("MXACCEL_COSIM_TRACE", spec.c_str(), 1);
        std::fflush(stdout);
        execv("/proc/self/exe", argv);
        std::fprintf(stderr, "accel_cosim: cannot repeat the run traced\n");
        return 1;
    }
    std::printf("ACCEL co-simulation: %llu images in %llu runs, %llu cycles: every counter every "
                "cycle, every DRAM write and every output equal (RTL = C model)\n",
                (unsigned long long)(runs * p.images), (unsigned long long)runs,
                (unsigned long long)chk.checked_cycles);
    accel_program_free(&p);
    mx_cnn_weights_free(&w);
    mx_dataset_free(&ds);
    return status;
}
