/* One training batch: forward with saved tensors, backward into t->grad
 * (docs/training.md, "Quantization points: backward"). Work items are
 * fixed (images, fixed row / column blocks), and every sum over the batch
 * runs in image order, so the bits do not depend on the thread count. */
#include <math.h>
#include <string.h>

#include "train_forward.h"
#include "train_internal.h"

/* Columns (in_features) of fc1's weight and input gradients per work item. */
enum { FC1_COL_BLOCK = FC1_IN / 8, FC1_COL_ITEMS = FC1_IN / FC1_COL_BLOCK };
/* Columns per work item of the batch-axis MX quantization. */
enum { QMX_COLS = 2048 };
/* Elements per work item of the gradient reduction and the optimizer. */
enum { REDUCE_BLOCK = 2048 };

typedef struct batch_ctx {
    mx_trainer *t;
    const mx_cnn *net;
    const uint8_t *const *images;
    size_t n;
    uint64_t position;
    size_t batch;
} batch_ctx;

static void forward_task(void *vc, size_t i, int worker)
{
    batch_ctx *c = vc;
    train_forward_image(c->t, c->net, c->images[i], i, c->position, c->batch,
                        &c->t->scratch[worker]);
}

/* fc1's weight gradient and input gradient, in fixed column blocks */
static void fc1_backward_task(void *vc, size_t item, int worker)
{
    (void)worker;
    batch_ctx *c = vc;
    mx_trainer *t = c->t;
    train_batch *b = &t->b;
    const bool grad_w = item < FC1_COL_ITEMS;
    const size_t c0 = (grad_w ? item : item - FC1_COL_ITEMS) * FC1_COL_BLOCK;
    if (grad_w) {
        train_linear_grad_w(&t->q, b->g128, b->xf1, c->n, FC1_IN, FC1_OUT, c0, c0 + FC1_COL_BLOCK,
                            t->grad + train_param_offset[TP_F1W]);
    } else {
        train_linear_grad_x(&t->q, b->g128, t->wq + train_param_offset[TP_F1W], c->n, FC1_IN,
                            FC1_OUT, c0, c0 + FC1_COL_BLOCK, b->xa1);
    }
}

static void sum_rows(const float *x, size_t len, size_t rows, size_t stride, float *out)
{
    for (size_t k = 0; k < len; k++) {
        out[k] = 0.0f;
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t k = 0; k < len; k++) {
            out[k] += x[r * stride + k];
        }
    }
}

/* sums[o] = g[o][0] + g[o][1] + ... in pixel order; eight channels at a
 * time (eight independent chains of additions, the same bits) */
static void channel_sums(const float *g, size_t channels, size_t pixels, float *sums)
{
    enum { LANES = 8 };
    for (size_t o0 = 0; o0 < channels; o0 += LANES) {
        float acc[LANES] = {0};
        for (size_t p = 0; p < pixels; p++) {
            for (size_t k = 0; k < LANES; k++) {
                acc[k] += g[(o0 + k) * pixels + p];
            }
        }
        for (size_t k = 0; k < LANES; k++) {
            sums[o0 + k] = acc[k];
        }
    }
}

void train_conv2_grad_x(const mx_trainer *t, train_scratch *s, const float *g2, float *gx)
{
    const train_q *q = &t->q;
    memcpy(s->g, g2, C2_OUT * C2_P * sizeof *g2);
    train_qmx(q, &q->qa, q->a_mx, s->g, 1, C2_OUT, C2_P);
    if (train_conv2_grad_x_bf16(&s->bf16, t->c2wt_bf16, s->g, s->col)) {
        train_col2im(s->col, C2_IN, C1_HW, gx);
    } else {
        train_conv_grad_x_image(t->c2w_bwd, s->g, C2_IN, C1_HW, C2_OUT, s->col, gx);
    }
    train_qe(q, gx, C1_OUT * C1_P);
}

