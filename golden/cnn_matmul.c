/* The linear layers' matrix product (bias is added by the caller, after a
 * quantization, as mx.Linear does).
 * torch-cpu / cuda-kernel: one fp32 GEMM (OpenBLAS, the BLAS PyTorch calls).
 * hw: exact MX block dots rounded to fp32, accumulated in fp32 in block order. */
#include <cblas.h>
#include <string.h>

#include "cnn_internal.h"
#include "exact_gemm.h"
#include "hw_dot.h"

void cnn_matmul(const mx_cnn *net, const float *x, const float *w, float *y, size_t n,
                size_t in, size_t out, cnn_workspace *ws)
{
    if (net->cfg.profile != MX_PROFILE_HW) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, (int)out, (int)in, 1.0f, x,
                    (int)in, w, (int)in, 0.0f, y, (int)out);
        return;
    }
    const size_t bs = (size_t)net->cfg.block_size;
    const double *wexact = w == net->f1w ? net->f1wd : (w == net->f2w ? net->f2wd : NULL);
    if (wexact) {
        /* exact block dots: per block, D[out][n] = W[:, block] X[:, block]^T exactly */
        double *xt = ws->dcol;     /* [len][n] */
        double *d = xt + bs * n;   /* [out][n] */
        float *acc = ws->acc;      /* [out][n] */
        memset(acc, 0, out * n * sizeof *acc);
        for (size_t k0 = 0; k0 < in; k0 += bs) {
            const size_t len = in - k0 < bs ? in - k0 : bs;
            for (size_t k = 0; k < len; k++) {
                for (size_t i = 0; i < n; i++) {
                    xt[k * n + i] = (double)x[i * in + k0 + k];
                }
            }
            mx_exact_gemm(wexact + k0, xt, d, out, n, len, in);
            for (size_t j = 0; j < out * n; j++) {
                acc[j] += d[j] == 0.0 ? 0.0f : (float)d[j]; /* an exact zero is +0 */
            }
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t o = 0; o < out; o++) {
                y[i * out + o] = acc[o * n + i];
            }
        }
        return;
    }
    double *xd = ws->dcol;
    double *wd = ws->dcol + n * in;
    for (size_t j = 0; j < n * in; j++) {
        xd[j] = (double)x[j];
    }
    for (size_t j = 0; j < out * in; j++) {
        wd[j] = (double)w[j];
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t o = 0; o < out; o++) {
            float acc = 0.0f;
            for (size_t k0 = 0; k0 < in; k0 += bs) {
                const size_t len = in - k0 < bs ? in - k0 : bs;
                acc += hw_block_dot(xd + i * in + k0, wd + o * in + k0, len,
                                    net->hw_dot_exact_double);
            }
            y[i * out + o] = acc;
        }
    }
}
