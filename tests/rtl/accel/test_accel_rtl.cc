// The Verilated accelerator top (rtl/accel/mx_accel.v) against the C model
// (model/accel): the same program and DRAM image, compiled from the default
// weights for this executable's configuration (ACCEL_* definitions: the
// formats and the hardware parameters its top was Verilated with), give the
// same log-probability codes, bit for bit, and the same counters, every
// layer and every field, run after run. The C model is the reference here;
// it is checked against the golden hw profile by tests/accel.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include ACCEL_VTOP_HEADER
#ifdef ACCEL_COVERAGE_DIR
#include <unistd.h>
#include <verilated_cov.h>
#endif
#include "accel.h"
#include "accel_config.h"
#include "accel_rtl.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "params.h"
#include "program.h"

namespace {

struct Fixture {
    mx_dataset test{};
    mx_cnn_weights w{};
    accel_program prog{};
    std::string error;
    Fixture()
    {
        char err[512];
        if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) != 0 ||
            mx_cnn_weights_load(MXACCEL_DEFAULT_WEIGHTS, &w, err, sizeof err) != 0) {
            error = err;
        } else {
            accel_tb::compile_config(w, ACCEL_A, ACCEL_W, ACCEL_E, ACCEL_HW, &prog, &error);
        }
    }
    ~Fixture()
    {
        accel_program_free(&prog);
        mx_cnn_weights_free(&w);
        mx_dataset_free(&test);
    }
};

TEST(AccelRtl, SameBitsAndCountersAsTheModel)
{
    Fixture f;
    ASSERT_TRUE(f.error.empty()) << f.error;
    const accel_program &p = f.prog;
    char err[512];
    std::unique_ptr<accel_model, void (*)(accel_model *)> model(
        accel_model_create(&p, err, sizeof err), accel_model_destroy);
    ASSERT_TRUE(model) << err;
    accel_tb::AccelRtl<ACCEL_VTOP> rtl(p);

    const uint32_t n = p.images;
    std::vector<uint8_t> input(std::size_t(n) * p.input_stride);
    for (int run = 0; run < ACCEL_RUNS; run++) {
        const uint8_t *images = f.test.images + std::size_t(run) * n * 784;
        std::vector<float> lp(n * 10);
        std::vector<uint32_t> want(n * 10), got(n * 10);
        accel_counters cm, cr;
        accel_model_run(model.get(), images, lp.data(), want.data(), &cm);
        accel_encode_images(&p, images, input.data());
        rtl.run(input.data(), got.data(), &cr);
        for (uint32_t k = 0; k < n * 10; k++) {
            EXPECT_EQ(got[k], want[k]) << "run " << run << ", image " << k / 10 << ", class " << k % 10;
        }
        for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
            for (int k = 0; k < ACCEL_COUNTER_COUNT; k++) {
                EXPECT_EQ(accel_counter_get(&cr.layer[l], k), accel_counter_get(&cm.layer[l], k))
                    << "run " << run << ", " << accel_layer_name(accel_layer(l)) << " "
                    << accel_counter_name(k);
            }
        }
        EXPECT_EQ(cr.cycles, cm.cycles) << "run " << run;
    }
#ifdef ACCEL_COVERAGE_DIR
    // Coverage build: one data file per context, merged by scripts/coverage.sh.
    rtl.top().final();
    const std::string path = std::string(ACCEL_COVERAGE_DIR) + "/accel_" + ACCEL_TAG + "_" +
                             std::to_string(::getpid()) + "_0.dat";
    rtl.context().coveragep()->write(path.c_str());
#endif
}

}  // namespace
