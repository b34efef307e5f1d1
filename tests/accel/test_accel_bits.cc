// The cycle-level accelerator model (model/accel) against the golden
// library's hw profile: test images compiled for a format configuration and
// an array shape and run through accel_model_run give the log-probabilities
// of mx_cnn_infer (MX_PROFILE_HW) bit for bit. The reference is always the
// golden library, never the model.
//
// CI (label accel): part of the seed's 5x5 grid (matmul int2 int8 fp8_e4m3
// fp8_e5m2 bfloat16 x elementwise bfloat16 fp16 fp12 fp10 fp8) on both
// weight files and two array shapes, a batched program, and a sample of
// other PE format pairs. Long (label long, "Full" in the name): the whole
// grid on 10000 images (8x8) and on 100 images (16x16).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "accel.h"
#include "compile.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "params.h"
#include "program.h"

namespace {

enum WeightsId { kDefault = 0, kSeed = 1, kWeightsCount };

const char *const kWeightsPath[kWeightsCount] = {MXACCEL_DEFAULT_WEIGHTS, MXACCEL_SEED_WEIGHTS};
const char *const kWeightsName[kWeightsCount] = {"default", "seed"};

// The test set and both weight files, loaded once per process on first use.
struct Shared {
    mx_dataset test{};
    mx_cnn_weights w[kWeightsCount]{};
    std::string error; // empty when everything loaded
    Shared()
    {
        char err[512];
        if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) != 0) {
            error = std::string("dataset: ") + err;
            return;
        }
        for (int i = 0; i < kWeightsCount; i++) {
            if (mx_cnn_weights_load(kWeightsPath[i], &w[i], err, sizeof err) != 0) {
                error = std::string(kWeightsPath[i]) + ": " + err;
                return;
            }
        }
    }
    ~Shared()
    {
        for (auto &x : w) {
            mx_cnn_weights_free(&x);
        }
        mx_dataset_free(&test);
    }
};

const Shared &shared()
{
    static const Shared s;
    return s;
}

// Two threads, or one on a single-core machine.
int thread_count()
{
    const unsigned hc = std::thread::hardware_concurrency();
    return hc == 1 ? 1 : 2;
}

struct Shape {
    int rows, cols;
};

// One configuration on one or more array shapes: the golden run is shared by
// the shapes (ctest runs every test in a process of its own).
struct Case {
    WeightsId weights;
    const char *a_fmt, *w_fmt, *elem;
    int batch;  // hw.batch = images per run
    int images; // a multiple of batch
    std::vector<Shape> shapes;
};

std::string shape_text(const Shape &s) { return std::to_string(s.rows) + "x" + std::to_string(s.cols); }

std::string describe(const Case &c)
{
    std::ostringstream s;
    s << kWeightsName[c.weights] << " weights, matmul " << c.a_fmt << " x " << c.w_fmt << ", elem "
      << c.elem << ", batch " << c.batch << ", " << c.images << " images, array";
    for (const Shape &sh : c.shapes) {
        s << " " << shape_text(sh);
    }
    return s.str();
}

std::string case_name(const ::testing::TestParamInfo<Case> &info)
{
    const Case &c = info.param;
    std::string s = std::string(kWeightsName[c.weights]) + "_" + c.a_fmt;
    if (std::strcmp(c.a_fmt, c.w_fmt) != 0) {
        s += std::string("_") + c.w_fmt;
    }
    s += std::string("_") + c.elem;
    for (const Shape &sh : c.shapes) {
        s += "_" + shape_text(sh);
    }
    if (c.batch != 1) {
        s += "_b" + std::to_string(c.batch);
    }
    s += "_n" + std::to_string(c.images);
    return s;
}

// cfg for a case: the hw profile, both operands MX-quantized, an elementwise format.
::testing::AssertionResult make_config(const Case &c, mx_cnn_config *cfg)
{
    char err[512];
    mx_cnn_config_default(cfg);
    cfg->profile = MX_PROFILE_HW;
    cfg->a_mx = cfg->w_mx = cfg->elem = true;
    if (mx_format_from_name(c.a_fmt, &cfg->a_fmt, err, sizeof err) != 0 ||
        mx_format_from_name(c.w_fmt, &cfg->w_fmt, err, sizeof err) != 0 ||
        mx_format_from_name(c.elem, &cfg->elem_fmt, err, sizeof err) != 0 ||
        mx_cnn_config_check(cfg, err, sizeof err) != 0) {
        return ::testing::AssertionFailure() << err;
    }
    return ::testing::AssertionSuccess();
}

