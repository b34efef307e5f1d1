/* The training forward pass: the inference path's quantization points and
 * layer kernels (cnn_conv1/2, cnn_matmul on an mx_cnn prepared from the
 * current weights), plus dropout, keeping what the backward needs. */
#include <math.h>
#include <string.h>

#include "quantize_contiguous.h"
#include "torch_math.h"
#include "train_forward.h"

/* torch.relu keeps NaN */
static void relu_into(const float *x, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        y[i] = (x[i] > 0.0f || isnan(x[i])) ? x[i] : 0.0f;
    }
}

/* A forward quantization point: Qe, counted in the thread's statistics
 * with collect_stats (cnn_qe, after the GPU NaN of cuda-kernel: the same
 * bits as train_qe). */
static void fqe(const mx_trainer *t, const mx_cnn *net, train_scratch *s, mx_qpoint qp, float *x,
                size_t n)
{
    if (!t->opt.collect_stats) {
        train_qe(&t->q, x, n);
        return;
    }
    cnn_qe(net, qp, x, n, &s->stats, &s->ws); /* the GPU's NaN inside, as train_qe */
}

/* Qe of a value that already went through Qe and then relu / max-pooling:
 * skipped where the library proved that the identity (cnn_net.c), unless
 * statistics are collected (as mx_cnn_infer does). */
static void fqe_again(const mx_trainer *t, const mx_cnn *net, train_scratch *s, mx_qpoint qp,
                      float *x, size_t n)
{
    if (!net->qe_idempotent || t->opt.collect_stats) {
        fqe(t, net, s, qp, x, n);
    }
}

/* MX quantization of activations along an axis, counted likewise. */
static void fqmx(const mx_trainer *t, train_scratch *s, mx_qpoint qp, float *x, size_t outer,
                 size_t axis, size_t inner)
{
    const train_q *q = &t->q;
    if (!t->opt.collect_stats || !q->a_mx) {
        train_qmx(q, &q->qa, q->a_mx, x, outer, axis, inner);
        return;
    }
    if (q->gpu_nan) {
        mx_gpu_nan(x, outer * axis * inner);
    }
    cnn_qmx(&q->qa, qp, x, outer, axis, inner, &s->stats, &s->ws);
}

static mx_cnn_stats *alu_stats(const mx_trainer *t, train_scratch *s)
{
    return t->opt.collect_stats ? &s->stats : NULL;
}

void train_forward_image(mx_trainer *t, const mx_cnn *net, const uint8_t *image, size_t i,
                         uint64_t position, size_t batch, train_scratch *s)
{
    train_batch *b = &t->b;
    float *x1 = b->x1 + i * MX_CNN_IMAGE_PIXELS;
    for (size_t k = 0; k < MX_CNN_IMAGE_PIXELS; k++) {
        x1[k] = (float)image[k] / 255.0f; /* ToTensor */
    }
    /* conv1: x = Qe(x) is x_saved; the MX copy feeds the product. One input
     * channel: each MX block holds one element. */
    fqe(t, net, s, MX_QP_CONV1_X, x1, MX_CNN_IMAGE_PIXELS);
    memcpy(s->xa, x1, MX_CNN_IMAGE_PIXELS * sizeof *x1);
    fqmx(t, s, MX_QP_CONV1_XMX, s->xa, 1, 1, MX_CNN_IMAGE_PIXELS);
    cnn_conv1(net, s->xa, s->c1, 1, &s->ws);
    fqe(t, net, s, MX_QP_CONV1_OUT, s->c1, C1_OUT * C1_P);
    train_trace(t, TRACE_CONV1_OUT, "conv1.fwd", "conv1.out", (long)i, s->c1, C1_OUT * C1_P, NULL,
                NULL, batch);
    float *r1 = b->r1 + i * C1_OUT * C1_P;
    relu_into(s->c1, r1, C1_OUT * C1_P);
    fqe_again(t, net, s, MX_QP_RELU1, r1, C1_OUT * C1_P);
    fqe_again(t, net, s, MX_QP_CONV2_X, r1, C1_OUT * C1_P); /* r1 is x_saved */

    /* conv2: MX blocks along the 32 channels */
    memcpy(s->xa, r1, C1_OUT * C1_P * sizeof *r1);
    fqmx(t, s, MX_QP_CONV2_XMX, s->xa, 1, C2_IN, C1_P);
    cnn_conv2(net, s->xa, s->c2, 1, &s->ws);
    fqe(t, net, s, MX_QP_CONV2_OUT, s->c2, C2_OUT * C2_P);
    train_trace(t, TRACE_CONV2_OUT, "conv2.fwd", "conv2.out", (long)i, s->c2, C2_OUT * C2_P, NULL,
                NULL, batch);
    relu_into(s->c2, s->c2, C2_OUT * C2_P);
    fqe_again(t, net, s, MX_QP_RELU2, s->c2, C2_OUT * C2_P);

    /* max-pooling, dropout, then fc1's x = Qe(x) (dropout's scaling leaves the grid) */
    float *pool = b->pool + i * FC1_IN;
    train_maxpool_forward(s->c2, pool, b->pidx + i * FC1_IN, C2_OUT, POOL_HW);
    float *xf1 = b->xf1 + i * FC1_IN;
    memcpy(xf1, pool, FC1_IN * sizeof *xf1);
    if (t->opt.dropout1 > 0.0f) {
        uint8_t *m1 = b->m1 + i * FC1_IN;
        train_dropout_mask(t->opt.seed, t->epoch, 1, position + i, t->opt.dropout1, m1, FC1_IN);
        train_dropout_apply(m1, 1.0f / (1.0f - t->opt.dropout1), xf1, FC1_IN);
    }
    fqe(t, net, s, MX_QP_FC1_X, xf1, FC1_IN);
}

