/* Quantization-aware training of the seed CNN: trainer state, the batch's
 * saved tensors and the backward operations (docs/training.md).
 * Internal header. */
#ifndef MXACCEL_TRAIN_INTERNAL_H
#define MXACCEL_TRAIN_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cnn_internal.h"
#include "mxaccel/train.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parameters in mx_cnn_weights order, in one flat array. */
enum { TP_C1W, TP_C1B, TP_C2W, TP_C2B, TP_F1W, TP_F1B, TP_F2W, TP_F2B, TP_COUNT };
enum { TRAIN_PARAMS = C1_OUT * 9 + C1_OUT + C2_OUT * C2_K + C2_OUT + FC1_OUT * FC1_IN + FC1_OUT +
                      FC2_OUT * FC1_OUT + FC2_OUT };
extern const size_t train_param_offset[TP_COUNT];
extern const size_t train_param_size[TP_COUNT];
extern const int train_param_fan_in[TP_COUNT];

/* The quantizers of one configuration, as the backward operations use them. */
typedef struct train_q {
    bool elem;        /* Qe on (cfg.elem) */
    mx_elem_spec qe;
    bool gpu_nan;     /* cuda-kernel: every NaN arithmetic makes is 0x7fffffff */
    bool a_mx, w_mx;
    mx_block_spec qa, qw;
} train_q;

void train_q_init(train_q *q, const mx_cnn_config *cfg);
/* Qe in place (GPU NaN payload first in cuda-kernel). */
void train_qe(const train_q *q, float *x, size_t n);
/* Qmx in place along the middle axis of [outer][axis][inner] (no-op when off). */
void train_qmx(const train_q *q, const mx_block_spec *spec, bool on, float *x, size_t outer,
               size_t axis, size_t inner);
/* Qmx of x[rows][cols] along the rows (the batch axis), columns c0..c1 only:
 * the blocks of different columns are independent, so column ranges can
 * run on different threads with the same bits. */
void train_qmx_rows(const train_q *q, float *x, size_t rows, size_t cols, size_t c0, size_t c1);

/* RNG (train_rng.c): splitmix64 and xoshiro256**, documented there. */
typedef struct train_rng {
    uint64_t s[4];
} train_rng;
uint64_t train_mix64(uint64_t x);
void train_rng_seed(train_rng *r, uint64_t seed, uint64_t stream);
uint64_t train_rng_next(train_rng *r);
/* Uniform in [0, bound) without bias (Lemire's method). */
uint64_t train_rng_below(train_rng *r, uint64_t bound);
/* The epoch's order of n images: Fisher-Yates from the (seed, epoch) stream. */
void train_shuffle(uint64_t seed, int epoch, uint32_t *order, size_t n);
/* Dropout keep masks of one image: mask[i] = 1 with probability 1-p, from a
 * counter-based hash of (seed, epoch, layer, position in epoch, i). */
void train_dropout_mask(uint64_t seed, int epoch, int layer, uint64_t position, float p,
                        uint8_t *mask, size_t n);

/* PyTorch's default init of Conv2d / Linear from the seed (train_init.c). */
void train_init_params(uint64_t seed, float *params);

/* Backward operations (train_backward.c); g is the incoming gradient. */
float train_nll_loss(const float *logp, const uint8_t *labels, size_t rows);
void train_nll_backward(const uint8_t *labels, size_t rows, float *g);
/* log: g = Qe(g); grad = Qe(g / p) */
void train_log_backward(const train_q *q, float *g, const float *p, float *grad, size_t n);
/* softmax over rows of `classes`: g = Qe(g); t = Qe(g*p); s = Qe(sum t);
 * t = Qe(g - s); grad = Qe(p * t) */
void train_softmax_backward(const train_q *q, float *g, const float *p, float *grad, size_t rows,
                            size_t classes);
/* relu: grad = Qe(where(out > 0, g, 0)), out the quantized forward output */
void train_relu_backward(const train_q *q, const float *out, const float *g, float *grad,
                         size_t n);
/* dropout: g *= mask * scale (no quantization) */
void train_dropout_apply(const uint8_t *mask, float scale, float *x, size_t n);
/* max_pool2d(2) over [channels][2h][2w]: idx holds the winner (kh*2+kw) */
void train_maxpool_forward(const float *x, float *y, uint8_t *idx, size_t channels, size_t oh);
void train_maxpool_backward(const uint8_t *idx, const float *g, float *grad, size_t channels,
                            size_t oh);
