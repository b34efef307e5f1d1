/* MX quantization of a dense tensor along one axis, as microxcaling's
 * _reshape_to_blocks does it: [outer][axis][inner], blocks along the axis,
 * a short axis is one block, a long one is zero-padded (padding never changes
 * a shared exponent, so a padded block is the same as a shorter block). */
#include "mxaccel/quantize.h"
#include "quantize_contiguous.h"

size_t mx_blocks_along(size_t axis_len, int block_size)
{
    return (axis_len + (size_t)block_size - 1) / (size_t)block_size;
}

void mx_quantize_axis(const mx_block_spec *spec, const float *in, float *out, size_t outer,
                      size_t axis_len, size_t inner, uint8_t *scales)
{
    if (outer == 0 || axis_len == 0 || inner == 0) {
        return;
    }
    if (axis_len == 1) {
        /* every element is a block of its own, and the scales line up with them */
        mx_block_spec one = *spec;
        one.block_size = 1;
        mx_quantize_contiguous(&one, in, out, NULL, scales, outer * inner);
        return;
    }
    if (inner > 1) {
        const size_t nblocks = mx_blocks_along(axis_len, spec->block_size);
        for (size_t o = 0; o < outer; o++) {
            const size_t at = o * axis_len * inner;
            mx_quantize_columns(spec, in + at, out + at, scales ? scales + o * nblocks * inner : NULL,
                                axis_len, inner, inner, false);
        }
        return;
    }
    const size_t bs = (size_t)spec->block_size;
    const size_t nblocks = mx_blocks_along(axis_len, spec->block_size);
    if (axis_len % bs == 0) {
        /* rows are whole blocks: one pass over everything */
        mx_quantize_contiguous(spec, in, out, NULL, scales, outer * axis_len);
        return;
    }
    for (size_t o = 0; o < outer; o++) {
        mx_quantize_contiguous(spec, in + o * axis_len, out + o * axis_len, NULL,
                               scales ? scales + o * nblocks : NULL, axis_len);
    }
}
