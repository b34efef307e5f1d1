/* The two convolutions (3x3, stride 1, no padding), bias included.
 *
 * torch-cpu / cuda-kernel: im2col + one fp32 GEMM (OpenBLAS), then + bias.
 * PyTorch runs conv2d through oneDNN, the GPU through cuDNN; their fp32
 * summation orders differ from ours and from each other, so raw sums agree
 * statistically, and bit for bit once quantized (docs/cnn.md).
 * hw: per output, the exact dot of each MX block (the 32 input channels at
 * one kernel tap (kh, kw)) rounded once to fp32, accumulated in fp32 in
 * tap order (kh, kw), then + bias (docs/hw-arithmetic.md). */
#include <cblas.h>
#include <string.h>

#include "cnn_internal.h"
#include "exact_gemm.h"
#include "hw_dot.h"

/* col[c*9 + kh*3 + kw][p] = x[c][h+kh][w+kw] for output pixel p = h*ow + w */
static void im2col(const float *x, int cin, int ih, float *col)
{
    const int oh = ih - 2;
    for (int c = 0; c < cin; c++) {
        for (int kh = 0; kh < 3; kh++) {
            for (int kw = 0; kw < 3; kw++) {
                float *dst = col + (size_t)(c * 9 + kh * 3 + kw) * (size_t)(oh * oh);
                for (int h = 0; h < oh; h++) {
                    const float *src = x + ((size_t)c * ih + (size_t)(h + kh)) * ih + kw;
                    memcpy(dst + (size_t)h * oh, src, (size_t)oh * sizeof(float));
                }
            }
        }
    }
}

static void conv_gemm(const float *x, const float *w, const float *b, float *y, size_t n, int cin,
                      int ih, int cout, float *col)
{
    const int oh = ih - 2;
    const int p = oh * oh;
    const int k = cin * 9;
    for (size_t i = 0; i < n; i++) {
        im2col(x + i * (size_t)cin * ih * ih, cin, ih, col);
        float *out = y + i * (size_t)cout * p;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, cout, p, k, 1.0f, w, k, col, p,
                    0.0f, out, p);
        for (int o = 0; o < cout; o++) {
            for (int q = 0; q < p; q++) {
                out[(size_t)o * p + q] += b[o];
            }
        }
    }
}

/* hw: w_khwc[o][kh][kw][c]; x transposed to [h][w][c] doubles per image. */
static void conv_hw(const mx_cnn *net, const float *x, const float *w_khwc, const float *b,
                    float *y, size_t n, int cin, int ih, int cout, cnn_workspace *ws)
{
    const int oh = ih - 2;
    const size_t bs = (size_t)net->cfg.block_size;
    double *xd = ws->dcol;                       /* [ih][ih][cin] */
    double *wd = ws->dcol + (size_t)ih * ih * cin; /* [cout][9][cin] */
    for (size_t j = 0; j < (size_t)cout * 9 * cin; j++) {
        wd[j] = (double)w_khwc[j];
    }
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + i * (size_t)cin * ih * ih;
        for (int c = 0; c < cin; c++) {
            for (int s = 0; s < ih * ih; s++) {
                xd[(size_t)s * cin + c] = (double)xi[(size_t)c * ih * ih + s];
            }
        }
        float *out = y + i * (size_t)cout * oh * oh;
        for (int o = 0; o < cout; o++) {
            for (int h = 0; h < oh; h++) {
                for (int ww = 0; ww < oh; ww++) {
                    float acc = 0.0f;
                    for (int t = 0; t < 9; t++) {
                        const int kh = t / 3, kw = t % 3;
                        const double *xa = xd + ((size_t)(h + kh) * ih + (size_t)(ww + kw)) * cin;
                        const double *wa = wd + ((size_t)o * 9 + (size_t)t) * cin;
                        for (size_t c0 = 0; c0 < (size_t)cin; c0 += bs) {
                            const size_t len = (size_t)cin - c0 < bs ? (size_t)cin - c0 : bs;
                            acc += hw_block_dot(xa + c0, wa + c0, len, net->hw_dot_exact_double);
                        }
                    }
                    out[((size_t)o * oh + h) * oh + ww] = acc + b[o];
                }
            }
        }
    }
}

/* hw when block dots are exact in double: per tap (kh, kw) and channel
 * block, D = W_tap[:, block] * X_tap[block, :] as one exact matrix product,
 * then each output accumulates fp32(D) in the same order as conv_hw. */
static void conv_hw_exact(const mx_cnn *net, const float *x, const double *wd, const float *b,
                          float *y, size_t n, int cin, int ih, int cout, cnn_workspace *ws)
{
    const int oh = ih - 2;
    const size_t p = (size_t)oh * oh;
    const size_t bs = (size_t)net->cfg.block_size;
    double *xt = ws->dcol;               /* [cin][p]: the input window of one tap */
    double *d = ws->dcol + (size_t)cin * p; /* [cout][p] */
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + i * (size_t)cin * ih * ih;
        float *out = y + i * (size_t)cout * p;
        memset(out, 0, (size_t)cout * p * sizeof *out);
        for (int t = 0; t < 9; t++) {
            const int kh = t / 3, kw = t % 3;
            for (int c = 0; c < cin; c++) {
                for (int h = 0; h < oh; h++) {
                    const float *src = xi + ((size_t)c * ih + (size_t)(h + kh)) * ih + kw;
                    double *dst = xt + (size_t)c * p + (size_t)h * oh;
                    for (int w = 0; w < oh; w++) {
                        dst[w] = (double)src[w];
                    }
                }
            }
            const double *wt = wd + (size_t)t * cout * cin;
            for (size_t c0 = 0; c0 < (size_t)cin; c0 += bs) {
                const size_t len = (size_t)cin - c0 < bs ? (size_t)cin - c0 : bs;
                mx_exact_gemm(wt + c0, xt + c0 * p, d, (size_t)cout, p, len, (size_t)cin);
                for (size_t j = 0; j < (size_t)cout * p; j++) {
                    out[j] += d[j] == 0.0 ? 0.0f : (float)d[j]; /* an exact zero is +0 */
                }
            }
        }
        for (int o = 0; o < cout; o++) {
            for (size_t q = 0; q < p; q++) {
                out[(size_t)o * p + q] += b[o];
            }
        }
    }
}

void cnn_conv1(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws)
{
    if (net->cfg.profile == MX_PROFILE_HW) {
        if (net->c1wd) {
            conv_hw_exact(net, x, net->c1wd, net->c1b, y, n, 1, IMG, C1_OUT, ws);
            return;
        }
        /* one input channel: [o][1][kh][kw] is already [o][kh][kw][c] */
        conv_hw(net, x, net->c1w, net->c1b, y, n, 1, IMG, C1_OUT, ws);
    } else {
        conv_gemm(x, net->c1w, net->c1b, y, n, 1, IMG, C1_OUT, ws->col);
    }
}

void cnn_conv2(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws)
{
    if (net->cfg.profile == MX_PROFILE_HW) {
        if (net->c2wd) {
            conv_hw_exact(net, x, net->c2wd, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws);
            return;
        }
        conv_hw(net, x, net->c2w_khwc, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws);
    } else {
        conv_gemm(x, net->c2w, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws->col);
    }
}
