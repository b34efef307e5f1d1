// Each backward operation of training against a naive reference written
// here, with the library's public quantizers for Qe and MX blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "train_internal.h"
#include "train_test_util.h"

namespace {

uint32_t bits(float x)
{
    uint32_t u;
    std::memcpy(&u, &x, 4);
    return u;
}

// the same bits, or both NaN
bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || bits(a) == bits(b); }

struct Q {
    mx_cnn_config cfg;
    train_q q;
    explicit Q(mx_profile p, const char *mm = "fp8_e4m3", const char *elem = "fp8")
    {
        cfg = train_config(p, mm, elem);
        train_q_init(&q, &cfg);
    }
    // Qe with the GPU's NaN in cuda-kernel
    float qe(float x) const
    {
        if (!cfg.elem) {
            return x;
        }
        if (cfg.profile == MX_PROFILE_CUDA_KERNEL && std::isnan(x)) {
            const uint32_t gpu = 0x7fffffffu;
            std::memcpy(&x, &gpu, 4);
        }
        mx_elem_spec s{cfg.profile, cfg.elem_fmt, MX_ROUND_NEAREST, false, true, false};
        return mx_quantize_scalar(&s, x);
    }
};

std::vector<float> random_vec(size_t n, float scale, unsigned seed, double zero_frac = 0.1)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.0f, scale);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<float> v(n);
    for (auto &x : v) {
        x = u(rng) < zero_frac ? 0.0f : d(rng);
    }
    return v;
}

class Profiles : public ::testing::TestWithParam<mx_profile> {};

TEST_P(Profiles, LogBackward)
{
    Q q(GetParam());
    std::vector<float> g = random_vec(640, 0.05f, 1), p = random_vec(640, 0.3f, 2, 0.2);
    for (auto &x : p) {
        x = q.qe(std::fabs(x));
    }
    g[0] = 0.0f; // 0 / 0
    p[0] = 0.0f;
    g[1] = -1.0f / 64; // -1/64 / 0 = -Inf
    p[1] = 0.0f;
    std::vector<float> gin = g, out(640);
    train_log_backward(&q.q, gin.data(), p.data(), out.data(), 640);
    for (size_t i = 0; i < 640; i++) {
        const float ref = q.qe(q.qe(g[i]) / p[i]);
        ASSERT_TRUE(same(out[i], ref)) << i << ": " << out[i] << " vs " << ref;
    }
    if (GetParam() == MX_PROFILE_CUDA_KERNEL) {
        EXPECT_EQ(bits(out[0]), 0x80000000u); // the GPU's 0/0 NaN becomes -0.0
    }
}

TEST_P(Profiles, SoftmaxBackward)
{
    Q q(GetParam());
    const size_t rows = 64, c = 10;
    std::vector<float> g = random_vec(rows * c, 0.02f, 3), p = random_vec(rows * c, 0.2f, 4);
    for (auto &x : p) {
        x = q.qe(std::fabs(x));
    }
    std::vector<float> gin = g, out(rows * c);
    train_softmax_backward(&q.q, gin.data(), p.data(), out.data(), rows, c);
    for (size_t r = 0; r < rows; r++) {
        float gq[10], t[10], s = 0.0f;
        for (size_t j = 0; j < c; j++) {
            gq[j] = q.qe(g[r * c + j]);
            t[j] = q.qe(gq[j] * p[r * c + j]);
            s += t[j];
        }
        s = q.qe(s);
        for (size_t j = 0; j < c; j++) {
            const float ref = q.qe(p[r * c + j] * q.qe(gq[j] - s));
            ASSERT_TRUE(same(out[r * c + j], ref)) << r << "," << j;
        }
    }
}

TEST_P(Profiles, ReluBackward)
{
    Q q(GetParam());
    std::vector<float> out = random_vec(1000, 1.0f, 5), g = random_vec(1000, 0.01f, 6), r(1000);
    train_relu_backward(&q.q, out.data(), g.data(), r.data(), 1000);
    for (size_t i = 0; i < 1000; i++) {
        ASSERT_TRUE(same(r[i], q.qe(out[i] > 0 ? g[i] : 0.0f))) << i;
    }
}

// GEMM-backed gradients: the fp32 sum order is OpenBLAS's, so compare with
// a double reference rounded to fp32 and quantized: almost all equal, the
// rest one grid step apart.
void expect_close_quantized(const Q &q, const std::vector<double> &ref, const float *got)
{
    size_t differ = 0;
    for (size_t i = 0; i < ref.size(); i++) {
        const float r = q.qe((float)ref[i]);
        if (!same(r, got[i])) {
            differ++;
            ASSERT_LE(std::fabs(r - got[i]), 0.26f * std::max(std::fabs(r), std::fabs(got[i])) + 1e-30f)
                << i;
        }
    }
    EXPECT_LE(differ, ref.size() / 200 + 1);
}

