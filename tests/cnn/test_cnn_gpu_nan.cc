// The cuda-kernel profile models a GPU run: every NaN that arithmetic makes
// is 0x7fffffff there, and the kernels' Qe turns that into -0.0
// (docs/numerics.md, "cuda-kernel: scalar quantization", step 9, and
// "cuda-kernel: the GPU NaN rule"), so a NaN weight does not reach the
// network's output as it does on a CPU. First the flag on its own
// (mx_elem_spec.gpu_nan), then the network with one NaN weight in fc2, in
// every profile.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "mxaccel/quantize.h"
#include "reference_data.h"

namespace {

uint32_t bits(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

float from_bits(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

mx_elem_spec spec(mx_profile p, const char *name, bool gpu_nan)
{
    mx_elem_spec s{};
    s.profile = p;
    EXPECT_EQ(mx_format_from_name(name, &s.format, nullptr, 0), 0) << name;
    s.round = MX_ROUND_NEAREST;
    s.denorm = true;
    s.gpu_nan = gpu_nan;
    return s;
}

TEST(GpuNan, CudaKernelQeMakesEveryNanMinusZero)
{
    const uint32_t nans[] = {0xffc00000u, 0x7fc00000u, 0x7f800001u, 0xffffffffu, 0x7fffffffu};
    // float formats (the elementwise ones and MX float elements); ints round differently
    for (const char *name : {"fp8", "fp10", "fp12", "fp16", "bfloat16", "fp8_e4m3", "fp6_e3m2"}) {
        const mx_elem_spec with = spec(MX_PROFILE_CUDA_KERNEL, name, true);
        const mx_elem_spec without = spec(MX_PROFILE_CUDA_KERNEL, name, false);
        // 0x7fffffff's exponent carry lands in the sign bit: -0.0 (step 9)
        ASSERT_EQ(bits(mx_quantize_scalar(&without, from_bits(0x7fffffffu))), 0x80000000u) << name;
        for (uint32_t n : nans) {
            EXPECT_EQ(bits(mx_quantize_scalar(&with, from_bits(n))), 0x80000000u)
                << name << " " << std::hex << n;
        }
        // every other value is untouched by the flag
        std::mt19937 rng(7);
        for (int i = 0; i < 100000; i++) {
            const float x = from_bits((uint32_t)rng());
            if (std::isnan(x)) {
                continue;
            }
            ASSERT_EQ(bits(mx_quantize_scalar(&with, x)), bits(mx_quantize_scalar(&without, x)))
                << name << " " << std::hex << bits(x);
        }
    }
}

TEST(GpuNan, OtherProfilesIgnoreTheFlag)
{
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_HW}) {
        const mx_elem_spec with = spec(p, "fp8", true);
        const float y = mx_quantize_scalar(&with, from_bits(0x7fffffffu));
        EXPECT_TRUE(std::isnan(y)) << mx_profile_name(p);
    }
}

// One NaN in fc2's weights: its MX block (32 weights of one output) is NaN,
// so that output's fc2 matmul is NaN. On a CPU that NaN reaches every
// log-probability of every image (softmax sums over the classes); in
// cuda-kernel the Qe after the matmul makes it -0.0 and the outputs stay
// finite, the same for every image as the class's logit is then the bias.
TEST(GpuNan, NanWeightReachesTheOutputOnlyOnACpu)
{
    char err[512];
    mx_cnn_weights w{};
    ASSERT_EQ(mx_cnn_weights_load(mxtest::default_weights_path().c_str(), &w, err, sizeof err), 0)
        << err;
    w.fc2_w[3 * 128 + 5] = from_bits(0xffc00000u); // class 3, input 5
    mx_dataset test{};
    ASSERT_EQ(mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err), 0) << err;
    const size_t n = 16;
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL}) {
        const mx_cnn_config cfg = mxtest::cnn_config_from_names("fp8_e4m3", "fp8", p);
        mx_cnn *net = mx_cnn_create(&w, &cfg, err, sizeof err);
        ASSERT_NE(net, nullptr) << err;
        std::vector<float> lp(n * MX_CNN_CLASSES);
        mx_cnn_infer(net, test.images, n, 1, lp.data(), nullptr, nullptr, nullptr);
        mx_cnn_destroy(net);
        size_t nan = 0;
        for (float v : lp) {
            nan += std::isnan(v);
        }
        if (p == MX_PROFILE_CUDA_KERNEL) {
            EXPECT_EQ(nan, 0u) << "cuda-kernel: the GPU's NaN becomes -0.0 at fc2's Qe";
        } else {
            EXPECT_EQ(nan, lp.size()) << "torch-cpu: the NaN reaches every log-probability";
        }
    }
    mx_dataset_free(&test);
    mx_cnn_weights_free(&w);
}

} // namespace