/* Image i from fc1's input gradient down to conv1's output gradient. */
static void conv_backward_task(void *vc, size_t i, int worker)
{
    batch_ctx *c = vc;
    mx_trainer *t = c->t;
    const train_q *q = &t->q;
    train_batch *b = &t->b;
    train_scratch *s = &t->scratch[worker];
    float *gp = b->xa1 + i * FC1_IN; /* gradient at the dropout1 output */
    if (t->opt.dropout1 > 0.0f) {
        train_dropout_apply(b->m1 + i * FC1_IN, 1.0f / (1.0f - t->opt.dropout1), gp, FC1_IN);
    }
    /* relu2 backward at the pooling winners (elsewhere the gradient is +0,
     * and Qe(+0) = +0, so Qe can run before the scatter), then conv2's g = Qe(g) */
    const float *pool = b->pool + i * FC1_IN;
    for (size_t k = 0; k < FC1_IN; k++) {
        gp[k] = pool[k] > 0.0f ? gp[k] : 0.0f;
    }
    train_qe(q, gp, FC1_IN);
    if (!c->net->qe_idempotent) {
        train_qe(q, gp, FC1_IN);
    }
    float *g2 = b->g2 + i * C2_OUT * C2_P;
    train_maxpool_backward(b->pidx + i * FC1_IN, gp, g2, C2_OUT, POOL_HW);
    train_trace(t, TRACE_CONV2_GRAD, "relu2.bwd", "grad.conv2.out", (long)i, g2, C2_OUT * C2_P,
                NULL, NULL, c->batch);
    channel_sums(g2, C2_OUT, C2_P, b->pb2 + i * C2_OUT);
    train_conv2_grad_x(t, s, g2, s->c1);
    /* relu1 backward, then conv1's g = Qe(g) */
    float *g1 = b->g1 + i * C1_OUT * C1_P;
    const float *r1 = b->r1 + i * C1_OUT * C1_P;
    if (c->net->qe_idempotent) {
        /* the incoming gradient is a Qe output: relu's and conv1's Qe
         * are the identity */
        for (size_t k = 0; k < C1_OUT * C1_P; k++) {
            g1[k] = r1[k] > 0.0f ? s->c1[k] : 0.0f;
        }
    } else {
        train_relu_backward(q, r1, s->c1, g1, C1_OUT * C1_P);
        train_qe(q, g1, C1_OUT * C1_P);
    }
    train_trace(t, TRACE_CONV1_GRAD, "relu1.bwd", "grad.conv1.out", (long)i, g1, C1_OUT * C1_P,
                NULL, NULL, c->batch);
    channel_sums(g1, C1_OUT, C1_P, b->pb1 + i * C1_OUT);
}

/* The four tensors quantized along the batch axis for the weight gradients. */
typedef struct qmx_job {
    float *x;
    size_t cols;
} qmx_job;

static void batch_qmx_task(void *vc, size_t item, int worker)
{
    (void)worker;
    batch_ctx *c = vc;
    mx_trainer *t = c->t;
    train_batch *b = &t->b;
    const qmx_job jobs[4] = {{b->x1, MX_CNN_IMAGE_PIXELS},
                             {b->g1, C1_OUT * C1_P},
                             {b->r1, C1_OUT * C1_P},
                             {b->g2, C2_OUT * C2_P}};
    for (int j = 0; j < 4; j++) {
        const size_t chunks = (jobs[j].cols + QMX_COLS - 1) / QMX_COLS;
        if (item < chunks) {
            const size_t c0 = item * QMX_COLS;
            const size_t c1 = c0 + QMX_COLS < jobs[j].cols ? c0 + QMX_COLS : jobs[j].cols;
            train_qmx_rows(&t->q, jobs[j].x, c->n, jobs[j].cols, c0, c1);
            return;
        }
        item -= chunks;
    }
}

static size_t batch_qmx_items(void)
{
    const size_t cols[4] = {MX_CNN_IMAGE_PIXELS, C1_OUT * C1_P, C1_OUT * C1_P, C2_OUT * C2_P};
    size_t items = 0;
    for (int j = 0; j < 4; j++) {
        items += (cols[j] + QMX_COLS - 1) / QMX_COLS;
    }
    return items;
}

/* Per-image weight-gradient products of the MX-quantized x_saved and g. */
static void conv_grad_w_task(void *vc, size_t i, int worker)
{
    batch_ctx *c = vc;
    train_batch *b = &c->t->b;
    train_scratch *s = &c->t->scratch[worker];
    const float *x2 = b->r1 + i * C1_OUT * C1_P, *g2 = b->g2 + i * C2_OUT * C2_P;
    float *pw2 = b->pw2 + i * C2_OUT * C2_K;
    if (c->t->cfg.profile == MX_PROFILE_HW || !train_conv2_grad_w_bf16(&s->bf16, x2, g2, pw2)) {
        train_conv_grad_w_image(x2, g2, C2_IN, C1_HW, C2_OUT, s->col, pw2);
    }
    train_conv_grad_w_image(b->x1 + i * MX_CNN_IMAGE_PIXELS, b->g1 + i * C1_OUT * C1_P, 1, IMG,
                            C1_OUT, s->col, b->pw1 + i * C1_OUT * 9);
}

/* Sum the per-image partials in image order, then Qe. Item 0 also does the
 * conv1 weights and both biases. */
