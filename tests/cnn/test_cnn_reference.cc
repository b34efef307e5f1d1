// The seed CNN against microxcaling's own outputs (tests/data/cnn/): for every
// configuration of summary.txt, torch-cpu's 10k-image accuracy within 0.05
// points and the argmax of the 200 reference images; every layer of image 0
// bit for bit where the contract is exact (after a quantization), and a
// measured summation-order contract where it is not (none/none).
// The cuda-kernel and hw profiles run the same configurations; their
// accuracies are printed for the README and must stay near torch-cpu's.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "mxaccel/isa.h"
#include "reference_data.h"

namespace {

struct Fixture {
    mx_cnn_weights weights{};
    mx_dataset test{};
    Fixture()
    {
        char err[512];
        if (mx_cnn_weights_load(mxtest::default_weights_path().c_str(), &weights, err, sizeof err) != 0) {
            throw std::runtime_error(err);
        }
        if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) != 0) {
            throw std::runtime_error(err);
        }
    }
    ~Fixture()
    {
        mx_cnn_weights_free(&weights);
        mx_dataset_free(&test);
    }
};

Fixture &data()
{
    static Fixture f;
    return f;
}

struct RunResult {
    double accuracy;
    std::vector<int> argmax;
};

RunResult run(const mx_cnn_config &cfg, size_t limit, int threads = 2)
{
    char err[512];
    std::unique_ptr<mx_cnn, void (*)(mx_cnn *)> net(mx_cnn_create(&data().weights, &cfg, err, sizeof err),
                                                   mx_cnn_destroy);
    if (!net) {
        throw std::runtime_error(err);
    }
    const size_t n = std::min(limit, static_cast<size_t>(data().test.count));
    std::vector<float> lp(n * MX_CNN_CLASSES);
    mx_cnn_infer(net.get(), data().test.images, n, threads, lp.data(), nullptr, nullptr, nullptr);
    RunResult r{0, std::vector<int>(n)};
    size_t correct = 0;
    for (size_t i = 0; i < n; i++) {
        r.argmax[i] = mx_cnn_argmax(&lp[i * MX_CNN_CLASSES]);
        correct += r.argmax[i] == data().test.labels[i];
    }
    r.accuracy = 100.0 * static_cast<double>(correct) / static_cast<double>(n);
    return r;
}