TEST_P(Profiles, LinearBackward)
{
    Q q(GetParam());
    const size_t n = 40, in = 96, out = 24;
    std::vector<float> g = random_vec(n * out, 0.01f, 7), x = random_vec(n * in, 1.0f, 8),
                       w = random_vec(out * in, 0.1f, 9);
    for (auto &v : g) {
        v = q.qe(v);
    }
    std::vector<float> gw(out * in), gx(n * in), gb(out);
    train_linear_grad_w(&q.q, g.data(), x.data(), n, in, out, 0, 40, gw.data());
    train_linear_grad_w(&q.q, g.data(), x.data(), n, in, out, 40, in, gw.data());
    train_linear_grad_x(&q.q, g.data(), w.data(), n, in, out, 0, 50, gx.data());
    train_linear_grad_x(&q.q, g.data(), w.data(), n, in, out, 50, in, gx.data());
    train_linear_grad_b(&q.q, g.data(), n, out, gb.data());
    std::vector<double> rw(out * in, 0.0), rx(n * in, 0.0);
    for (size_t o = 0; o < out; o++) {
        float sb = 0.0f;
        for (size_t i = 0; i < n; i++) {
            sb += g[i * out + o];
            for (size_t k = 0; k < in; k++) {
                rw[o * in + k] += (double)g[i * out + o] * x[i * in + k];
                rx[i * in + k] += (double)g[i * out + o] * w[o * in + k];
            }
        }
        EXPECT_TRUE(same(gb[o], q.qe(sb))) << o; // bias: batch order, exact
    }
    expect_close_quantized(q, rw, gw.data());
    expect_close_quantized(q, rx, gx.data());
}

