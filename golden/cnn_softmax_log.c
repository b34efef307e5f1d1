/* log(softmax(x, dim=1)) as microxcaling's softmax and simd_log compute it:
 * x = Qe(x); d = Qe(x - max); e = Qe(exp(d)); s = Qe(sum e); p = Qe(e / s);
 * out = Qe(log(Qe(p))). exp and log are PyTorch's (SLEEF).
 * hw with an ALU format: the same steps as the ALU's operations (hw_alu.h),
 * each rounded once: m = RMAX(x); d = SUB(x, m); e = EXP(d); s = RSUM(e);
 * p = DIV(e, s); out = LOG(p). */
#include <math.h>
#include <string.h>

#include "cnn_internal.h"
#include "torch_math.h"

static void softmax_log_alu(const mx_cnn *net, float *x, size_t n, float *softmax_out,
                            mx_cnn_stats *stats, cnn_workspace *ws)
{
    const size_t total = n * FC2_OUT;
    cnn_qe_again(net, MX_QP_SOFTMAX_X, x, total, stats, ws); /* x is fc2's output, in E */
    for (size_t i = 0; i < n; i++) {
        float *r = x + i * FC2_OUT;
        const float m = mx_hw_alu_running_max(r, FC2_OUT);
        for (int j = 0; j < FC2_OUT; j++) {
            r[j] = cnn_alu(net, MX_ALU_SUB, r[j], m, MX_QP_SOFTMAX_SHIFT, stats);
        }
        for (int j = 0; j < FC2_OUT; j++) {
            r[j] = cnn_alu(net, MX_ALU_EXP, r[j], 0.0f, MX_QP_SOFTMAX_EXP, stats);
        }
        unsigned flags = 0;
        const float s = mx_hw_alu_running_sum(&net->cfg.elem_fmt, r, FC2_OUT, &flags);
        cnn_count_alu(stats, MX_QP_SOFTMAX_SUM, s, flags);
        for (int j = 0; j < FC2_OUT; j++) {
            r[j] = cnn_alu(net, MX_ALU_DIV, r[j], s, MX_QP_SOFTMAX_DIV, stats);
        }
    }
    if (softmax_out) {
        memcpy(softmax_out, x, FC2_OUT * sizeof *x);
    }
    cnn_qe_again(net, MX_QP_LOG_IN, x, total, stats, ws); /* p is in E: the identity */
    for (size_t k = 0; k < total; k++) {
        x[k] = cnn_alu(net, MX_ALU_LOG, x[k], 0.0f, MX_QP_LOG_OUT, stats);
    }
}

void cnn_softmax_log(const mx_cnn *net, float *x, size_t n, float *softmax_out,
                     mx_cnn_stats *stats, cnn_workspace *ws)
{
    if (net->hw_alu) {
        softmax_log_alu(net, x, n, softmax_out, stats, ws);
        return;
    }
    const size_t total = n * FC2_OUT;
    cnn_qe_again(net, MX_QP_SOFTMAX_X, x, total, stats, ws); /* x is fc2's Qe output */
    for (size_t i = 0; i < n; i++) {
        float *r = x + i * FC2_OUT;
        float m = r[0];
        for (int j = 1; j < FC2_OUT; j++) {
            if (r[j] > m || isnan(r[j])) { /* torch.max propagates NaN */
                m = r[j];
            }
        }
        for (int j = 0; j < FC2_OUT; j++) {
            r[j] = r[j] - m;
        }
    }
    cnn_qe(net, MX_QP_SOFTMAX_SHIFT, x, total, stats, ws);
    for (size_t k = 0; k < total; k++) {
        x[k] = mx_torch_expf(x[k]);
    }
    cnn_qe(net, MX_QP_SOFTMAX_EXP, x, total, stats, ws);
    float sums[MX_CNN_CHUNK];
    for (size_t i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = 0; j < FC2_OUT; j++) {
            s += x[i * FC2_OUT + (size_t)j];
        }
        sums[i] = s;
    }
    cnn_qe(net, MX_QP_SOFTMAX_SUM, sums, n, stats, ws);
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < FC2_OUT; j++) {
            x[i * FC2_OUT + (size_t)j] /= sums[i];
        }
    }
    cnn_qe(net, MX_QP_SOFTMAX_DIV, x, total, stats, ws);
    if (softmax_out) {
        for (int j = 0; j < FC2_OUT; j++) {
            softmax_out[j] = x[j];
        }
    }
    cnn_qe_again(net, MX_QP_LOG_IN, x, total, stats, ws);
    for (size_t k = 0; k < total; k++) {
        x[k] = mx_torch_logf(x[k]);
    }
    cnn_qe(net, MX_QP_LOG_OUT, x, total, stats, ws);
}
