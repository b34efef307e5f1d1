/* The two convolutions (3x3, stride 1, no padding), bias included.
 *
 * torch-cpu / cuda-kernel: im2col + one fp32 GEMM (OpenBLAS), then + bias.
 * PyTorch runs conv2d through oneDNN, the GPU through cuDNN; their fp32
 * summation orders differ from ours and from each other, so raw sums agree
 * statistically, and bit for bit once quantized (docs/cnn.md).
 * hw: per output, the exact dot of each MX block (the 32 input channels at
 * one kernel tap (kh, kw); bfloat16 blocks: the aligned rule) rounded once
 * to fp32, accumulated in fp32 in tap order (kh, kw), then + bias
 * (docs/hw-arithmetic.md). */
#include <cblas.h>
#include <string.h>

#include "bf16_gemm.h"
#include "cnn_internal.h"
#include "exact_gemm.h"
#include "exact_sparse.h"
#include "hw_dot.h"
#include "hw_dot_aligned.h"

/* col[c*9 + kh*3 + kw][p] = x[c][h+kh][w+kw] for output pixel p = h*ow + w,
 * for elements of esize bytes (fp32, or bf16 for bf16 GEMMs) */
static void im2col(const void *x, size_t esize, int cin, int ih, void *col)
{
    const int oh = ih - 2;
    const char *xs = x;
    char *cs = col;
    for (int c = 0; c < cin; c++) {
        for (int kh = 0; kh < 3; kh++) {
            for (int kw = 0; kw < 3; kw++) {
                char *dst = cs + (size_t)(c * 9 + kh * 3 + kw) * (size_t)(oh * oh) * esize;
                for (int h = 0; h < oh; h++) {
                    const size_t src = (((size_t)c * ih + (size_t)(h + kh)) * ih + (size_t)kw);
                    memcpy(dst + (size_t)h * oh * esize, xs + src * esize, (size_t)oh * esize);
                }
            }
        }
    }
}

static void add_bias(float *out, const float *b, int cout, int p)
{
    for (int o = 0; o < cout; o++) {
        for (int q = 0; q < p; q++) {
            out[(size_t)o * p + q] += b[o];
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
        im2col(x + i * (size_t)cin * ih * ih, sizeof(float), cin, ih, col);
        float *out = y + i * (size_t)cout * p;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, cout, p, k, 1.0f, w, k, col, p,
                    0.0f, out, p);
        add_bias(out, b, cout, p);
    }
}

/* torch-cpu / cuda-kernel conv2 on bf16 dot products, image by image where
 * the operands are exact in bf16 (bf16_gemm.h); conv_gemm elsewhere. */
