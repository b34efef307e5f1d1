/* The training pass's quantizers: the library's Qe and Qmx, plus the one
 * thing a GPU adds (docs/numerics.md, "cuda-kernel: the GPU NaN rule"):
 * every NaN its arithmetic makes is 0x7fffffff, which the kernels' Qe turns
 * into -0.0. */
#include <math.h>
#include <string.h>

#include "quantize_contiguous.h"
#include "train_internal.h"

void train_q_init(train_q *q, const mx_cnn_config *cfg)
{
    memset(q, 0, sizeof *q);
    q->elem = cfg->elem;
    q->qe = (mx_elem_spec){.profile = cfg->profile, .format = cfg->elem_fmt,
                           .round = MX_ROUND_NEAREST, .saturate = false, .denorm = true,
                           .gpu_nan = true};
    q->gpu_nan = cfg->profile == MX_PROFILE_CUDA_KERNEL;
    q->a_mx = cfg->a_mx;
    q->w_mx = cfg->w_mx;
    q->qa = (mx_block_spec){.profile = cfg->profile, .elem = cfg->a_fmt, .round = cfg->round,
                            .block_size = cfg->block_size, .scale_bits = cfg->scale_bits};
    q->qw = q->qa;
    q->qw.elem = cfg->w_fmt;
}

void train_qe(const train_q *q, float *x, size_t n)
{
    if (!q->elem) {
        return;
    }
    /* the GPU's NaN is applied inside the kernel (mx_elem_spec.gpu_nan) */
    mx_quantize_elemwise(&q->qe, x, x, n);
}

void train_qmx(const train_q *q, const mx_block_spec *spec, bool on, float *x, size_t outer,
               size_t axis, size_t inner)
{
    if (!on) {
        return;
    }
    if (q->gpu_nan) {
        mx_gpu_nan(x, outer * axis * inner);
    }
    mx_quantize_axis(spec, x, x, outer, axis, inner, NULL);
}

void train_qmx_rows(const train_q *q, float *x, size_t rows, size_t cols, size_t c0, size_t c1)
{
    if (!q->a_mx || c1 <= c0) {
        return;
    }
    /* a batch shorter than a block is one block, a longer one ends with a
     * shorter block, which is what zero padding gives (mx_quantize_axis);
     * the GPU's NaN is applied inside, to the few blocks that hold a NaN */
    mx_quantize_columns(&q->qa, x + c0, x + c0, NULL, rows, c1 - c0, cols, q->gpu_nan);
}