/* linear, g [n][out] already Qe'd, x [n][in], w [out][in]: columns
 * c0..c1 of grad_W = Qe(g^T x) [out][in] and of grad_x = Qe(g w) [n][in]
 * (column blocks: each call reads its slice of x or w once) */
void train_linear_grad_w(const train_q *q, const float *g, const float *x, size_t n, size_t in,
                         size_t out, size_t c0, size_t c1, float *gw);
void train_linear_grad_x(const train_q *q, const float *g, const float *w, size_t n, size_t in,
                         size_t out, size_t c0, size_t c1, float *gx);
/* grad_b = Qe(sum over the n rows of g), in row order */
void train_linear_grad_b(const train_q *q, const float *g, size_t n, size_t out, float *gb);
/* col[c*9 + kh*3 + kw][p] = x[c][h+kh][w+kw] (3x3, stride 1, no padding) */
void train_im2col(const float *x, int cin, int ih, float *col);
/* conv weight gradient of one image (no quantization): pw[o][c*9+t] =
 * sum_p g[o][p] col(x)[c*9+t][p] */
void train_conv_grad_w_image(const float *x, const float *g, int cin, int ih, int cout,
                             float *col, float *pw);
/* conv input gradient of one image, conv_transpose(w, g) (no quantization):
 * gx[c][ih][ih]; colg holds cin*9 x (ih-2)^2 floats */
void train_conv_grad_x_image(const float *w, const float *g, int cin, int ih, int cout,
                             float *colg, float *gx);
/* gx[c][ih][ih] = the sum of colg's entries over the taps that read each
 * input pixel, in (c, kh, kw, h, w) order (col2im) */
void train_col2im(const float *colg, int cin, int ih, float *gx);

/* Adadelta, PyTorch's arithmetic order (train_adadelta.c). */
void train_adadelta(float *param, const float *grad, float *square_avg, float *acc_delta,
                    size_t n, double lr, double rho, double eps);

/* Work split (train_parallel.c): fn(ctx, item, worker) for items 0..n-1 on
 * up to `threads` threads; worker < threads picks per-thread scratch. */
typedef void (*train_task)(void *ctx, size_t item, int worker);
void train_parallel(int threads, size_t items, train_task fn, void *ctx);

/* conv2's backward products on bf16 dot products (train_conv_bf16.c). */
typedef struct train_bf16 {
    struct bf16_gemm *grad_w, *grad_x; /* NULL where unavailable; made on first use */
    bool tried;
    uint16_t *g, *x, *col;             /* bf16 operands of one image */
} train_bf16;

int train_bf16_init(train_bf16 *b);
void train_bf16_free(train_bf16 *b);
/* pw = g col(x)^T for conv2 when exact in bf16; false: use the fp32 GEMM */
bool train_conv2_grad_w_bf16(train_bf16 *b, const float *x, const float *g, float *pw);
/* colg = W^T g for conv2 (wt = bf16 W^T [288][64], or NULL); false: fp32 GEMM */
bool train_conv2_grad_x_bf16(train_bf16 *b, const uint16_t *wt, const float *g, float *colg);
/* wt = bf16 W^T of conv2's W [64][288]; false when not exact in bf16 */
bool train_conv2_wt_bf16(const float *w, uint16_t *wt);

/* Per-thread scratch. */
typedef struct train_scratch {
    cnn_workspace ws;
    train_bf16 bf16;
    float *col;   /* C2_K x C2_P */
    float *xa;    /* one conv2 input, MX copy */
    float *c1;    /* conv1 output */
    float *c2;    /* conv2 output */
    float *g;     /* gradient scratch, C2_OUT * C2_P */
    mx_cnn_stats stats; /* forward quantization statistics (collect_stats) */
} train_scratch;

