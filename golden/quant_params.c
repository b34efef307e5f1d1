/* Derives the kernel parameters from a format and the call's switches. */
#include "quant_params.h"
#include "torch_floor_log2.h"

void mx_elem_params_init(elem_params *p, const mx_format *f, mx_round round, int saturate,
                         int denorm, mx_profile profile)
{
    p->round = (int)round;
    p->is_int = f->ebits == 0;
    p->ebits = f->ebits;
    p->bits = f->mbits;
    p->trailing = mx_format_trailing_bits(f);
    p->emin = p->is_int ? 0 : f->emin;
    p->saturate = saturate || p->is_int;
    p->denorm = denorm;
    /* microxcaling returns bfloat32 unchanged (_quantize_bfloat shortcut). */
    p->identity = profile != MX_PROFILE_HW && f->id == MX_FMT_BFLOAT_N && f->mbits == 25;
    p->max_norm = f->max_norm;
    p->max_bits = mx_f2u(f->max_norm);
    p->scale_up = mx_pow2f(p->trailing);
    p->scale_down = mx_pow2f(-p->trailing);
    p->min_norm = p->is_int ? 0.0f : mx_pow2f(f->emin);
    p->cuda_bias = p->is_int ? 1 : (1 << (f->ebits - 1)) - 1;
    p->log2_suspect_min = mx_torch_log2_suspect_min();
    p->gpu_nan = 0;
}

void mx_block_params_init(block_params *p, const mx_block_spec *spec)
{
    mx_elem_params_init(&p->elem, &spec->elem, spec->round, 1, 1, spec->profile);
    p->elem.identity = 0;
    p->elem_emax = spec->elem.emax;
    p->scale_emax = (1 << (spec->scale_bits - 1)) - 1;
    p->block_size = spec->block_size;
}
