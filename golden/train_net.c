/* The weights of each batch through their quantization points:
 * - the backward's W_saved = Qe(W) (t->wq) and conv2's Qmx(W_saved) along
 *   out-channels (t->c2w_bwd, with a bf16 transpose where exact);
 * - the forward network: W = Qe(W), b = Qe(b), wq = Qmx(W) along the input
 *   axis, in an mx_cnn the inference kernels read.
 * torch-cpu / cuda-kernel: one mx_cnn per trainer, refreshed in place each
 * batch as mx_cnn_create prepares it (cnn_net.c: the same quantizer calls,
 * bf16 copies where exact; tests/train checks the bits against a fresh
 * network) without create's allocations and statistics, fc1's 1.2M
 * weights split over threads in fixed row blocks. hw: its precomputed
 * tables (double copies, sparse layouts, tap-major conv2) come from
 * mx_cnn_create every batch. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bf16_gemm.h"
#include "train_internal.h"

enum { FC1_ROWS_PER_ITEM = 16, FC1_ITEMS = FC1_OUT / FC1_ROWS_PER_ITEM };

typedef struct prep_ctx {
    mx_trainer *t;
    mx_cnn *net; /* NULL: only t->wq */
    atomic_int f1_inexact; /* some fc1 row block is not exact in bf16 */
} prep_ctx;

static void prep_task(void *vc, size_t item, int worker)
{
    (void)worker;
    prep_ctx *c = vc;
    mx_trainer *t = c->t;
    if (item == FC1_ITEMS) { /* every parameter but fc1's weights: W_saved */
        for (int p = 0; p < TP_COUNT; p++) {
            if (p != TP_F1W) {
                float *w = t->wq + train_param_offset[p];
                memcpy(w, t->w + train_param_offset[p], train_param_size[p] * sizeof *w);
                train_qe(&t->q, w, train_param_size[p]);
            }
        }
        return;
    }
    const size_t r0 = item * FC1_ROWS_PER_ITEM, len = FC1_ROWS_PER_ITEM * (size_t)FC1_IN;
    float *wq = t->wq + train_param_offset[TP_F1W] + r0 * FC1_IN;
    memcpy(wq, t->w + train_param_offset[TP_F1W] + r0 * FC1_IN, len * sizeof *wq);
    train_qe(&t->q, wq, len);
    if (c->net) {
        float *f = c->net->f1w + r0 * FC1_IN;
        memcpy(f, wq, len * sizeof *f);
        train_qmx(&t->q, &c->net->qw, t->q.w_mx, f, FC1_ROWS_PER_ITEM, FC1_IN, 1);
        if (!bf16_from_f32_checked(f, t->f1w_bf16 + r0 * FC1_IN, len)) {
            atomic_store(&c->f1_inexact, 1);
        }
    }
}

/* The network will point at the trainer's bf16 buffers instead of its own
 * (train_net_release takes them back before mx_cnn_destroy). */
static void drop_own_bf16(mx_cnn *net)
{
    free(net->c2w_bf16);
    free(net->f1w_bf16);
    net->c2w_bf16 = net->f1w_bf16 = NULL;
}

void train_net_release(mx_trainer *t)
{
    if (t->net && t->cfg.profile != MX_PROFILE_HW) {
        t->net->c2w_bf16 = t->net->f1w_bf16 = NULL; /* ours */
    }
    mx_cnn_destroy(t->net);
    t->net = NULL;
}

const mx_cnn *train_net_prepare(mx_trainer *t, int threads, char *err, size_t errlen)
{
    const train_q *q = &t->q;
    const bool hw = t->cfg.profile == MX_PROFILE_HW;
    if (hw || !t->net) {
        train_net_release(t);
        mx_cnn_weights view;
        mx_trainer_weights(t, &view);
        t->net = mx_cnn_create(&view, &t->cfg, err, errlen);
        if (t->net && !hw) {
            drop_own_bf16(t->net);
        }
    }
    mx_cnn *net = t->net;
    prep_ctx c = {.t = t, .net = hw ? NULL : net};
    atomic_init(&c.f1_inexact, 0);
    train_parallel(threads, FC1_ITEMS + 1, prep_task, &c);

    memcpy(t->c2w_bwd, t->wq + train_param_offset[TP_C2W], C2_OUT * C2_K * sizeof *t->wq);
    train_qmx(q, &q->qw, q->w_mx, t->c2w_bwd, 1, C2_OUT, C2_K);
    /* torch-cpu / cuda-kernel: conv2's backward products on bf16 where
     * exact (train_conv_bf16.c); hw keeps the fp32 GEMM */
    t->c2wt_bf16 = !hw && train_conv2_wt_bf16(t->c2w_bwd, t->c2wt_buf) ? t->c2wt_buf : NULL;
    if (hw || !net) {
        return net;
    }
    float *const dst[TP_COUNT] = {net->c1w, net->c1b, net->c2w, net->c2b,
                                  net->f1w, net->f1b, net->f2w, net->f2b};
    for (int p = 0; p < TP_COUNT; p++) {
        if (p != TP_F1W) {
            memcpy(dst[p], t->wq + train_param_offset[p], train_param_size[p] * sizeof(float));
        }
    }
    train_qmx(q, &net->qw, q->w_mx, net->c1w, C1_OUT, 1, 9);
    train_qmx(q, &net->qw, q->w_mx, net->c2w, C2_OUT, C2_IN, 9);
    train_qmx(q, &net->qw, q->w_mx, net->f2w, FC2_OUT, FC1_OUT, 1);
    net->c2w_bf16 = bf16_from_f32_checked(net->c2w, t->c2w_bf16, (size_t)C2_OUT * C2_K)
                        ? t->c2w_bf16
                        : NULL;
    net->f1w_bf16 = atomic_load(&c.f1_inexact) ? NULL : t->f1w_bf16;
    return net;
}