uint32_t bits(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// Distance in ulps between two fp32 bit patterns of the same sign.
int64_t ulp_distance(uint32_t a, uint32_t b)
{
    auto key = [](uint32_t u) -> int64_t {
        return (u & 0x80000000u) ? -static_cast<int64_t>(u & 0x7fffffffu) : static_cast<int64_t>(u);
    };
    return std::llabs(key(a) - key(b));
}

class CnnReference : public ::testing::TestWithParam<mxtest::SummaryRow> {};

TEST_P(CnnReference, TorchCpuAccuracyAndArgmax)
{
    const auto row = GetParam();
    const auto ref = mxtest::read_cnn_reference(row.matmul, row.elem);
    const auto r = run(mxtest::cnn_config_from_names(row.matmul, row.elem, MX_PROFILE_TORCH_CPU), 10000);
    int same = 0;
    for (int i = 0; i < 200; i++) {
        same += r.argmax[static_cast<size_t>(i)] == ref.argmax[static_cast<size_t>(i)];
    }
    std::printf("%s/%s torch-cpu: accuracy %.2f%% (reference %.2f%%), argmax %d/200\n",
                row.matmul.c_str(), row.elem.c_str(), r.accuracy, ref.accuracy, same);
    EXPECT_NEAR(r.accuracy, row.accuracy, 0.05 + 1e-9);
    EXPECT_GE(same, 199);
}

TEST_P(CnnReference, LayerDumpOfImage0)
{
    const auto row = GetParam();
    const auto ref = mxtest::read_cnn_reference(row.matmul, row.elem);
    const auto cfg = mxtest::cnn_config_from_names(row.matmul, row.elem, MX_PROFILE_TORCH_CPU);
    char err[512];
    std::unique_ptr<mx_cnn, void (*)(mx_cnn *)> net(mx_cnn_create(&data().weights, &cfg, err, sizeof err),
                                                   mx_cnn_destroy);
    ASSERT_TRUE(net) << err;
    std::vector<std::vector<float>> out(MX_CNN_LAYERS);
    float *ptrs[MX_CNN_LAYERS];
    for (int l = 0; l < MX_CNN_LAYERS; l++) {
        out[static_cast<size_t>(l)].resize(mx_cnn_layer_size(l));
        ptrs[l] = out[static_cast<size_t>(l)].data();
    }
    mx_cnn_dump_layers(net.get(), data().test.images, ptrs);
    size_t total = 0, identical = 0;
    int64_t worst = 0;
    double worst_normwise = 0; // max |ours - reference| / max |reference| over a layer
    for (int l = 0; l < MX_CNN_LAYERS; l++) {
        const auto &want = ref.layers.at(mx_cnn_layer_name(l));
        ASSERT_EQ(want.size(), out[static_cast<size_t>(l)].size()) << mx_cnn_layer_name(l);
        size_t same = 0;
        int64_t layer_worst = 0;
        double max_ref = 0, max_diff = 0;
        for (size_t i = 0; i < want.size(); i++) {
            const float ours = out[static_cast<size_t>(l)][i];
            float theirs;
            std::memcpy(&theirs, &want[i], 4);
            const uint32_t got = bits(ours);
            same += got == want[i];
            if (got != want[i]) {
                layer_worst = std::max(layer_worst, ulp_distance(got, want[i]));
            }
            if (std::isfinite(theirs)) {
                max_ref = std::max(max_ref, std::fabs(static_cast<double>(theirs)));
                max_diff = std::max(max_diff, std::fabs(static_cast<double>(ours) - theirs));
            }
        }
        const double normwise = max_ref > 0 ? max_diff / max_ref : 0;
        worst_normwise = std::max(worst_normwise, normwise);
        std::printf("  %s/%s %-8s %zu/%zu bit-identical, largest distance %lld ulp, normwise %.2e\n",
                    row.matmul.c_str(), row.elem.c_str(), mx_cnn_layer_name(l), same, want.size(),
                    static_cast<long long>(layer_worst), normwise);
        total += want.size();
        identical += same;
        worst = std::max(worst, layer_worst);
    }
    const double fraction = static_cast<double>(identical) / static_cast<double>(total);
    std::printf("%s/%s layers of image 0: %.4f%% bit-identical, largest distance %lld ulp\n",
                row.matmul.c_str(), row.elem.c_str(), 100.0 * fraction, static_cast<long long>(worst));
    if (row.matmul == "none" && row.elem == "none") {
        // Raw fp32 sums: PyTorch's summation order (oneDNN, OpenBLAS) is not
        // ours. The contract is statistical: most elements identical, and the
        // rest off by what reordering a sum can do (ulp distances near zero
        // are large after cancellation, so the bound is normwise).
        EXPECT_GE(fraction, 0.6);
        EXPECT_LE(worst_normwise, 1e-5);
    } else {
        EXPECT_GE(fraction, 0.999);
    }
}

// cuda-kernel and hw on the same configurations: printed for the README,
// and within a few tenths of a point of torch-cpu on these finite data.
void other_profiles_near_torch_cpu(const mxtest::SummaryRow &row, size_t images)
{
    const auto torch = run(mxtest::cnn_config_from_names(row.matmul, row.elem, MX_PROFILE_TORCH_CPU), images);
    for (mx_profile p : {MX_PROFILE_CUDA_KERNEL, MX_PROFILE_HW}) {
        const auto r = run(mxtest::cnn_config_from_names(row.matmul, row.elem, p), images);
        size_t differ = 0;
        for (size_t i = 0; i < r.argmax.size(); i++) {
            differ += r.argmax[i] != torch.argmax[i];
        }
        std::printf("%s/%s %s on %zu images: accuracy %.2f%% (torch-cpu %.2f%%), %zu predictions differ\n",
                    row.matmul.c_str(), row.elem.c_str(), mx_profile_name(p), images, r.accuracy,
                    torch.accuracy, differ);
        EXPECT_NEAR(r.accuracy, torch.accuracy, 0.5) << mx_profile_name(p);
    }
}

// The first 2000 images in the default suite; all 10k under the long label.
TEST_P(CnnReference, OtherProfilesNearTorchCpu) { other_profiles_near_torch_cpu(GetParam(), 2000); }
TEST_P(CnnReference, OtherProfilesNearTorchCpuFull) { other_profiles_near_torch_cpu(GetParam(), 10000); }

// The bits depend neither on the thread count nor on whether quantization
// statistics are kept (statistics runs never skip a re-quantization).
TEST_P(CnnReference, SameBitsForThreadsAndStatistics)
{
    const auto row = GetParam();
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL, MX_PROFILE_HW}) {
        const auto cfg = mxtest::cnn_config_from_names(row.matmul, row.elem, p);
        char err[512];
        std::unique_ptr<mx_cnn, void (*)(mx_cnn *)> net(mx_cnn_create(&data().weights, &cfg, err, sizeof err),
                                                       mx_cnn_destroy);
        ASSERT_TRUE(net) << err;
        const size_t n = 200;
        std::vector<float> a(n * MX_CNN_CLASSES), b(a.size()), c(a.size());
        mx_cnn_stats stats{};
        mx_cnn_infer(net.get(), data().test.images, n, 1, a.data(), nullptr, nullptr, nullptr);
        mx_cnn_infer(net.get(), data().test.images, n, 2, b.data(), nullptr, nullptr, nullptr);
        mx_cnn_infer(net.get(), data().test.images, n, 2, c.data(), &stats, nullptr, nullptr);
        EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * 4), 0) << mx_profile_name(p) << ": threads";
        EXPECT_EQ(std::memcmp(a.data(), c.data(), a.size() * 4), 0) << mx_profile_name(p) << ": statistics";
        if (cfg.elem) {
            EXPECT_EQ(stats.point[MX_QP_LOG_OUT].values, n * MX_CNN_CLASSES);
        }
    }
}

