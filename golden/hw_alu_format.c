/* The ALU's E formats, their quantizer and their codes. */
#include <math.h>

#include "hw_alu_internal.h"
#include "mxaccel/mx_pack.h"

bool mx_hw_alu_format_ok(const mx_format *f)
{
    const bool fp = f->id == MX_FMT_FP_N || f->id == MX_FMT_FP16;
    const bool bf = f->id == MX_FMT_BFLOAT_N || f->id == MX_FMT_BFLOAT16;
    return (fp && f->ebits == 5 && f->storage_bits >= 7 && f->storage_bits <= 16) ||
           (bf && f->ebits == 8 && f->storage_bits >= 10 && f->storage_bits <= 16);
}

mx_elem_spec mx_hw_alu_qe_spec(const mx_format *e)
{
    /* the CNN's Qe (cnn_net.c) in the hw profile */
    return (mx_elem_spec){.profile = MX_PROFILE_HW, .format = *e, .round = MX_ROUND_NEAREST,
                          .saturate = false, .denorm = true};
}

float mx_hw_alu_quant(const mx_format *e, float x)
{
    const mx_elem_spec s = mx_hw_alu_qe_spec(e);
    return mx_quantize_scalar(&s, x);
}

float hw_alu_operand(const mx_format *e, float a)
{
    uint32_t code;
    if (!isnan(a) && mx_elem_encode(e, a, &code) == 0) {
        return a;
    }
    return mx_hw_alu_quant(e, a);
}

uint32_t mx_hw_alu_encode(const mx_format *e, float v)
{
    uint32_t code = 0;
    /* QUANT gives a value of E (NaN: the canonical one, sign clear) */
    mx_elem_encode(e, hw_alu_operand(e, v), &code);
    return code;
}

float mx_hw_alu_decode(const mx_format *e, uint32_t code)
{
    const float v = mx_elem_decode(e, code);
    return isnan(v) ? alu_nan() : v;
}