// Golden hw-profile log-probabilities, cached per (weights, formats, images)
// so that the same configuration on another array shape does not recompute them.
::testing::AssertionResult golden(const Case &c, const mx_cnn_config &cfg, const float **out)
{
    static std::mutex mu;
    static std::map<std::tuple<int, std::string, std::string, std::string, int>, std::vector<float>>
        cache;
    const auto key = std::make_tuple(static_cast<int>(c.weights), std::string(c.a_fmt),
                                     std::string(c.w_fmt), std::string(c.elem), c.images);
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it == cache.end()) {
        char err[512];
        mx_cnn *net = mx_cnn_create(&shared().w[c.weights], &cfg, err, sizeof err);
        if (!net) {
            return ::testing::AssertionFailure() << "mx_cnn_create: " << err;
        }
        std::vector<float> lp(static_cast<size_t>(c.images) * MX_CNN_CLASSES);
        mx_cnn_infer(net, shared().test.images, static_cast<size_t>(c.images), thread_count(),
                     lp.data(), nullptr, nullptr, nullptr);
        mx_cnn_destroy(net);
        it = cache.emplace(key, std::move(lp)).first;
    }
    *out = it->second.data();
    return ::testing::AssertionSuccess();
}

// Runs c.images images through the model, prog.images at a time, the runs
// split in contiguous ranges over threads (one accel_model each).
::testing::AssertionResult run_model(const accel_program &prog, int images, int threads,
                                     std::vector<float> *lp)
{
    const size_t per = prog.images;
    const size_t runs = static_cast<size_t>(images) / per;
    lp->assign(static_cast<size_t>(images) * MX_CNN_CLASSES, 0.0f);
    threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), runs));
    std::vector<std::string> errors(static_cast<size_t>(threads));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++) {
        const size_t first = runs * static_cast<size_t>(t) / static_cast<size_t>(threads);
        const size_t last = runs * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
        pool.emplace_back([&, t, first, last] {
            char err[512];
            accel_model *m = accel_model_create(&prog, err, sizeof err);
            if (!m) {
                errors[static_cast<size_t>(t)] = std::string("accel_model_create: ") + err;
                return;
            }
            for (size_t r = first; r < last; r++) {
                accel_counters counters;
                accel_model_run(m, shared().test.images + r * per * MX_CNN_IMAGE_PIXELS,
                                lp->data() + r * per * MX_CNN_CLASSES, nullptr, &counters);
                if (counters.cycles == 0) {
                    errors[static_cast<size_t>(t)] = "run " + std::to_string(r) + " took 0 cycles";
                    break;
                }
            }
            accel_model_destroy(m);
        });
    }
    for (auto &th : pool) {
        th.join();
    }
    for (const auto &e : errors) {
        if (!e.empty()) {
            return ::testing::AssertionFailure() << e;
        }
    }
    return ::testing::AssertionSuccess();
}

std::string hex(uint32_t u)
{
    char s[16];
    std::snprintf(s, sizeof s, "0x%08x", u);
    return s;
}

uint32_t bits(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

long ms_since(std::chrono::steady_clock::time_point t0)
{
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - t0)
                                 .count());
}

// One shape: compile, run the model, compare with ref bit for bit.
void check_shape(const Case &c, const mx_cnn_config &cfg, const Shape &shape, const float *ref)
{
    SCOPED_TRACE(shape_text(shape) + " array");
    const Shared &sh = shared();
    char err[512];
    accel_params hw;
    accel_params_default(&hw);
    hw.rows = shape.rows;
    hw.cols = shape.cols;
    hw.batch = c.batch;
    accel_program prog{};
    ASSERT_EQ(accel_compile(&sh.w[c.weights], &cfg, &hw, static_cast<uint32_t>(c.batch), &prog, err,
                            sizeof err),
              0)
        << err;
    struct Free {
        accel_program *p;
        ~Free() { accel_program_free(p); }
    } free_prog{&prog};
    ASSERT_EQ(prog.images, static_cast<uint32_t>(c.batch));
    ASSERT_EQ(accel_program_check(&prog, err, sizeof err), 0) << err;

    std::vector<float> got;
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(run_model(prog, c.images, thread_count(), &got));
    std::printf("model %s: %ld ms (%d images, %d threads)\n", shape_text(shape).c_str(), ms_since(t0),
                c.images, thread_count());

    // Bit patterns, not values: NaN payloads, signed zeros and all.
    size_t bad_images = 0, first = SIZE_MAX;
    for (size_t i = 0; i < static_cast<size_t>(c.images); i++) {
        for (size_t k = 0; k < MX_CNN_CLASSES; k++) {
            if (bits(got[i * MX_CNN_CLASSES + k]) != bits(ref[i * MX_CNN_CLASSES + k])) {
                if (first == SIZE_MAX) {
                    first = i * MX_CNN_CLASSES + k;
                }
                bad_images++;
                break;
            }
        }
    }
    if (first != SIZE_MAX) {
        const size_t i = first / MX_CNN_CLASSES, k = first % MX_CNN_CLASSES;
        ADD_FAILURE() << bad_images << " of " << c.images << " images differ; first: image " << i
                      << " class " << k << ": model " << hex(bits(got[first])) << " ("
                      << got[first] << "), golden hw " << hex(bits(ref[first])) << " ("
                      << ref[first] << ")";
    }
}

