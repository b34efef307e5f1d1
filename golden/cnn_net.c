/* A network prepared for one configuration: the weights go through their
 * quantization points (Qe, then Qmx along the input axis) once. */
#include <cblas.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bf16_gemm.h"
#include "cnn_internal.h"
#include "hw_dot.h"
#include "hw_dot_aligned.h"

/* openblas_set_num_threads is OpenBLAS's; the network threads over images. */
void openblas_set_num_threads(int num_threads);

enum { N_C1W = C1_OUT * C1_K, N_C2W = C2_OUT * C2_K, N_F1W = FC1_OUT * FC1_IN, N_F2W = FC2_OUT * FC1_OUT };

static float *take(float **cursor, const float *src, size_t n)
{
    float *dst = *cursor;
    memcpy(dst, src, n * sizeof(float));
    *cursor += n;
    return dst;
}

static bool all_finite(const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i])) {
            return false;
        }
    }
    return true;
}

/* A bf16 copy of x when every value is exact there (bf16_gemm.h), else NULL. */
static uint16_t *bf16_copy(const float *x, size_t n)
{
    uint16_t *b = malloc(n * sizeof *b);
    if (b && !bf16_from_f32_checked(x, b, n)) {
        free(b);
        b = NULL;
    }
    return b;
}

mx_cnn *mx_cnn_create(const mx_cnn_weights *w, const mx_cnn_config *cfg, char *err, size_t errlen)
{
    if (mx_cnn_config_check(cfg, err, errlen) != 0) {
        return NULL;
    }
    mx_cnn *net = calloc(1, sizeof *net);
    const size_t floats = N_C1W + C1_OUT + 2 * (size_t)N_C2W + C2_OUT + N_F1W + FC1_OUT + N_F2W +
                          FC2_OUT;
    float *arena = net ? malloc(floats * sizeof(float)) : NULL;
    cnn_workspace ws;
    if (!arena || cnn_workspace_init(&ws) != 0) {
        free(arena);
        free(net);
        snprintf(err, errlen, "out of memory preparing the network");
        return NULL;
    }
    openblas_set_num_threads(1);
    net->cfg = *cfg;
    net->arena = arena;
    /* cuda-kernel models the GPU run: every NaN its arithmetic makes is
     * 0x7fffffff, which the kernel's Qe turns into -0.0 */
    net->qe = (mx_elem_spec){.profile = cfg->profile, .format = cfg->elem_fmt,
                             .round = MX_ROUND_NEAREST, .saturate = false, .denorm = true,
                             .gpu_nan = true};
    net->qa = (mx_block_spec){.profile = cfg->profile, .elem = cfg->a_fmt, .round = cfg->round,
                              .block_size = cfg->block_size, .scale_bits = cfg->scale_bits};
    net->qw = net->qa;
    net->qw.elem = cfg->w_fmt;
    net->hw_alu = cfg->profile == MX_PROFILE_HW && cfg->elem && mx_hw_alu_format_ok(&cfg->elem_fmt);
    net->hw_dot_exact_double = hw_dot_exact_in_double(cfg->a_mx ? &cfg->a_fmt : NULL,
                                                      cfg->w_mx ? &cfg->w_fmt : NULL,
                                                      cfg->block_size);
    net->hw_dot_aligned = hw_dot_aligned_for(cfg->a_mx ? &cfg->a_fmt : NULL,
                                             cfg->w_mx ? &cfg->w_fmt : NULL);

    /* Re-quantizing a value on the target grid gives it back in all three
     * profiles (for torch-cpu as long as no grid value lies within SLEEF's
     * log2f round-up zone below a power of two: at most 16 trailing bits).
     * relu and max-pooling only pick such values, +0, Inf or NaN, which map
     * to themselves too (NaN payloads aside). tests/cnn checks that runs with
     * and without statistics (which never skip) give the same bits. */
    net->qe_idempotent = cfg->elem && mx_format_trailing_bits(&cfg->elem_fmt) <= 16;
    /* The same formats make Qe monotonic on |x| < 2^127 (x <= y gives
     * Qe(x) <= Qe(y)) with Qe(+0) == +0 in all three profiles: the grid
     * exponent grows with |x| (torch-cpu's SLEEF round-up zone only moves
     * values that round to the next power of two anyway), rounding to
     * nearest on a grid is monotonic and overflow goes to Inf. (Near FLT_MAX
     * torch-cpu's log2f reaches 128 and Qe gives NaN.) There Qe commutes
     * with relu and max-pooling; tests/golden/test_qe_monotonic.cc checks
     * every such input (long label). */
    net->qe_monotonic = net->qe_idempotent;

    float *cur = arena;
    mx_cnn_stats *st = &net->weight_stats;
    net->c1w = take(&cur, w->conv1_w, N_C1W);
    net->c1b = take(&cur, w->conv1_b, C1_OUT);
    net->c2w = take(&cur, w->conv2_w, N_C2W);
    net->c2b = take(&cur, w->conv2_b, C2_OUT);
    net->f1w = take(&cur, w->fc1_w, N_F1W);
    net->f1b = take(&cur, w->fc1_b, FC1_OUT);
    net->f2w = take(&cur, w->fc2_w, N_F2W);
    net->f2b = take(&cur, w->fc2_b, FC2_OUT);
    net->c2w_khwc = cur;

    /* W = Qe(W), b = Qe(b), wq = Qmx(W, in-channel / in-feature axis) */
    cnn_qe(net, MX_QP_CONV1_W, net->c1w, N_C1W, st, &ws);
    cnn_qe(net, MX_QP_CONV1_B, net->c1b, C1_OUT, st, &ws);
    cnn_qe(net, MX_QP_CONV2_W, net->c2w, N_C2W, st, &ws);
    cnn_qe(net, MX_QP_CONV2_B, net->c2b, C2_OUT, st, &ws);
    cnn_qe(net, MX_QP_FC1_W, net->f1w, N_F1W, st, &ws);
    cnn_qe(net, MX_QP_FC1_B, net->f1b, FC1_OUT, st, &ws);
    cnn_qe(net, MX_QP_FC2_W, net->f2w, N_F2W, st, &ws);
    cnn_qe(net, MX_QP_FC2_B, net->f2b, FC2_OUT, st, &ws);
    if (cfg->w_mx) {
        cnn_qmx(&net->qw, MX_QP_CONV1_WMX, net->c1w, C1_OUT, 1, 9, st, &ws);
        cnn_qmx(&net->qw, MX_QP_CONV2_WMX, net->c2w, C2_OUT, C2_IN, 9, st, &ws);
        cnn_qmx(&net->qw, MX_QP_FC1_WMX, net->f1w, FC1_OUT, FC1_IN, 1, st, &ws);
        cnn_qmx(&net->qw, MX_QP_FC2_WMX, net->f2w, FC2_OUT, FC1_OUT, 1, st, &ws);
    }
    /* hw convolution reads weights as [o][kh][kw][c]: one MX block per tap */
    for (int o = 0; o < C2_OUT; o++) {
        for (int c = 0; c < C2_IN; c++) {
            for (int t = 0; t < 9; t++) {
                net->c2w_khwc[((size_t)o * 9 + (size_t)t) * C2_IN + (size_t)c] =
                    net->c2w[((size_t)o * C2_IN + (size_t)c) * 9 + (size_t)t];
            }
        }
    }
    if (cfg->profile == MX_PROFILE_HW && net->hw_dot_exact_double) {
        net->c2wd = malloc(sizeof(double) * (N_C2W + N_F1W + N_F2W));
        if (!net->c2wd) {
            cnn_workspace_free(&ws);
            mx_cnn_destroy(net);
            snprintf(err, errlen, "out of memory preparing the network");
            return NULL;
        }
        net->f1wd = net->c2wd + N_C2W;
        net->f2wd = net->f1wd + N_F1W;
        for (int t = 0; t < 9; t++) {
            for (int o = 0; o < C2_OUT; o++) {
                for (int c = 0; c < C2_IN; c++) {
                    net->c2wd[((size_t)t * C2_OUT + (size_t)o) * C2_IN + (size_t)c] =
                        net->c2w[((size_t)o * C2_IN + (size_t)c) * 9 + (size_t)t];
                }
            }
        }
        for (size_t j = 0; j < N_F1W; j++) {
            net->f1wd[j] = net->f1w[j];
        }
        for (size_t j = 0; j < N_F2W; j++) {
            net->f2wd[j] = net->f2w[j];
        }
    }
    /* torch-cpu / cuda-kernel: bf16 copies of the weights that are exact in bf16 */
    if (cfg->profile != MX_PROFILE_HW) {
        net->c2w_bf16 = bf16_copy(net->c2w, N_C2W);
        net->f1w_bf16 = bf16_copy(net->f1w, N_F1W);
    }
    /* Skipping zero activations needs finite weights (0 * Inf is NaN). */
    if (net->c2wd && all_finite(net->c2w, N_C2W) && all_finite(net->f1w, N_F1W)) {
        /* 64-byte rows: the kernel's 512-bit loads must not straddle cache lines */
        net->c2ws = aligned_alloc(64, sizeof(double) * (N_C2W + N_F1W));
        if (!net->c2ws) {
            cnn_workspace_free(&ws);
            mx_cnn_destroy(net);
            snprintf(err, errlen, "out of memory preparing the network");
            return NULL;
        }
        net->f1ws = net->c2ws + N_C2W;
        for (size_t t = 0; t < 9; t++) {
            for (size_t c = 0; c < C2_IN; c++) {
                for (size_t o = 0; o < C2_OUT; o++) {
                    net->c2ws[(t * C2_IN + c) * C2_OUT + o] = net->c2w[(o * C2_IN + c) * 9 + t];
                }
            }
        }
        for (size_t k = 0; k < FC1_IN; k++) {
            for (size_t o = 0; o < FC1_OUT; o++) {
                net->f1ws[k * FC1_OUT + o] = net->f1w[o * FC1_IN + k];
            }
        }
    }
    cnn_workspace_free(&ws);
    return net;
}

void mx_cnn_destroy(mx_cnn *net)
{
    if (net) {
        free(net->arena);
        free(net->c2wd);
        free(net->c2ws);
        free(net->c2w_bf16);
        free(net->f1w_bf16);
        free(net);
    }
}
