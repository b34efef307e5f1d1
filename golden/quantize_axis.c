/* MX quantization of a dense tensor along one axis, as microxcaling's
 * _reshape_to_blocks does it: [outer][axis][inner], blocks along the axis,
 * a short axis is one block, a long one is zero-padded (padding never changes
 * a shared exponent, so a padded block is the same as a shorter block). */
#include <stdlib.h>

#include "mxaccel/quantize.h"
#include "quantize_contiguous.h"

size_t mx_blocks_along(size_t axis_len, int block_size)
{
    return (axis_len + (size_t)block_size - 1) / (size_t)block_size;
}

/* Columns of the inner dimension gathered per pass when blocks are strided. */
#define COLUMN_CHUNK 64

static void quantize_strided(const mx_block_spec *spec, const float *in, float *out, size_t outer,
                             size_t axis_len, size_t inner, uint8_t *scales)
{
    const size_t bs = (size_t)spec->block_size;
    const size_t nblocks = mx_blocks_along(axis_len, spec->block_size);
    float *tile = malloc(sizeof(float) * COLUMN_CHUNK * bs);
    uint8_t tile_scales[COLUMN_CHUNK];
    if (!tile) {
        abort(); /* out of memory for a few KiB: nothing sensible to return */
    }
    for (size_t o = 0; o < outer; o++) {
        for (size_t b = 0; b < nblocks; b++) {
            const size_t a0 = b * bs;
            const size_t len = axis_len - a0 < bs ? axis_len - a0 : bs;
            mx_block_spec one = *spec;
            one.block_size = (int)len;
            for (size_t c0 = 0; c0 < inner; c0 += COLUMN_CHUNK) {
                const size_t cols = inner - c0 < COLUMN_CHUNK ? inner - c0 : COLUMN_CHUNK;
                const float *src = in + (o * axis_len + a0) * inner + c0;
                for (size_t a = 0; a < len; a++) {
                    for (size_t c = 0; c < cols; c++) {
                        tile[c * len + a] = src[a * inner + c];
                    }
                }
                mx_quantize_contiguous(&one, tile, tile, NULL, tile_scales, cols * len);
                float *dst = out + (o * axis_len + a0) * inner + c0;
                for (size_t a = 0; a < len; a++) {
                    for (size_t c = 0; c < cols; c++) {
                        dst[a * inner + c] = tile[c * len + a];
                    }
                }
                if (scales) {
                    for (size_t c = 0; c < cols; c++) {
                        scales[(o * nblocks + b) * inner + c0 + c] = tile_scales[c];
                    }
                }
            }
        }
    }
    free(tile);
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
        quantize_strided(spec, in, out, outer, axis_len, inner, scales);
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
