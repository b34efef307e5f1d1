/* Adadelta as torch.optim.Adadelta (weight_decay 0) computes it, op by op
 * in fp32 (the optimizer state stays fp32):
 *   square_avg = square_avg * rho + (1-rho) * g * g     (mul_, addcmul_)
 *   std = sqrt(square_avg + eps)
 *   delta = sqrt(acc_delta + eps) / std * g
 *   acc_delta = acc_delta * rho + (1-rho) * delta * delta
 *   param = param + (-lr) * delta                       (add_ with alpha)
 * The Python scalars reach the fp32 kernels as floats: (float)rho,
 * (float)(1 - rho) computed in double, (float)eps, (float)-lr. ATen's
 * vectorized add with alpha is a fused multiply-add (vec::fmadd): so is
 * ours. */
#include <math.h>

#include "train_internal.h"

/* One body, compiled twice: baseline x86-64 (fmaf is a library call
 * there) and AVX2 + FMA (vectorized). sqrt, division and fma are correctly
 * rounded either way, so both give the same bits. */
#define ADADELTA_BODY                                                        \
    const float rho_f = (float)rho;                                          \
    const float one_minus_rho = (float)(1.0 - rho);                          \
    const float eps_f = (float)eps;                                          \
    const float alpha = (float)-lr;                                          \
    for (size_t i = 0; i < n; i++) {                                         \
        const float g = grad[i];                                             \
        float sq = square_avg[i] * rho_f;                                    \
        sq = sq + one_minus_rho * g * g;                                     \
        square_avg[i] = sq;                                                  \
        const float std = sqrtf(sq + eps_f);                                 \
        const float delta = sqrtf(acc_delta[i] + eps_f) / std * g;           \
        float acc = acc_delta[i] * rho_f;                                    \
        acc = acc + one_minus_rho * delta * delta;                           \
        acc_delta[i] = acc;                                                  \
        param[i] = fmaf(alpha, delta, param[i]);                             \
    }

__attribute__((target("avx2,fma"))) static void adadelta_fma(
    float *restrict param, const float *restrict grad, float *restrict square_avg,
    float *restrict acc_delta, size_t n, double lr, double rho, double eps)
{
    ADADELTA_BODY
}

static void adadelta_baseline(float *restrict param, const float *restrict grad,
                              float *restrict square_avg, float *restrict acc_delta, size_t n,
                              double lr, double rho, double eps)
{
    ADADELTA_BODY
}

void train_adadelta(float *param, const float *grad, float *square_avg, float *acc_delta,
                    size_t n, double lr, double rho, double eps)
{
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        adadelta_fma(param, grad, square_avg, acc_delta, n, lr, rho, eps);
    } else {
        adadelta_baseline(param, grad, square_avg, acc_delta, n, lr, rho, eps);
    }
}