/* mx.Linear after its input's Qe: xq = Qmx(x) along in_features;
 * y = Qe(xq @ wq^T); out = Qe(y + b) (hw with an ALU format: ADD(y, b)).
 * first is the layer's first quantization point (fc1.x or fc2.x). */
static void linear(const mx_trainer *t, const mx_cnn *net, train_scratch *s, mx_qpoint first,
                   const float *x, float *xa, const float *w, const float *bias, float *y, size_t n,
                   size_t in, size_t out)
{
    const mx_qpoint q_xmx = first + 3, q_mm = first + 5, q_out = first + 6;
    memcpy(xa, x, n * in * sizeof *xa);
    fqmx(t, s, q_xmx, xa, n, in, 1);
    cnn_matmul(net, xa, w, y, n, in, out, &s->ws);
    fqe(t, net, s, q_mm, y, n * out);
    if (net->hw_alu) {
        for (size_t k = 0; k < n * out; k++) {
            y[k] = cnn_alu(net, MX_ALU_ADD, y[k], bias[k % out], q_out, alu_stats(t, s));
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t o = 0; o < out; o++) {
            y[i * out + o] += bias[o];
        }
    }
    fqe(t, net, s, q_out, y, n * out);
}

/* log(softmax) as cnn_softmax_log computes it, keeping p (= log's input,
 * Qe'd) for the backward; its Qe calls carry the GPU NaN rule. */
static void softmax_log(const mx_trainer *t, const mx_cnn *net, float *x, float *p, size_t n,
                        train_scratch *s)
{
    const size_t total = n * FC2_OUT;
    if (net->hw_alu) {
        for (size_t i = 0; i < n; i++) {
            cnn_softmax_log(net, x + i * FC2_OUT, 1, p + i * FC2_OUT, alu_stats(t, s), &s->ws);
        }
        return;
    }
    fqe_again(t, net, s, MX_QP_SOFTMAX_X, x, total); /* fc2's Qe output */
    for (size_t i = 0; i < n; i++) {
        float *r = x + i * FC2_OUT;
        float m = r[0];
        for (int j = 1; j < FC2_OUT; j++) {
            if (r[j] > m || isnan(r[j])) {
                m = r[j];
            }
        }
        for (int j = 0; j < FC2_OUT; j++) {
            r[j] = r[j] - m;
        }
    }
    fqe(t, net, s, MX_QP_SOFTMAX_SHIFT, x, total);
    for (size_t k = 0; k < total; k++) {
        x[k] = mx_torch_expf(x[k]);
    }
    fqe(t, net, s, MX_QP_SOFTMAX_EXP, x, total);
    float sums[MX_TRAIN_MAX_BATCH];
    for (size_t i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = 0; j < FC2_OUT; j++) {
            s += x[i * FC2_OUT + (size_t)j];
        }
        sums[i] = s;
    }
    fqe(t, net, s, MX_QP_SOFTMAX_SUM, sums, n);
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < FC2_OUT; j++) {
            x[i * FC2_OUT + (size_t)j] /= sums[i];
        }
    }
    fqe(t, net, s, MX_QP_SOFTMAX_DIV, x, total);
    fqe_again(t, net, s, MX_QP_LOG_IN, x, total);
    memcpy(p, x, total * sizeof *p);
    for (size_t k = 0; k < total; k++) {
        x[k] = mx_torch_logf(x[k]);
    }
    fqe(t, net, s, MX_QP_LOG_OUT, x, total);
}

void train_forward_head(mx_trainer *t, const mx_cnn *net, size_t n, uint64_t position,
                        size_t batch, train_scratch *s)
{
    train_batch *b = &t->b;
    linear(t, net, s, MX_QP_FC1_X, b->xf1, b->xa1, net->f1w, net->f1b, b->f1, n, FC1_IN, FC1_OUT);
    train_trace(t, TRACE_FC1_OUT, "fc1.fwd", "fc1.out", -1, b->f1, n * FC1_OUT, NULL, NULL, batch);
    relu_into(b->f1, b->f1, n * FC1_OUT);
    fqe_again(t, net, s, MX_QP_RELU3, b->f1, n * FC1_OUT); /* the relu mask of the backward */
    memcpy(b->xf2, b->f1, n * FC1_OUT * sizeof *b->xf2);
    if (t->opt.dropout2 > 0.0f) {
        for (size_t i = 0; i < n; i++) {
            uint8_t *m2 = b->m2 + i * FC1_OUT;
            train_dropout_mask(t->opt.seed, t->epoch, 2, position + i, t->opt.dropout2, m2,
                               FC1_OUT);
            train_dropout_apply(m2, 1.0f / (1.0f - t->opt.dropout2), b->xf2 + i * FC1_OUT,
                                FC1_OUT);
        }
    }
    fqe(t, net, s, MX_QP_FC2_X, b->xf2, n * FC1_OUT);
    linear(t, net, s, MX_QP_FC2_X, b->xf2, b->xa2, net->f2w, net->f2b, b->f2, n, FC1_OUT, FC2_OUT);
    train_trace(t, TRACE_FC2_OUT, "fc2.fwd", "fc2.out", -1, b->f2, n * FC2_OUT, NULL, NULL, batch);
    softmax_log(t, net, b->f2, b->p, n, s);
    train_trace(t, TRACE_LOGPROBS, "log.fwd", "logprobs", -1, b->f2, n * FC2_OUT, b->p, NULL,
                batch);
}