// Kernels differ per instruction set: hw's exact block dots must give the
// same bits on every one; torch-cpu's and cuda-kernel's raw sums run on bf16
// dot products with AVX-512 and on fp32 GEMMs below it, a summation-order
// difference, so their predictions must (almost always) agree.
TEST_P(CnnReference, InstructionSets)
{
    const auto row = GetParam();
    const mx_isa saved = mx_isa_active();
    const size_t n = 150; // two full chunks and a partial one
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL, MX_PROFILE_HW}) {
        const auto cfg = mxtest::cnn_config_from_names(row.matmul, row.elem, p);
        std::vector<std::vector<float>> lp;
        std::vector<std::vector<int>> pred;
        for (int isa = 0; isa < MX_ISA_COUNT; isa++) {
            if (mx_isa_force(static_cast<mx_isa>(isa)) != 0) {
                continue;
            }
            char err[512];
            std::unique_ptr<mx_cnn, void (*)(mx_cnn *)> net(
                mx_cnn_create(&data().weights, &cfg, err, sizeof err), mx_cnn_destroy);
            ASSERT_TRUE(net) << err;
            lp.emplace_back(n * MX_CNN_CLASSES);
            mx_cnn_infer(net.get(), data().test.images, n, 2, lp.back().data(), nullptr, nullptr,
                         nullptr);
            pred.emplace_back(n);
            for (size_t i = 0; i < n; i++) {
                pred.back()[i] = mx_cnn_argmax(&lp.back()[i * MX_CNN_CLASSES]);
            }
        }
        for (size_t v = 1; v < lp.size(); v++) {
            if (p == MX_PROFILE_HW) {
                EXPECT_EQ(std::memcmp(lp[0].data(), lp[v].data(), lp[0].size() * 4), 0)
                    << "hw bits differ between instruction sets";
            } else {
                size_t differ = 0;
                for (size_t i = 0; i < n; i++) {
                    differ += pred[0][i] != pred[v][i];
                }
                EXPECT_LE(differ, 1u) << mx_profile_name(p) << ": predictions differ";
            }
        }
    }
    mx_isa_force(saved);
}

INSTANTIATE_TEST_SUITE_P(Summary, CnnReference, ::testing::ValuesIn(mxtest::read_cnn_summary()),
                         [](const ::testing::TestParamInfo<mxtest::SummaryRow> &info) {
                             return info.param.matmul + "_" + info.param.elem;
                         });

}  // namespace
