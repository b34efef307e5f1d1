/* MX block quantization of contiguous blocks: spec checks and dispatch. */
#include <stdio.h>

#include "mxaccel/quantize.h"
#include "profile_check.h"
#include "quant_kernels.h"
#include "quantize_contiguous.h"
#include "torch_floor_log2.h"

int mx_block_spec_check(const mx_block_spec *spec, char *err, size_t errlen)
{
    if (mx_check_profile_round(spec->profile, spec->round, err, errlen) != 0) {
        return -1;
    }
    if (!spec->elem.mx_element) {
        snprintf(err, errlen,
                 "format %s is elementwise-only; MX blocks need int8 int4 int2 fp8_e5m2 "
                 "fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1 fp16 or bfloat16",
                 spec->elem.name);
        return -1;
    }
    if (spec->block_size < 1 || spec->block_size > MX_MAX_BLOCK_SIZE) {
        snprintf(err, errlen, "block size %d out of range 1..%d", spec->block_size,
                 MX_MAX_BLOCK_SIZE);
        return -1;
    }
    if (spec->scale_bits < 1 || spec->scale_bits > 8) {
        snprintf(err, errlen, "scale bits %d out of range 1..8", spec->scale_bits);
        return -1;
    }
    return 0;
}

/* Contiguous blocks of spec->block_size over n values (last one shorter). */
void mx_quantize_contiguous(const mx_block_spec *spec, const float *in, float *out, float *elems,
                            uint8_t *scales, size_t n)
{
    block_params p;
    mx_block_params_init(&p, spec);
    mx_active_kernels()->blocks[spec->profile](&p, mx_torch_log2_thresholds(), in, out, elems,
                                               scales, n);
}

uint8_t mx_quantize_block(const mx_block_spec *spec, const float *in, size_t n, float *elems,
                          float *out)
{
    float scratch[MX_MAX_BLOCK_SIZE];
    uint8_t scale = MX_SCALE_NAN;
    if (n == 0 || n > (size_t)spec->block_size) {
        return scale; /* not a block: nothing written */
    }
    mx_block_spec one = *spec;
    one.block_size = (int)n; /* a short block is the whole (padded) block */
    mx_quantize_contiguous(&one, in, out ? out : scratch, elems, &scale, n);
    return scale;
}
