/* The training pass's quantizers: the library's Qe and Qmx, plus the one
 * thing a GPU adds (NUMERICS.md, cuda-kernel item 6): every NaN its
 * arithmetic makes is 0x7fffffff, which the kernels' Qe turns into -0.0. */
#include <math.h>
#include <string.h>

#include "train_internal.h"

void train_q_init(train_q *q, const mx_cnn_config *cfg)
{
    memset(q, 0, sizeof *q);
    q->elem = cfg->elem;
    q->qe = (mx_elem_spec){.profile = cfg->profile, .format = cfg->elem_fmt,
                           .round = MX_ROUND_NEAREST, .saturate = false, .denorm = true};
    q->gpu_nan = cfg->profile == MX_PROFILE_CUDA_KERNEL;
    q->a_mx = cfg->a_mx;
    q->w_mx = cfg->w_mx;
    q->qa = (mx_block_spec){.profile = cfg->profile, .elem = cfg->a_fmt, .round = cfg->round,
                            .block_size = cfg->block_size, .scale_bits = cfg->scale_bits};
    q->qw = q->qa;
    q->qw.elem = cfg->w_fmt;
}

void train_gpu_nan(float *x, size_t n)
{
    /* on the bit patterns, branch-free, so that it vectorizes */
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &x[i], sizeof u);
        u = (u & 0x7fffffffu) > 0x7f800000u ? 0x7fffffffu : u;
        memcpy(&x[i], &u, sizeof u);
    }
}

void train_qe(const train_q *q, float *x, size_t n)
{
    if (!q->elem) {
        return;
    }
    if (q->gpu_nan) {
        train_gpu_nan(x, n);
    }
    mx_quantize_elemwise(&q->qe, x, x, n);
}

void train_qmx(const train_q *q, const mx_block_spec *spec, bool on, float *x, size_t outer,
               size_t axis, size_t inner)
{
    if (!on) {
        return;
    }
    if (q->gpu_nan) {
        train_gpu_nan(x, outer * axis * inner);
    }
    mx_quantize_axis(spec, x, x, outer, axis, inner, NULL);
}

/* Columns per tile: a tile of [TILE_COLS][rows <= 64] floats stays in L1. */
enum { TILE_COLS = 64, ROW_GROUP = 8 };

/* tile[c][r] = x[r][c] for w columns of x (row stride cols); eight rows at
 * a time, so that every tile line written holds eight consecutive values */
static void gather(const float *x, size_t rows, size_t cols, size_t w, float *tile)
{
    size_t r0 = 0;
    for (; r0 + ROW_GROUP <= rows; r0 += ROW_GROUP) {
        const float *s = x + r0 * cols;
        for (size_t c = 0; c < w; c++) {
            float *d = tile + c * rows + r0;
            for (size_t k = 0; k < ROW_GROUP; k++) {
                d[k] = s[k * cols + c];
            }
        }
    }
    for (; r0 < rows; r0++) {
        for (size_t c = 0; c < w; c++) {
            tile[c * rows + r0] = x[r0 * cols + c];
        }
    }
}

/* the inverse of gather */
static void scatter(const float *tile, size_t rows, size_t cols, size_t w, float *x)
{
    size_t r0 = 0;
    for (; r0 + ROW_GROUP <= rows; r0 += ROW_GROUP) {
        float *s = x + r0 * cols;
        for (size_t c = 0; c < w; c++) {
            const float *d = tile + c * rows + r0;
            for (size_t k = 0; k < ROW_GROUP; k++) {
                s[k * cols + c] = d[k];
            }
        }
    }
    for (; r0 < rows; r0++) {
        for (size_t c = 0; c < w; c++) {
            x[r0 * cols + c] = tile[c * rows + r0];
        }
    }
}

void train_qmx_rows(const train_q *q, float *x, size_t rows, size_t cols, size_t c0, size_t c1,
                    float *tmp)
{
    if (!q->a_mx || c1 <= c0) {
        return;
    }
    /* gather tiles of columns as contiguous runs [column][row], so that
     * each MX block is contiguous; a batch shorter than a block is one
     * block, a longer one ends with a shorter block, which is what zero
     * padding gives (mx_quantize_axis) */
    for (size_t t0 = c0; t0 < c1; t0 += TILE_COLS) {
        const size_t w = c1 - t0 < TILE_COLS ? c1 - t0 : TILE_COLS;
        gather(x + t0, rows, cols, w, tmp);
        train_qmx(q, &q->qa, true, tmp, w, rows, 1);
        scatter(tmp, rows, cols, w, x + t0);
    }
}
