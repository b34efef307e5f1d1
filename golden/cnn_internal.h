/* The prepared network and per-thread scratch of the CNN forward pass.
 * Internal header. */
#ifndef MXACCEL_CNN_INTERNAL_H
#define MXACCEL_CNN_INTERNAL_H

#include <stddef.h>

#include "mxaccel/cnn.h"

/* Layer geometry of the seed network. */
enum {
    C1_OUT = 32, C1_K = 9, IMG = 28, C1_HW = 26, C1_P = C1_HW * C1_HW,
    C2_OUT = 64, C2_IN = 32, C2_K = C2_IN * 9, C2_HW = 24, C2_P = C2_HW * C2_HW,
    POOL_HW = 12, FC1_IN = C2_OUT * POOL_HW * POOL_HW, FC1_OUT = 128, FC2_OUT = 10
};

/* Images per work item: a fixed split keeps the bits independent of the
 * number of threads. */
#define MX_CNN_CHUNK 64

struct mx_cnn {
    mx_cnn_config cfg;
    mx_elem_spec qe;   /* elementwise quantizer (cfg.elem) */
    mx_block_spec qa;  /* MX quantizer of activations (cfg.a_mx) */
    mx_block_spec qw;  /* MX quantizer of weights (cfg.w_mx) */
    int hw_dot_exact_double; /* hw: block dots are exact in double arithmetic */
    /* Qe(x) == x for every x that relu, max-pooling or a copy made from a
     * Qe output (narrow formats, see cnn_net.c): such re-quantizations are
     * skipped when no statistics are kept. */
    int qe_idempotent;
    /* Weights after Qe and Qmx (dequantized fp32), PyTorch layouts. */
    float *c1w, *c1b, *c2w, *c2b, *f1w, *f1b, *f2w, *f2b;
    /* conv2 weights reordered to [oc][kh][kw][c]: one MX block per (oc, kh, kw). */
    float *c2w_khwc;
    /* hw with exact double block dots: weights as doubles, convolutions
     * tap-major ([kh][kw][oc][c]), linear layers as [out][in]. */
    double *c1wd, *c2wd, *f1wd, *f2wd;
    mx_cnn_stats weight_stats; /* what quantizing the weights did */
    void *arena;
};

/* Scratch of one thread for a chunk of up to MX_CNN_CHUNK images. */
typedef struct cnn_workspace {
    float *x0;    /* [chunk][784] input */
    float *col;   /* im2col buffer */
    float *c1;    /* [chunk][32][676] */
    float *c2;    /* [chunk][64][576] */
    float *pool;  /* [chunk][9216] */
    float *f1;    /* [chunk][128] */
    float *f2;    /* [chunk][10] */
    float *tmp;   /* scratch for quantization statistics */
    size_t tmp_len;
    double *dcol; /* hw: exact-dot operands */
    float *acc;   /* hw linear layers: fp32 accumulators [out][chunk] */
    void *arena;
} cnn_workspace;

int cnn_workspace_init(cnn_workspace *ws);
void cnn_workspace_free(cnn_workspace *ws);

/* Apply a quantization point in place, counting what it does when stats != NULL. */
void cnn_qe(const mx_cnn *net, mx_qpoint q, float *x, size_t n, mx_cnn_stats *stats,
            cnn_workspace *ws);
/* The same for an input that is already a Qe output passed through relu,
 * max-pooling or nothing: skipped where that is provably the identity. */
void cnn_qe_again(const mx_cnn *net, mx_qpoint q, float *x, size_t n, mx_cnn_stats *stats,
                  cnn_workspace *ws);
void cnn_qmx(const mx_block_spec *spec, mx_qpoint q, float *x, size_t outer, size_t axis,
             size_t inner, mx_cnn_stats *stats, cnn_workspace *ws);
/* Count what turning in[] into out[] did (for quantization statistics). */
void cnn_count(mx_qstats *s, const float *in, const float *out, size_t n, float max_norm);

/* Layers (one chunk of n images). */
void cnn_conv1(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws);
void cnn_conv2(const mx_cnn *net, const float *x, float *y, size_t n, cnn_workspace *ws);
/* y[n][out] = x[n][in] @ w[out][in]^T in the profile's arithmetic (no bias). */
void cnn_matmul(const mx_cnn *net, const float *x, const float *w, float *y, size_t n,
                size_t in, size_t out, cnn_workspace *ws);
void cnn_softmax_log(const mx_cnn *net, float *x, size_t n, float *softmax_out,
                     mx_cnn_stats *stats, cnn_workspace *ws);

/* One chunk through the whole network; layers[] (image 0 of the chunk) may be NULL. */
void cnn_forward_chunk(const mx_cnn *net, const uint8_t *images, size_t n, float *logprobs,
                       mx_cnn_stats *stats, cnn_workspace *ws, float *const *layers);

#endif
