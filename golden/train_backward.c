/* The backward operations of training, quantized where microxcaling's
 * modules quantize gradients (docs/training.md, "Quantization points:
 * backward"): each operation's fp32 arithmetic, then Qe. Sums run in a
 * fixed order, so the bits do not depend on threads; GEMMs are OpenBLAS's
 * (one thread per call, fixed shapes), see docs/training.md. */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "train_internal.h"

float train_nll_loss(const float *logp, const uint8_t *labels, size_t rows)
{
    float s = 0.0f;
    for (size_t i = 0; i < rows; i++) {
        s += logp[i * MX_CNN_CLASSES + labels[i]];
    }
    return -s / (float)rows;
}

void train_nll_backward(const uint8_t *labels, size_t rows, float *g)
{
    const float v = -1.0f / (float)rows; /* mean reduction */
    memset(g, 0, rows * MX_CNN_CLASSES * sizeof *g);
    for (size_t i = 0; i < rows; i++) {
        g[i * MX_CNN_CLASSES + labels[i]] = v;
    }
}

void train_log_backward(const train_q *q, float *g, const float *p, float *grad, size_t n)
{
    train_qe(q, g, n);
    for (size_t i = 0; i < n; i++) {
        grad[i] = g[i] / p[i]; /* p = 0 and g = 0: 0/0, a NaN */
    }
    train_qe(q, grad, n);
}

void train_softmax_backward(const train_q *q, float *g, const float *p, float *grad, size_t rows,
                            size_t classes)
{
    const size_t n = rows * classes;
    float sums[MX_TRAIN_MAX_BATCH];
    train_qe(q, g, n);
    for (size_t i = 0; i < n; i++) {
        grad[i] = g[i] * p[i];
    }
    train_qe(q, grad, n);
    for (size_t r = 0; r < rows; r++) {
        float s = 0.0f;
        for (size_t c = 0; c < classes; c++) {
            s += grad[r * classes + c];
        }
        sums[r] = s;
    }
    train_qe(q, sums, rows);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < classes; c++) {
            grad[r * classes + c] = g[r * classes + c] - sums[r];
        }
    }
    train_qe(q, grad, n);
    for (size_t i = 0; i < n; i++) {
        grad[i] = p[i] * grad[i];
    }
    train_qe(q, grad, n);
}

void train_relu_backward(const train_q *q, const float *out, const float *g, float *grad,
                         size_t n)
{
    for (size_t i = 0; i < n; i++) {
        grad[i] = out[i] > 0.0f ? g[i] : 0.0f;
    }
    train_qe(q, grad, n);
}

void train_dropout_apply(const uint8_t *mask, float scale, float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = x[i] * (mask[i] ? scale : 0.0f); /* torch: input * (mask / (1-p)) */
    }
}

void train_maxpool_forward(const float *x, float *y, uint8_t *idx, size_t channels, size_t oh)
{
    const size_t ih = 2 * oh;
    for (size_t c = 0; c < channels; c++) {
        const float *src = x + c * ih * ih;
        for (size_t h = 0; h < oh; h++) {
            for (size_t w = 0; w < oh; w++) {
                float m = -INFINITY;
                uint8_t best = 0;
                for (uint8_t k = 0; k < 4; k++) {
                    const float v = src[(2 * h + k / 2) * ih + 2 * w + k % 2];
                    if (v > m || isnan(v)) { /* torch: first max, NaN wins */
                        m = v;
                        best = k;
                    }
                }
                y[(c * oh + h) * oh + w] = m;
                idx[(c * oh + h) * oh + w] = best;
            }
        }
    }
}

