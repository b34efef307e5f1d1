// The hw network's softmax and log are the ALU's operations: for every
// reference configuration with an elementwise format (all are ALU formats),
// fc2's outputs of test
// images streamed through the ALU's cycle-level model (model/alu.h) as
// RMAX, SUB, EXP, RSUM, DIV and LOG give the network's softmax and log
// layers bit for bit.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "alu.h"
#include "mxaccel/cnn.h"
#include "mxaccel/hw_alu.h"
#include "mxaccel/io.h"
#include "reference_data.h"

namespace {

// Streams one phase (its inputs all valid, out_ready high) and returns the
// emitted codes.
std::vector<uint32_t> run_phase(alu_model &m, const std::vector<alu_input> &txns)
{
    std::vector<uint32_t> out;
    const alu_input idle = {};
    for (size_t i = 0; i < txns.size() + ALU_LATENCY; i++) {
        alu_clock(&m, i < txns.size() ? &txns[i] : &idle, true);
        bool v = false;
        uint32_t d = 0;
        alu_outputs(&m, &v, &d);
        if (v) {
            out.push_back(d);
        }
    }
    return out;
}

std::vector<alu_input> phase(mx_alu_op op, const std::vector<uint32_t> &a, uint32_t b_all,
                             const std::vector<uint32_t> *b = nullptr)
{
    std::vector<alu_input> v;
    for (size_t j = 0; j < a.size(); j++) {
        alu_input t = {};
        t.valid = true;
        t.op = static_cast<uint8_t>(op);
        t.first = j == 0;
        t.last = j + 1 == a.size();
        t.a = a[j];
        t.b = b ? (*b)[j] : b_all;
        v.push_back(t);
    }
    return v;
}

class CnnHwAlu : public ::testing::TestWithParam<mxtest::SummaryRow> {};

TEST_P(CnnHwAlu, SoftmaxLogAreAluOperations)
{
    const auto row = GetParam();
    const mx_cnn_config cfg = mxtest::cnn_config_from_names(row.matmul, row.elem, MX_PROFILE_HW);
    ASSERT_TRUE(mx_hw_alu_format_ok(&cfg.elem_fmt));
    char err[512];
    mx_cnn_weights w{};
    ASSERT_EQ(mx_cnn_weights_load(mxtest::default_weights_path().c_str(), &w, err, sizeof err), 0) << err;
    mx_dataset test{};
    ASSERT_EQ(mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err), 0) << err;
    mx_cnn *net = mx_cnn_create(&w, &cfg, err, sizeof err);
    ASSERT_NE(net, nullptr) << err;
    alu_model m;
    ASSERT_EQ(alu_init(&m, &cfg.elem_fmt), 0);

    std::vector<std::vector<float>> store(MX_CNN_LAYERS);
    float *layers[MX_CNN_LAYERS];
    for (int l = 0; l < MX_CNN_LAYERS; l++) {
        store[l].resize(mx_cnn_layer_size(l));
        layers[l] = store[l].data();
    }
    const mx_format *e = &cfg.elem_fmt;
    const size_t images = 200;
    size_t bad = 0;
    for (size_t i = 0; i < images; i++) {
        mx_cnn_dump_layers(net, test.images + i * MX_CNN_IMAGE_PIXELS, layers);
        std::vector<uint32_t> x(MX_CNN_CLASSES), p(MX_CNN_CLASSES), lp(MX_CNN_CLASSES);
        for (int j = 0; j < MX_CNN_CLASSES; j++) {
            x[j] = mx_hw_alu_encode(e, layers[7][j]); // fc2: values of E
            p[j] = mx_hw_alu_encode(e, layers[8][j]);
            lp[j] = mx_hw_alu_encode(e, layers[9][j]);
        }
        const uint32_t mx = run_phase(m, phase(MX_ALU_RMAX, x, 0)).at(0);
        const std::vector<uint32_t> d = run_phase(m, phase(MX_ALU_SUB, x, mx));
        const std::vector<uint32_t> ex = run_phase(m, phase(MX_ALU_EXP, d, 0));
        const uint32_t s = run_phase(m, phase(MX_ALU_RSUM, ex, 0)).at(0);
        const std::vector<uint32_t> q = run_phase(m, phase(MX_ALU_DIV, ex, s));
        const std::vector<uint32_t> out = run_phase(m, phase(MX_ALU_LOG, q, 0));
        if ((q != p || out != lp) && bad++ < 3) {
            ADD_FAILURE() << row.matmul << "/" << row.elem << " image " << i
                          << ": the ALU's softmax or log differs from the network's";
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("%s/%s: %zu images, softmax and log through the ALU model\n", row.matmul.c_str(),
                row.elem.c_str(), images);
    alu_free(&m);
    mx_cnn_destroy(net);
    mx_dataset_free(&test);
    mx_cnn_weights_free(&w);
}

// The configurations with an elementwise format (without one there is no ALU).
std::vector<mxtest::SummaryRow> with_elem()
{
    std::vector<mxtest::SummaryRow> v;
    for (const auto &r : mxtest::read_cnn_summary()) {
        if (r.elem != "none") {
            v.push_back(r);
        }
    }
    return v;
}

INSTANTIATE_TEST_SUITE_P(Summary, CnnHwAlu, ::testing::ValuesIn(with_elem()),
                         [](const ::testing::TestParamInfo<mxtest::SummaryRow> &info) {
                             return info.param.matmul + "_" + info.param.elem;
                         });

} // namespace