void check_case(const Case &c)
{
    const Shared &sh = shared();
    ASSERT_TRUE(sh.error.empty()) << sh.error;
    ASSERT_GT(c.batch, 0);
    ASSERT_EQ(c.images % c.batch, 0) << "images must be a multiple of the batch";
    ASSERT_LE(c.images, sh.test.count);
    ASSERT_EQ(sh.test.rows * sh.test.cols, MX_CNN_IMAGE_PIXELS);
    SCOPED_TRACE(describe(c));

    mx_cnn_config cfg;
    ASSERT_TRUE(make_config(c, &cfg));
    char err[512];
    ASSERT_EQ(accel_config_check(&cfg, err, sizeof err), 0) << err;
    const float *ref = nullptr;
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(golden(c, cfg, &ref));
    std::printf("golden hw: %ld ms (%d images, %d threads)\n", ms_since(t0), c.images,
                thread_count());
    for (const Shape &shape : c.shapes) {
        check_shape(c, cfg, shape, ref);
    }
}

void PrintTo(const Case &c, std::ostream *os) { *os << describe(c); }

class AccelBits : public ::testing::TestWithParam<Case> {};
class AccelBitsFull : public ::testing::TestWithParam<Case> {};

TEST_P(AccelBits, LogprobsMatchGoldenHw) { check_case(GetParam()); }
TEST_P(AccelBitsFull, LogprobsMatchGoldenHw) { check_case(GetParam()); }

// The seed's grid: matmul formats x elementwise formats.
const char *const kGridMatmul[] = {"int2", "int8", "fp8_e4m3", "fp8_e5m2", "bfloat16"};
const char *const kGridElem[] = {"bfloat16", "fp16", "fp12", "fp10", "fp8"};

std::vector<Case> grid_ci()
{
    const char *const configs[][2] = {{"fp8_e4m3", "fp8"}, {"int2", "fp12"}, {"bfloat16", "fp16"}};
    std::vector<Case> v;
    for (int w = 0; w < kWeightsCount; w++) {
        for (const auto &cf : configs) {
            v.push_back({static_cast<WeightsId>(w), cf[0], cf[0], cf[1], 1, 200, {{8, 8}, {16, 4}}});
        }
    }
    return v;
}

INSTANTIATE_TEST_SUITE_P(Grid, AccelBits, ::testing::ValuesIn(grid_ci()), case_name);

// A program for 3 images per run: fc1 and fc2 reuse each weight block across them.
INSTANTIATE_TEST_SUITE_P(Batch, AccelBits,
                         ::testing::Values(Case{kDefault, "fp8_e4m3", "fp8_e4m3", "fp8", 3, 99, {{8, 8}}},
                                           Case{kSeed, "int8", "int8", "fp10", 3, 99, {{8, 8}}}),
                         case_name);

// Other PE format pairs (a_fmt != w_fmt for MX element formats) and shapes.
INSTANTIATE_TEST_SUITE_P(
    PePairs, AccelBits,
    ::testing::Values(Case{kDefault, "fp6_e2m3", "fp6_e2m3", "fp10", 1, 100, {{5, 3}}},
                      Case{kSeed, "int4", "int4", "fp12", 1, 100, {{8, 16}}},
                      Case{kDefault, "fp4_e2m1", "int8", "bfloat12", 1, 100, {{8, 16}}},
                      Case{kSeed, "fp6_e3m2", "fp8_e5m2", "fp16", 1, 100, {{5, 3}}}),
    case_name);

std::vector<Case> grid_full(Shape shape, int images)
{
    std::vector<Case> v;
    for (int w = 0; w < kWeightsCount; w++) {
        for (const char *mm : kGridMatmul) {
            for (const char *e : kGridElem) {
                v.push_back({static_cast<WeightsId>(w), mm, mm, e, 1, images, {shape}});
            }
        }
    }
    return v;
}

INSTANTIATE_TEST_SUITE_P(Full10k, AccelBitsFull, ::testing::ValuesIn(grid_full({8, 8}, 10000)),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Full16x16, AccelBitsFull, ::testing::ValuesIn(grid_full({16, 16}, 100)),
                         case_name);

} // namespace