static void conv2_bf16(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws)
{
    uint16_t *xb = ws->xb;
    uint16_t *col = ws->xb + (size_t)C2_IN * C1_P;
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + i * (size_t)C2_IN * C1_P;
        float *out = y + i * (size_t)C2_OUT * C2_P;
        if (!bf16_from_f32_checked(xi, xb, (size_t)C2_IN * C1_P)) {
            conv_gemm(xi, net->c2w, net->c2b, out, 1, C2_IN, C1_HW, C2_OUT, ws->col);
            continue;
        }
        im2col(xb, sizeof *xb, C2_IN, C1_HW, col);
        bf16_gemm_run(ws->conv2_bf16, net->c2w_bf16, col, out);
        add_bias(out, net->c2b, C2_OUT, C2_P);
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
                            const double *xb = xa + c0, *wb = wa + c0;
                            acc += net->hw_dot_aligned
                                       ? hw_block_dot_aligned(xb, wb, len)
                                       : hw_block_dot(xb, wb, len, net->hw_dot_exact_double);
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

/* hw, exact block dots over the non-zero activations only
 * (kernels/exact_sparse.c); wt is [tap][c][o]. Same sums, same order of
 * the fp32 accumulation as conv_hw_exact. */
static void conv_hw_sparse(const mx_cnn *net, const float *x, const double *wt, const float *b,
                           float *y, size_t n, cnn_workspace *ws)
{
    enum { CIN = C2_IN, IH = C1_HW, OH = C2_HW, COUT = C2_OUT };
    const size_t bs = (size_t)net->cfg.block_size;
    const size_t nb = (CIN + bs - 1) / bs;
    uint16_t *idx = ws->nz_idx;
    double *val = ws->nz_val;
    uint32_t *start = ws->nz_start; /* [pixel][block], plus the end */
    float *acc = ws->acc;           /* [output pixel][COUT] */
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + i * (size_t)CIN * IH * IH;
        uint32_t cur = 0;
        for (size_t s = 0; s < (size_t)IH * IH; s++) {
            for (size_t k = 0; k < nb; k++) {
                start[s * nb + k] = cur;
                const size_t c1 = (k + 1) * bs < CIN ? (k + 1) * bs : CIN;
                for (size_t c = k * bs; c < c1; c++) {
                    const float v = xi[c * IH * IH + s];
                    idx[cur] = (uint16_t)c;
                    val[cur] = v;
                    cur += v != 0.0f; /* NaN stays */
                }
            }
        }
        start[(size_t)IH * IH * nb] = cur;
        memset(acc, 0, (size_t)C2_P * COUT * sizeof *acc);
        for (int t = 0; t < 9; t++) {
            const size_t kh = (size_t)t / 3, kw = (size_t)t % 3;
            const double *w = wt + (size_t)t * CIN * COUT;
            for (size_t h = 0; h < OH; h++) {
                /* one output row: its pixels' lists are nb apart */
                const uint32_t *st = start + ((h + kh) * IH + kw) * nb;
                for (size_t k = 0; k < nb; k++) {
                    mx_exact_sparse_acc64(w, COUT, idx, val, st + k, nb, OH, acc + h * OH * COUT,
                                          COUT);
                }
            }
        }
        float *out = y + i * (size_t)COUT * C2_P;
        for (size_t q = 0; q < C2_P; q++) {
            for (size_t o = 0; o < COUT; o++) {
                out[o * C2_P + q] = acc[q * COUT + o] + b[o];
            }
        }
    }
}

/* hw with one input channel: every MX block holds a single product, and
 * rounding one exact product to fp32 is exactly fp32 multiplication, so the
 * tap-ordered fp32 sum of fp32 products is the hw result for any formats
 * (an exact zero product added to an accumulator that starts at +0 leaves
 * the same bits as +0 would). */
static void conv1_hw_direct(const float *x, const float *w, const float *b, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const float *xi = x + i * IMG * IMG;
        float *out = y + i * C1_OUT * C1_P;
        memset(out, 0, C1_OUT * C1_P * sizeof *out);
        for (size_t o = 0; o < C1_OUT; o++) {
            float *oo = out + o * C1_P;
            for (size_t t = 0; t < 9; t++) {
                const float wt = w[o * 9 + t];
                const float *xs = xi + (t / 3) * IMG + t % 3;
                for (size_t h = 0; h < C1_HW; h++) {
                    for (size_t ww = 0; ww < C1_HW; ww++) {
                        oo[h * C1_HW + ww] += wt * xs[h * IMG + ww];
                    }
                }
            }
            for (size_t q = 0; q < C1_P; q++) {
                oo[q] += b[o];
            }
        }
    }
}

void cnn_conv1(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws)
{
    if (net->cfg.profile == MX_PROFILE_HW) {
        conv1_hw_direct(x, net->c1w, net->c1b, y, n);
    } else {
        conv_gemm(x, net->c1w, net->c1b, y, n, 1, IMG, C1_OUT, ws->col);
    }
}

void cnn_conv2(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws)
{
    if (net->cfg.profile == MX_PROFILE_HW) {
        if (net->c2ws) {
            conv_hw_sparse(net, x, net->c2ws, net->c2b, y, n, ws);
            return;
        }
        if (net->c2wd) {
            conv_hw_exact(net, x, net->c2wd, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws);
            return;
        }
        conv_hw(net, x, net->c2w_khwc, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws);
    } else {
        if (net->c2w_bf16) {
            cnn_workspace_bf16(ws);
        }
        if (net->c2w_bf16 && ws->conv2_bf16) {
            conv2_bf16(net, x, y, n, ws);
            return;
        }
        conv_gemm(x, net->c2w, net->c2b, y, n, C2_IN, C1_HW, C2_OUT, ws->col);
    }
}
