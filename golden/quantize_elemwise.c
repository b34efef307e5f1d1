/* Elementwise quantization: spec checks and dispatch to the active kernels. */
#include <stdio.h>
#include <string.h>

#include "mxaccel/quantize.h"
#include "profile_check.h"
#include "quant_kernels.h"
#include "quantize_contiguous.h"
#include "torch_floor_log2.h"

int mx_elem_spec_check(const mx_elem_spec *spec, char *err, size_t errlen)
{
    if (mx_check_profile_round(spec->profile, spec->round, err, errlen) != 0) {
        return -1;
    }
    const int bfloat32 = spec->format.id == MX_FMT_BFLOAT_N && spec->format.mbits == 25;
    if (spec->profile == MX_PROFILE_CUDA_KERNEL && spec->format.mbits > 24 && !bfloat32) {
        snprintf(err, errlen,
                 "format %s has %d mantissa bits; the cuda-kernel profile supports at most 24 "
                 "(fpN up to fp28, bfloatN up to bfloat31, and bfloat32)",
                 spec->format.name, spec->format.mbits);
        return -1;
    }
    return 0;
}

/* Branch-free on the bit patterns, so that it vectorizes. */
void mx_gpu_nan(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &x[i], sizeof u);
        u = (u & 0x7fffffffu) > 0x7f800000u ? 0x7fffffffu : u;
        memcpy(&x[i], &u, sizeof u);
    }
}

void mx_quantize_elemwise(const mx_elem_spec *spec, const float *in, float *out, size_t n)
{
    elem_params p;
    mx_elem_params_init(&p, &spec->format, spec->round, spec->saturate, spec->denorm,
                        spec->profile);
    p.gpu_nan = spec->gpu_nan && spec->profile == MX_PROFILE_CUDA_KERNEL;
    if (p.identity) {
        if (in != out) {
            memmove(out, in, n * sizeof *in);
        }
        if (p.gpu_nan) {
            mx_gpu_nan(out, n); /* the identity (bfloat32): only NaN bits change */
        }
        return;
    }
    const uint32_t *thr = mx_torch_log2_thresholds();
    mx_active_kernels()->elemwise[spec->profile](&p, thr, in, out, n);
}

float mx_quantize_scalar(const mx_elem_spec *spec, float x)
{
    float y;
    mx_quantize_elemwise(spec, &x, &y, 1);
    return y;
}
