/* conv2's two backward products on the CPU's bf16 dot products (oneDNN,
 * bf16_gemm.h), as the forward's conv2 runs: when every operand is exact in
 * bf16 (MX elements of up to 8 significant bits times power-of-two scales
 * are) and in bf16_gemm's safe magnitude range, each product is exact in
 * fp32 and only the summation order differs from the fp32 GEMM: the
 * statistical part of the contract (docs/training.md). Otherwise, or
 * without bf16 instructions, the callers fall back to OpenBLAS. */
#include <stdlib.h>
#include <string.h>

#include "bf16_gemm.h"
#include "train_internal.h"

int train_bf16_init(train_bf16 *b)
{
    memset(b, 0, sizeof *b);
    b->g = malloc((size_t)C2_OUT * C2_P * sizeof *b->g);
    b->x = malloc((size_t)C2_IN * C1_P * sizeof *b->x);
    b->col = malloc((size_t)C2_K * C2_P * sizeof *b->col);
    if (!b->g || !b->x || !b->col) {
        train_bf16_free(b);
        return -1;
    }
    return 0;
}

void train_bf16_free(train_bf16 *b)
{
    bf16_gemm_destroy(b->grad_w);
    bf16_gemm_destroy(b->grad_x);
    free(b->g);
    free(b->x);
    free(b->col);
    memset(b, 0, sizeof *b);
}

static void make_gemms(train_bf16 *b)
{
    if (!b->tried) {
        b->tried = true;
        /* grad_W[o][k] = g[o][p] col[k][p]; colg[k][p] = W^T[k][o] g[o][p] */
        b->grad_w = bf16_gemm_create(C2_OUT, C2_K, C2_P, true);
        b->grad_x = bf16_gemm_create(C2_K, C2_P, C2_OUT, false);
    }
}

/* col[c*9 + kh*3 + kw][p] of bf16 values (the fp32 im2col's layout) */
static void im2col_bf16(const uint16_t *x, uint16_t *col)
{
    for (int c = 0; c < C2_IN; c++) {
        for (int t = 0; t < 9; t++) {
            uint16_t *dst = col + (size_t)(c * 9 + t) * C2_P;
            for (int h = 0; h < C2_HW; h++) {
                memcpy(dst + (size_t)h * C2_HW,
                       x + ((size_t)c * C1_HW + (size_t)(h + t / 3)) * C1_HW + t % 3,
                       C2_HW * sizeof *dst);
            }
        }
    }
}

bool train_conv2_grad_w_bf16(train_bf16 *b, const float *x, const float *g, float *pw)
{
    make_gemms(b);
    if (!b->grad_w || !bf16_from_f32_checked(g, b->g, (size_t)C2_OUT * C2_P) ||
        !bf16_from_f32_checked(x, b->x, (size_t)C2_IN * C1_P)) {
        return false;
    }
    im2col_bf16(b->x, b->col);
    bf16_gemm_run(b->grad_w, b->g, b->col, pw);
    return true;
}

bool train_conv2_grad_x_bf16(train_bf16 *b, const uint16_t *wt, const float *g, float *colg)
{
    make_gemms(b);
    if (!wt || !b->grad_x || !bf16_from_f32_checked(g, b->g, (size_t)C2_OUT * C2_P)) {
        return false;
    }
    bf16_gemm_run(b->grad_x, wt, b->g, colg);
    return true;
}

bool train_conv2_wt_bf16(const float *w, uint16_t *wt)
{
    /* W [o][k] -> W^T [k][o] */
    float *t = malloc((size_t)C2_OUT * C2_K * sizeof *t);
    if (!t) {
        return false;
    }
    for (size_t o = 0; o < C2_OUT; o++) {
        for (size_t k = 0; k < C2_K; k++) {
            t[k * C2_OUT + o] = w[o * C2_K + k];
        }
    }
    const bool ok = bf16_from_f32_checked(t, wt, (size_t)C2_OUT * C2_K);
    free(t);
    return ok;
}