static void reduce_task(void *vc, size_t item, int worker)
{
    (void)worker;
    batch_ctx *c = vc;
    mx_trainer *t = c->t;
    train_batch *b = &t->b;
    const size_t k0 = item * REDUCE_BLOCK;
    const size_t k1 = k0 + REDUCE_BLOCK < C2_OUT * C2_K ? k0 + REDUCE_BLOCK : C2_OUT * C2_K;
    float *gw2 = t->grad + train_param_offset[TP_C2W];
    sum_rows(b->pw2 + k0, k1 - k0, c->n, C2_OUT * C2_K, gw2 + k0);
    train_qe(&t->q, gw2 + k0, k1 - k0);
    if (item == 0) {
        float *gw1 = t->grad + train_param_offset[TP_C1W];
        float *gb1 = t->grad + train_param_offset[TP_C1B];
        float *gb2 = t->grad + train_param_offset[TP_C2B];
        sum_rows(b->pw1, C1_OUT * 9, c->n, C1_OUT * 9, gw1);
        sum_rows(b->pb1, C1_OUT, c->n, C1_OUT, gb1);
        sum_rows(b->pb2, C2_OUT, c->n, C2_OUT, gb2);
        train_qe(&t->q, gw1, C1_OUT * 9);
        train_qe(&t->q, gb1, C1_OUT);
        train_qe(&t->q, gb2, C2_OUT);
    }
}

float train_batch_gradients(mx_trainer *t, const uint8_t *const *images, const uint8_t *labels,
                            size_t n, uint64_t position, size_t batch, int threads)
{
    train_batch *b = &t->b;
    const train_q *q = &t->q;
    char err[256];
    const mx_cnn *net = train_net_prepare(t, threads, err, sizeof err);
    if (!net) {
        return NAN;
    }

    batch_ctx c = {.t = t, .net = net, .images = images, .n = n, .position = position,
                   .batch = batch};
    memcpy(b->labels, labels, n);
    train_parallel(threads, n, forward_task, &c);
    train_scratch *s0 = &t->scratch[0];
    train_forward_head(t, net, n, position, batch, s0);
    const float loss = train_nll_loss(b->f2, b->labels, n);

    /* loss, log, softmax */
    float g[MX_TRAIN_MAX_BATCH * FC2_OUT];
    train_nll_backward(b->labels, n, g);
    train_log_backward(q, g, b->p, b->g10, n * FC2_OUT);
    train_trace(t, TRACE_LOG_BWD, "log.bwd", "grad.p", -1, b->g10, n * FC2_OUT, g, b->p, batch);
    train_softmax_backward(q, b->g10, b->p, g, n, FC2_OUT);
    /* fc2: g = Qe(g); grad_W = Qe(g^T x); grad_b = Qe(sum g); grad_x = Qe(g W) */
    train_qe(q, g, n * FC2_OUT);
    train_trace(t, TRACE_SOFTMAX_BWD, "softmax.bwd", "grad.fc2.out", -1, g, n * FC2_OUT, NULL,
                NULL, batch);
    train_linear_grad_w(q, g, b->xf2, n, FC1_OUT, FC2_OUT, 0, FC1_OUT,
                        t->grad + train_param_offset[TP_F2W]);
    train_linear_grad_b(q, g, n, FC2_OUT, t->grad + train_param_offset[TP_F2B]);
    train_linear_grad_x(q, g, t->wq + train_param_offset[TP_F2W], n, FC1_OUT, FC2_OUT, 0, FC1_OUT,
                        b->xa2);
    /* dropout2, relu3, fc1 */
    if (t->opt.dropout2 > 0.0f) {
        train_dropout_apply(b->m2, 1.0f / (1.0f - t->opt.dropout2), b->xa2, n * FC1_OUT);
    }
    train_relu_backward(q, b->f1, b->xa2, b->g128, n * FC1_OUT);
    train_qe(q, b->g128, n * FC1_OUT);
    train_linear_grad_b(q, b->g128, n, FC1_OUT, t->grad + train_param_offset[TP_F1B]);
    train_parallel(threads, 2 * FC1_COL_ITEMS, fc1_backward_task, &c);

    /* convolutions: per image, then MX along the batch, then the weight products */
    train_parallel(threads, n, conv_backward_task, &c);
    if (q->a_mx) {
        train_parallel(threads, batch_qmx_items(), batch_qmx_task, &c);
    }
    train_parallel(threads, n, conv_grad_w_task, &c);
    train_parallel(threads, (C2_OUT * C2_K + REDUCE_BLOCK - 1) / REDUCE_BLOCK, reduce_task, &c);
    for (int p = 0; p < TP_COUNT; p++) {
        train_trace(t, TRACE_PARAM_GRAD + p, "grad", "grad.param", -1,
                    t->grad + train_param_offset[p], train_param_size[p], NULL, NULL, batch);
    }
    return loss;
}
