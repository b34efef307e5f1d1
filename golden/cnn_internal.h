/* The prepared network and per-thread scratch of the CNN forward pass.
 * Internal header. */
#ifndef MXACCEL_CNN_INTERNAL_H
#define MXACCEL_CNN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/cnn.h"
#include "mxaccel/hw_alu.h"

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
    /* hw with an elementwise format of the ALU (hw_alu.h): softmax, log and
     * the linear layers' bias addition are the ALU's operations */
    bool hw_alu;
    int hw_dot_aligned;      /* hw: bfloat16 block dots, aligned rule (hw_dot_aligned.h) */
    /* Qe(x) == x for every x that relu, max-pooling or a copy made from a
     * Qe output (narrow formats, see cnn_net.c): such re-quantizations are
     * skipped when no statistics are kept. */
    int qe_idempotent;
    /* Qe is monotonic: conv2's output is quantized after relu and pooling
     * (the same bits, a quarter of the work) when no statistics are kept. */
    int qe_monotonic;
    /* Weights after Qe and Qmx (dequantized fp32), PyTorch layouts. */
    float *c1w, *c1b, *c2w, *c2b, *f1w, *f1b, *f2w, *f2b;
    /* conv2 weights reordered to [oc][kh][kw][c]: one MX block per (oc, kh, kw). */
    float *c2w_khwc;
    /* hw with exact double block dots: weights as doubles, conv2 tap-major
     * ([kh][kw][oc][c]), linear layers as [out][in]. */
    double *c2wd, *f1wd, *f2wd;
    /* hw with exact double block dots and finite weights, zero activations
     * skipped (kernels/exact_sparse.c): conv2 as [kh][kw][c][oc], fc1 as
     * [in][out]. NULL otherwise. */
    double *c2ws, *f1ws;
    /* torch-cpu / cuda-kernel: weights as bf16 when exact there (bf16_gemm.h),
     * conv2 as [oc][c][kh][kw], fc1 as [out][in]; NULL otherwise. */
    uint16_t *c2w_bf16, *f1w_bf16;
    mx_cnn_stats weight_stats; /* what quantizing the weights did */
    void *arena;
};

/* Scratch of one thread for a chunk of up to MX_CNN_CHUNK images. */
typedef struct cnn_workspace {
    float *x0;    /* [chunk][784] input */
    float *col;   /* im2col buffer */
    float *c1;    /* [32][676], one image */
    float *c2;    /* [64][576], one image */
    float *pool;  /* [chunk][9216] */
    float *f1;    /* [chunk][128] */
    float *f2;    /* [chunk][10] */
    float *tmp;   /* scratch for quantization statistics */
    size_t tmp_len;
    uint8_t *scales; /* MX scale codes for quantization statistics */
    size_t scales_len;
    double *dcol; /* hw: exact-dot operands */
    float *acc;   /* hw: fp32 accumulators (conv2 [pixel][oc], linear [out][chunk]) */
    uint16_t *nz_idx; /* hw: indices, values and block starts of non-zero activations */
    double *nz_val;
    uint32_t *nz_start;
    /* torch-cpu / cuda-kernel bf16 GEMMs (NULL when unavailable; made on
     * first use) and their bf16 operands */
    struct bf16_gemm *conv2_bf16, *fc1_bf16;
    int bf16_tried;
    uint16_t *xb;   /* one conv2 input image [c][h][w], then its im2col [c*9][p] */
    uint16_t *fc1b; /* fc1 input [chunk][in] */
    float *fc1c;    /* fc1 output [chunk][out] */
    void *arena;
} cnn_workspace;

int cnn_workspace_init(cnn_workspace *ws);
void cnn_workspace_free(cnn_workspace *ws);
/* Make the workspace's bf16 GEMMs (once; they stay NULL where unavailable). */
void cnn_workspace_bf16(cnn_workspace *ws);

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
/* hw ALU operation at a quantization point: y = op(a, b), counted in stats
 * (NULL to skip) by the operation's own rounding flags. */
float cnn_alu(const mx_cnn *net, mx_alu_op op, float a, float b, mx_qpoint q, mx_cnn_stats *stats);
/* Count an ALU result with its rounding flags (stats may be NULL). */
void cnn_count_alu(mx_cnn_stats *stats, mx_qpoint q, float y, unsigned flags);

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
