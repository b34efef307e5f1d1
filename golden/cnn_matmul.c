/* The linear layers' matrix product (bias is added by the caller, after a
 * quantization, as mx.Linear does).
 * torch-cpu / cuda-kernel: one fp32 GEMM (OpenBLAS, the BLAS PyTorch calls).
 * hw: exact MX block dots (bfloat16 blocks: the aligned rule) rounded to fp32,
 * accumulated in fp32 in block order. */
#include <cblas.h>
#include <string.h>

#include "bf16_gemm.h"
#include "cnn_internal.h"
#include "exact_gemm.h"
#include "exact_sparse.h"
#include "hw_dot.h"
#include "hw_dot_aligned.h"

void cnn_matmul(const mx_cnn *net, const float *x, const float *w, float *y, size_t n,
                size_t in, size_t out, cnn_workspace *ws)
{
    if (net->cfg.profile != MX_PROFILE_HW) {
        if (w == net->f1w && net->f1w_bf16 && n <= MX_CNN_CHUNK) {
            cnn_workspace_bf16(ws);
            /* bf16 dot products where the operands are exact in bf16
             * (bf16_gemm.h); the GEMM has MX_CNN_CHUNK rows, zero-padded */
            if (ws->fc1_bf16 && bf16_from_f32_checked(x, ws->fc1b, n * in)) {
                memset(ws->fc1b + n * in, 0, (MX_CNN_CHUNK - n) * in * sizeof *ws->fc1b);
                bf16_gemm_run(ws->fc1_bf16, ws->fc1b, net->f1w_bf16, ws->fc1c);
                memcpy(y, ws->fc1c, n * out * sizeof *y);
                return;
            }
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, (int)out, (int)in, 1.0f, x,
                    (int)in, w, (int)in, 0.0f, y, (int)out);
        return;
    }
    const size_t bs = (size_t)net->cfg.block_size;
    if (w == net->f1w && net->f1ws && out % MX_EXACT_SPARSE_WIDTH == 0) {
        /* exact block dots over the non-zero activations (kernels/exact_sparse.c) */
        float *acc = ws->acc; /* [n][out] */
        uint16_t *idx = ws->nz_idx;
        double *val = ws->nz_val;
        uint32_t *start = ws->nz_start;
        memset(acc, 0, n * out * sizeof *acc);
        for (size_t k0 = 0; k0 < in; k0 += bs) {
            const size_t len = in - k0 < bs ? in - k0 : bs;
            uint32_t nnz = 0;
            for (size_t i = 0; i < n; i++) {
                start[i] = nnz;
                for (size_t k = 0; k < len; k++) {
                    const float v = x[i * in + k0 + k];
                    idx[nnz] = (uint16_t)k;
                    val[nnz] = v;
                    nnz += v != 0.0f; /* NaN stays */
                }
            }
            start[n] = nnz;
            for (size_t o0 = 0; o0 < out; o0 += MX_EXACT_SPARSE_WIDTH) {
                mx_exact_sparse_acc64(net->f1ws + k0 * out + o0, out, idx, val, start, 1, n,
                                      acc + o0, out);
            }
        }
        memcpy(y, acc, n * out * sizeof *y);
        return;
    }
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
                const double *xb = xd + i * in + k0, *wb = wd + o * in + k0;
                acc += net->hw_dot_aligned ? hw_block_dot_aligned(xb, wb, len)
                                           : hw_block_dot(xb, wb, len, net->hw_dot_exact_double);
            }
            y[i * out + o] = acc;
        }
    }
}