/* Saved tensors and gradients of one batch, [image][...]. */
typedef struct train_batch {
    float *x1;      /* Qe'd input, conv1's x_saved [B][784] */
    float *r1;      /* relu1 output = conv2's x_saved [B][32*676] */
    float *pool;    /* max-pooled relu2 output [B][9216] */
    uint8_t *pidx;  /* max-pool winners [B][9216] */
    uint8_t *m1;    /* dropout1 mask [B][9216] */
    float *xf1;     /* fc1's x_saved (Qe'd) [B][9216] */
    float *xa1;     /* fc1's MX input / input gradient [B][9216] */
    float *f1;      /* fc1 output, then relu3 output [B][128] */
    uint8_t *m2;    /* dropout2 mask [B][128] */
    float *xf2;     /* fc2's x_saved [B][128] */
    float *xa2;     /* fc2's MX input / input gradient [B][128] */
    float *f2;      /* fc2 output, then log-probabilities [B][10] */
    float *p;       /* softmax output (log's p_saved) [B][10] */
    float *g10;     /* gradients [B][10] */
    float *g128;    /* gradients [B][128] */
    float *g2;      /* conv2 output gradient [B][64*576] */
    float *g1;      /* conv1 output gradient [B][32*676] */
    float *xq2;     /* conv2 x_saved, MX along the batch [B][32*676] */
    float *pw2;     /* conv2 weight gradient per image [B][64*288] */
    float *pw1;     /* conv1 weight gradient per image [B][32*9] */
    float *pb2;     /* conv2 bias gradient per image [B][64] */
    float *pb1;     /* conv1 bias gradient per image [B][32] */
    uint8_t *labels;/* [B] */
    void *arena;
} train_batch;

struct mx_trainer {
    mx_cnn_config cfg;
    mx_train_options opt;
    train_q q;
    int epoch;
    float *w;         /* fp32 parameters (flat, mx_cnn_weights order) */
    float *grad;      /* this batch's gradients */
    float *square_avg, *acc_delta; /* Adadelta state */
    float *wq;        /* Qe(w): the backward's W_saved */
    float *c2w_bwd;   /* Qmx(Qe(conv2 W), out-channel axis) */
    uint16_t *c2wt_bf16; /* its transpose in bf16 (NULL: not exact in bf16) */
    uint16_t *c2wt_buf;
    uint16_t *c2w_bf16, *f1w_bf16; /* the forward network's bf16 weights (train_net.c) */
    mx_cnn *net;      /* the forward network (train_net.c) */
    train_batch b;
    train_scratch *scratch;
    int scratch_count;
    uint32_t *order;  /* the epoch's permutation */
    size_t order_len;
    /* first non-finite value */
    mx_train_nonfinite nf;
    long nf_rank;     /* rank of nf inside the current batch (lower = earlier) */
    bool nf_final;    /* found in an earlier batch */
    pthread_mutex_t nf_lock;
};

/* The trace's check sites in the order a batch meets them (the earliest
 * wins); one site per parameter gradient from TRACE_PARAM_GRAD on. */
typedef enum train_trace_site {
    TRACE_CONV1_OUT = 1,
    TRACE_CONV2_OUT,
    TRACE_FC1_OUT,
    TRACE_FC2_OUT,
    TRACE_LOGPROBS,
    TRACE_LOG_BWD,     /* in_a = g, in_b = p */
    TRACE_SOFTMAX_BWD, /* the first gradient the layers receive */
    TRACE_CONV2_GRAD,
    TRACE_CONV1_GRAD,
    TRACE_PARAM_GRAD
} train_trace_site;

/* Record the first non-finite out[] element (trace_nonfinite only). site
 * orders the checks of one batch; in_a / in_b are elementwise inputs or NULL. */
void train_trace(mx_trainer *t, train_trace_site site, const char *op, const char *tensor,
                 long image, const float *out, size_t n, const float *in_a, const float *in_b,
                 size_t batch);

int train_scratch_init(train_scratch *s);
void train_scratch_free(train_scratch *s);
int train_batch_init(train_batch *b);
/* Scratch for up to `threads` workers (made on first use). */
int train_ensure_scratch(mx_trainer *t, int threads);
void train_batch_free(train_batch *b);

/* This batch's weights (train_net.c): t->wq = Qe(w), t->c2w_bwd and the
 * forward network, which is returned (NULL with a message when out of
 * memory). */
const mx_cnn *train_net_prepare(mx_trainer *t, int threads, char *err, size_t errlen);
/* Destroy the forward network. */
void train_net_release(mx_trainer *t);

/* conv2's input gradient of one image from its output gradient g2 (Qe'd):
 * gx = Qe(conv_transpose(Qmx(W_saved, out channels), Qmx(g2, channels)));
 * needs train_net_prepare's t->c2w_bwd. */
void train_conv2_grad_x(const mx_trainer *t, train_scratch *s, const float *g2, float *gx);

/* One batch (images in batch order): forward, backward into t->grad,
 * returns the loss. Does not step the optimizer. position = index in the
 * epoch of the batch's first image (dropout keys); batch = batch index. */
float train_batch_gradients(mx_trainer *t, const uint8_t *const *images, const uint8_t *labels,
                            size_t n, uint64_t position, size_t batch, int threads);

#ifdef __cplusplus
}
#endif
#endif