TEST_P(Profiles, BatchAxisMxMatchesBlocksOfRows)
{
    // fp4 elements and magnitudes varying along both axes: blocks along a
    // wrong axis would get other scales and other values
    Q q(GetParam(), "fp4_e2m1", "bfloat16");
    for (size_t rows : {64u, 32u, 40u, 8u}) {
        const size_t cols = 300;
        std::vector<float> x = random_vec(rows * cols, 1.0f, 10 + (unsigned)rows);
        for (size_t k = 0; k < x.size(); k++) {
            x[k] = std::ldexp(x[k], (int)(k / cols % 7) - (int)(k % cols % 5));
        }
        // a NaN (x86's) makes its block NaN, whichever path the block takes
        x[5 * cols + 7] = std::numeric_limits<float>::quiet_NaN();
        std::vector<float> y = x;
        train_qmx_rows(&q.q, y.data(), rows, cols, 0, 100);
        train_qmx_rows(&q.q, y.data(), rows, cols, 100, cols);
        mx_block_spec spec = q.q.qa;
        for (size_t c = 0; c < cols; c++) {
            for (size_t r0 = 0; r0 < rows; r0 += 32) {
                const size_t len = std::min<size_t>(32, rows - r0);
                float blk[32], outb[32];
                for (size_t r = 0; r < len; r++) {
                    blk[r] = x[(r0 + r) * cols + c];
                }
                mx_quantize_block(&spec, blk, len, nullptr, outb);
                for (size_t r = 0; r < len; r++) {
                    ASSERT_TRUE(same(outb[r], y[(r0 + r) * cols + c])) << rows << " " << r0 + r;
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Train, Profiles,
                         ::testing::Values(MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL,
                                           MX_PROFILE_HW));

TEST(TrainOps, MaxPoolForwardBackward)
{
    const size_t ch = 3, oh = 4, ih = 8;
    std::vector<float> x = random_vec(ch * ih * ih, 1.0f, 11, 0.3), y(ch * oh * oh),
                       g = random_vec(ch * oh * oh, 1.0f, 12), gx(ch * ih * ih);
    std::vector<uint8_t> idx(ch * oh * oh);
    for (auto &v : x) {
        v = std::max(v, 0.0f); // after relu: ties at zero go to the first
    }
    train_maxpool_forward(x.data(), y.data(), idx.data(), ch, oh);
    train_maxpool_backward(idx.data(), g.data(), gx.data(), ch, oh);
    std::vector<float> ref(ch * ih * ih, 0.0f);
    for (size_t c = 0; c < ch; c++) {
        for (size_t h = 0; h < oh; h++) {
            for (size_t w = 0; w < oh; w++) {
                size_t best = 0;
                float m = -INFINITY;
                for (size_t k = 0; k < 4; k++) {
                    const size_t at = (c * ih + 2 * h + k / 2) * ih + 2 * w + k % 2;
                    if (x[at] > m) {
                        m = x[at];
                        best = at;
                    }
                }
                EXPECT_EQ(y[(c * oh + h) * oh + w], m);
                ref[best] = g[(c * oh + h) * oh + w];
            }
        }
    }
    for (size_t i = 0; i < ref.size(); i++) {
        EXPECT_TRUE(same(ref[i], gx[i])) << i;
    }
}

TEST(TrainOps, ConvGradientsOfOneImage)
{
    const int cin = 4, ih = 7, cout = 5, oh = ih - 2;
    std::vector<float> x = random_vec(cin * ih * ih, 1.0f, 13), g = random_vec(cout * oh * oh, 1.0f, 14),
                       w = random_vec(cout * cin * 9, 1.0f, 15);
    std::vector<float> col(cin * 9 * oh * oh), pw(cout * cin * 9), gx(cin * ih * ih);
    train_conv_grad_w_image(x.data(), g.data(), cin, ih, cout, col.data(), pw.data());
    train_conv_grad_x_image(w.data(), g.data(), cin, ih, cout, col.data(), gx.data());
    std::vector<double> rw(pw.size(), 0.0), rx(gx.size(), 0.0);
    for (int o = 0; o < cout; o++) {
        for (int c = 0; c < cin; c++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    for (int h = 0; h < oh; h++) {
                        for (int ww = 0; ww < oh; ww++) {
                            const double gv = g[(o * oh + h) * oh + ww];
                            rw[(o * cin + c) * 9 + kh * 3 + kw] += gv * x[(c * ih + h + kh) * ih + ww + kw];
                            rx[(c * ih + h + kh) * ih + ww + kw] += gv * w[(o * cin + c) * 9 + kh * 3 + kw];
                        }
                    }
                }
            }
        }
    }
    for (size_t i = 0; i < rw.size(); i++) {
        EXPECT_NEAR(pw[i], rw[i], 1e-4) << i;
    }
    for (size_t i = 0; i < rx.size(); i++) {
        EXPECT_NEAR(gx[i], rx[i], 1e-4) << i;
    }
}

TEST(TrainOps, NllLossAndGradient)
{
    float lp[2 * 10];
    for (int i = 0; i < 20; i++) {
        lp[i] = -0.1f * (float)i;
    }
    const uint8_t labels[2] = {3, 7};
    EXPECT_FLOAT_EQ(train_nll_loss(lp, labels, 2), (0.3f + 1.7f) / 2);
    float g[20];
    train_nll_backward(labels, 2, g);
    for (int i = 0; i < 20; i++) {
        EXPECT_EQ(g[i], (i == 3 || i == 17) ? -0.5f : 0.0f);
    }
}

TEST(TrainOps, AdadeltaFollowsPytorchOrder)
{
    std::vector<float> p = random_vec(100, 0.1f, 16), g = random_vec(100, 0.01f, 17),
                       sq = random_vec(100, 1e-4f, 18), acc = random_vec(100, 1e-4f, 19);
    for (size_t i = 0; i < 100; i++) {
        sq[i] = std::fabs(sq[i]);
        acc[i] = std::fabs(acc[i]);
    }
    std::vector<float> p2 = p, sq2 = sq, acc2 = acc;
    train_adadelta(p2.data(), g.data(), sq2.data(), acc2.data(), 100, 0.7, 0.9, 1e-6);
    for (size_t i = 0; i < 100; i++) {
        float s = sq[i] * 0.9f;
        s = s + 0.1f * g[i] * g[i];
        const float std_ = std::sqrt(s + 1e-6f);
        const float d = std::sqrt(acc[i] + 1e-6f) / std_ * g[i];
        float a = acc[i] * 0.9f;
        a = a + 0.1f * d * d;
        EXPECT_TRUE(same(sq2[i], s));
        EXPECT_TRUE(same(acc2[i], a));
        EXPECT_TRUE(same(p2[i], std::fma(-0.7f, d, p[i])));
    }
}

TEST(TrainOps, RngShuffleAndDropout)
{
    std::vector<uint32_t> a(1000), b(1000), c(1000);
    train_shuffle(1, 0, a.data(), 1000);
    train_shuffle(1, 0, b.data(), 1000);
    train_shuffle(1, 1, c.data(), 1000);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    std::vector<uint32_t> s = a;
    std::sort(s.begin(), s.end());
    for (uint32_t i = 0; i < 1000; i++) {
        ASSERT_EQ(s[i], i);
    }
    std::vector<uint8_t> m(100000);
    train_dropout_mask(1, 0, 1, 0, 0.25f, m.data(), m.size());
    size_t kept = 0;
    for (uint8_t v : m) {
        kept += v;
    }
    EXPECT_NEAR((double)kept / (double)m.size(), 0.75, 0.01);
}

} // namespace

namespace {

// The per-trainer network refreshed in place gives the bits of a network
// made from scratch by mx_cnn_create.
TEST(TrainNet, RefreshedNetworkMatchesFreshOne)
{
    const mx_dataset *ds = train_dataset(1);
    if (!ds) {
        GTEST_SKIP() << "Fashion-MNIST not installed";
    }
    for (mx_profile p : {MX_PROFILE_TORCH_CPU, MX_PROFILE_CUDA_KERNEL}) {
        const mx_cnn_config cfg = train_config(p, "fp8_e4m3", "fp8");
        mx_train_options opt;
        mx_train_options_default(&opt);
        char err[256];
        mx_trainer *t = mx_trainer_create(&cfg, &opt, nullptr, err, sizeof err);
        ASSERT_NE(t, nullptr) << err;
        mx_train_epoch_stats st;
        ASSERT_EQ(mx_trainer_run_epoch(t, ds->images, ds->labels, 128, 1.0, 2, &st, err, sizeof err), 0);
        const mx_cnn *refreshed = train_net_prepare(t, 2, err, sizeof err);
        ASSERT_NE(refreshed, nullptr) << err;
        mx_cnn_weights w;
        mx_trainer_weights(t, &w);
        mx_cnn *fresh = mx_cnn_create(&w, &cfg, err, sizeof err);
        ASSERT_NE(fresh, nullptr) << err;
        const size_t n = 200;
        std::vector<float> a(n * 10), b(n * 10);
        mx_cnn_infer(refreshed, ds->images, n, 2, a.data(), nullptr, nullptr, nullptr);
        mx_cnn_infer(fresh, ds->images, n, 2, b.data(), nullptr, nullptr, nullptr);
        for (size_t i = 0; i < n * 10; i++) {
            ASSERT_TRUE(same(a[i], b[i])) << i;
        }
        mx_cnn_destroy(fresh);
        mx_trainer_destroy(t);
    }
}

} // namespace

namespace {

// conv2's quantized input gradient, composed: Qe(conv_transpose(Qmx(Qe(W),
// out channels), Qmx(g, channels))), against a naive one built from
// single MX blocks and direct convolution sums.
TEST_P(Profiles, Conv2InputGradientComposed)
{
    // fp4 elements: with two binades of normals, the blocks' scales decide
    // the values, so MX along a wrong axis would show
    Q q(GetParam(), "fp4_e2m1", "bfloat16");
    mx_train_options opt;
    mx_train_options_default(&opt);
    char err[256];
    mx_trainer *t = mx_trainer_create(&q.cfg, &opt, nullptr, err, sizeof err);
    ASSERT_NE(t, nullptr) << err;
    ASSERT_EQ(train_ensure_scratch(t, 1), 0);
    // magnitudes that vary along both axes, so that blocks along the wrong
    // axis would get other scales
    std::vector<float> wr = random_vec(64 * 288, 0.02f, 21, 0.0);
    for (size_t k = 0; k < wr.size(); k++) {
        const int o = (int)(k / 288), c = (int)(k % 288 / 9);
        t->w[train_param_offset[TP_C2W] + k] = std::ldexp(wr[k], o % 8 - c % 8);
    }
    ASSERT_NE(train_net_prepare(t, 1, err, sizeof err), nullptr) << err;
    std::vector<float> g = random_vec(64 * 576, 0.05f, 20, 0.75), gx(32 * 676);
    for (size_t k = 0; k < g.size(); k++) {
        g[k] = q.qe(std::ldexp(g[k], (int)(k % 576 % 8) - (int)(k / 576 % 4)));
    }
    train_conv2_grad_x(t, &t->scratch[0], g.data(), gx.data());

    // blocks of 32 along the first axis of [64][inner]
    auto qmx_rows = [&](std::vector<float> x, size_t inner, const mx_block_spec &spec) {
        for (size_t c = 0; c < inner; c++) {
            for (size_t r0 = 0; r0 < 64; r0 += 32) {
                float blk[32];
                for (size_t r = 0; r < 32; r++) {
                    blk[r] = x[(r0 + r) * inner + c];
                }
                mx_quantize_block(&spec, blk, 32, nullptr, blk);
                for (size_t r = 0; r < 32; r++) {
                    x[(r0 + r) * inner + c] = blk[r];
                }
            }
        }
        return x;
    };
    std::vector<float> w(t->w + train_param_offset[TP_C2W], t->w + train_param_offset[TP_C2W] + 64 * 288);
    for (auto &v : w) {
        v = q.qe(v);
    }
    const std::vector<float> wq = qmx_rows(w, 288, q.q.qw), gq = qmx_rows(g, 576, q.q.qa);
    std::vector<double> ref(32 * 676, 0.0);
    for (int o = 0; o < 64; o++) {
        for (int c = 0; c < 32; c++) {
            for (int k = 0; k < 9; k++) {
                const double wv = wq[(o * 32 + c) * 9 + k];
                for (int y = 0; y < 24; y++) {
                    for (int x = 0; x < 24; x++) {
                        ref[(c * 26 + y + k / 3) * 26 + x + k % 3] += wv * gq[o * 576 + y * 24 + x];
                    }
                }
            }
        }
    }
    expect_close_quantized(q, ref, gx.data());
    size_t nonzero = 0;
    for (float v : gx) {
        nonzero += v != 0.0f;
    }
    EXPECT_GT(nonzero, gx.size() * 9 / 10); // a test of values, not of zeros
    mx_trainer_destroy(t);
}

} // namespace

namespace {

// The convolutions' weight gradients of a whole batch (40 images: a full
// and a partial MX block along the batch), recomputed from the batch's
// MX-quantized saved tensors: Qe(sum over images of g * im2col(x)^T).
TEST(TrainBatch, ConvWeightGradientsFromSavedTensors)
{
    const mx_dataset *ds = train_dataset(1);
    if (!ds) {
        GTEST_SKIP() << "Fashion-MNIST not installed";
    }
    Q q(MX_PROFILE_CUDA_KERNEL);
    mx_train_options opt;
    mx_train_options_default(&opt);
    char err[256];
    mx_trainer *t = mx_trainer_create(&q.cfg, &opt, nullptr, err, sizeof err);
    ASSERT_NE(t, nullptr) << err;
    ASSERT_EQ(train_ensure_scratch(t, 2), 0);
    const size_t n = 40;
    const uint8_t *img[n];
    uint8_t lab[n];
    for (size_t i = 0; i < n; i++) {
        img[i] = ds->images + (i + 100) * 784;
        lab[i] = ds->labels[i + 100];
    }
    const float loss = train_batch_gradients(t, img, lab, n, 0, 0, 2);
    EXPECT_TRUE(std::isfinite(loss));
    const train_batch *b = &t->b;
    struct Layer {
        const float *x, *g;
        int cin, ih, cout;
        size_t param;
    } layers[2] = {{b->r1, b->g2, 32, 26, 64, train_param_offset[TP_C2W]},
                   {b->x1, b->g1, 1, 28, 32, train_param_offset[TP_C1W]}};
    for (const Layer &l : layers) {
        const int oh = l.ih - 2;
        std::vector<double> ref((size_t)l.cout * l.cin * 9, 0.0);
        for (size_t i = 0; i < n; i++) {
            const float *x = l.x + i * (size_t)l.cin * l.ih * l.ih;
            const float *g = l.g + i * (size_t)l.cout * oh * oh;
            for (int o = 0; o < l.cout; o++) {
                for (int c = 0; c < l.cin; c++) {
                    for (int k = 0; k < 9; k++) {
                        double s = 0.0;
                        for (int y = 0; y < oh; y++) {
                            for (int xx = 0; xx < oh; xx++) {
                                s += (double)g[(o * oh + y) * oh + xx] *
                                     x[(c * l.ih + y + k / 3) * l.ih + xx + k % 3];
                            }
                        }
                        ref[((size_t)o * l.cin + c) * 9 + k] += s;
                    }
                }
            }
        }
        size_t nonzero = 0;
        for (size_t k = 0; k < ref.size(); k++) {
            nonzero += t->grad[l.param + k] != 0.0f;
        }
        EXPECT_GT(nonzero, ref.size() / 2);
        expect_close_quantized(q, ref, t->grad + l.param);
    }
    mx_trainer_destroy(t);
}

} // namespace