void train_maxpool_backward(const uint8_t *idx, const float *g, float *grad, size_t channels,
                            size_t oh)
{
    const size_t ih = 2 * oh;
    memset(grad, 0, channels * ih * ih * sizeof *grad);
    for (size_t c = 0; c < channels; c++) {
        for (size_t h = 0; h < oh; h++) {
            for (size_t w = 0; w < oh; w++) {
                const size_t j = (c * oh + h) * oh + w;
                const size_t k = idx[j];
                grad[(c * ih + 2 * h + k / 2) * ih + 2 * w + k % 2] = g[j];
            }
        }
    }
}

void train_linear_grad_w(const train_q *q, const float *g, const float *x, size_t n, size_t in,
                         size_t out, size_t c0, size_t c1, float *gw)
{
    if (c1 <= c0) {
        return;
    }
    /* gw[o][c] = sum_n g[n][o] x[n][c], columns c0..c1 */
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)out, (int)(c1 - c0), (int)n, 1.0f, g,
                (int)out, x + c0, (int)in, 0.0f, gw + c0, (int)in);
    for (size_t o = 0; o < out; o++) {
        train_qe(q, gw + o * in + c0, c1 - c0);
    }
}

void train_linear_grad_x(const train_q *q, const float *g, const float *w, size_t n, size_t in,
                         size_t out, size_t c0, size_t c1, float *gx)
{
    if (c1 <= c0) {
        return;
    }
    /* gx[i][c] = sum_o g[i][o] w[o][c], columns c0..c1 */
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)(c1 - c0), (int)out, 1.0f,
                g, (int)out, w + c0, (int)in, 0.0f, gx + c0, (int)in);
    for (size_t i = 0; i < n; i++) {
        train_qe(q, gx + i * in + c0, c1 - c0);
    }
}

void train_linear_grad_b(const train_q *q, const float *g, size_t n, size_t out, float *gb)
{
    for (size_t o = 0; o < out; o++) {
        float s = 0.0f;
        for (size_t i = 0; i < n; i++) {
            s += g[i * out + o];
        }
        gb[o] = s;
    }
    train_qe(q, gb, out);
}

void train_im2col(const float *x, int cin, int ih, float *col)
{
    const int oh = ih - 2;
    for (int c = 0; c < cin; c++) {
        for (int t = 0; t < 9; t++) {
            float *dst = col + (size_t)(c * 9 + t) * (size_t)(oh * oh);
            for (int h = 0; h < oh; h++) {
                memcpy(dst + (size_t)h * oh, x + ((size_t)c * ih + (size_t)(h + t / 3)) * ih + t % 3,
                       (size_t)oh * sizeof *dst);
            }
        }
    }
}

void train_conv_grad_w_image(const float *x, const float *g, int cin, int ih, int cout,
                             float *col, float *pw)
{
    const int p = (ih - 2) * (ih - 2);
    train_im2col(x, cin, ih, col);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, cout, cin * 9, p, 1.0f, g, p, col, p,
                0.0f, pw, cin * 9);
}

void train_conv_grad_x_image(const float *w, const float *g, int cin, int ih, int cout,
                             float *colg, float *gx)
{
    const int oh = ih - 2;
    const int p = oh * oh;
    /* colg[k][p] = sum_o w[o][k] g[o][p], then scattered back (col2im) */
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, cin * 9, p, cout, 1.0f, w, cin * 9, g, p,
                0.0f, colg, p);
    train_col2im(colg, cin, ih, gx);
}

void train_col2im(const float *colg, int cin, int ih, float *gx)
{
    const int oh = ih - 2;
    const int p = oh * oh;
    memset(gx, 0, (size_t)cin * ih * ih * sizeof *gx);
    for (int c = 0; c < cin; c++) {
        for (int t = 0; t < 9; t++) {
            const float *src = colg + (size_t)(c * 9 + t) * (size_t)p;
            for (int h = 0; h < oh; h++) {
                float *dst = gx + ((size_t)c * ih + (size_t)(h + t / 3)) * ih + t % 3;
                for (int ww = 0; ww < oh; ww++) {
                    dst[ww] += src[h * oh + ww];
                }
            }
        }
    }
}
