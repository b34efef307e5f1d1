/* MX blocks down the columns of a row-major matrix (an axis that is not the
 * innermost): a profile's column kernel where it has one, else each tile of
 * columns gathered into contiguous blocks and scattered back. */
#include <stdlib.h>

#include "quant_kernels.h"
#include "quantize_contiguous.h"

/* The tile [len rows][width columns] at src (row stride `stride`) as
 * contiguous blocks: gather, quantize, scatter. */
static void gather_tile(const mx_block_spec *spec, const float *src, float *dst, uint8_t *scales,
                        size_t len, size_t width, size_t stride, bool gpu_nan, float *tile)
{
    for (size_t r = 0; r < len; r++) {
        for (size_t c = 0; c < width; c++) {
            tile[c * len + r] = src[r * stride + c];
        }
    }
    if (gpu_nan) {
        mx_gpu_nan(tile, width * len);
    }
    mx_block_spec one = *spec;
    one.block_size = (int)len; /* a short block is the whole (padded) block */
    mx_quantize_contiguous(&one, tile, tile, NULL, scales, width * len);
    for (size_t r = 0; r < len; r++) {
        for (size_t c = 0; c < width; c++) {
            dst[r * stride + c] = tile[c * len + r];
        }
    }
}

void mx_quantize_columns(const mx_block_spec *spec, const float *in, float *out, uint8_t *scales,
                         size_t rows, size_t width, size_t stride, bool gpu_nan)
{
    const size_t bs = (size_t)spec->block_size;
    block_params p;
    mx_block_params_init(&p, spec);
    const columns_kernel kernel = mx_active_kernels()->columns[spec->profile];
    float *tile = NULL;
    for (size_t r0 = 0, b = 0; r0 < rows; r0 += bs, b++) {
        const size_t len = rows - r0 < bs ? rows - r0 : bs;
        p.block_size = (int)len;
        for (size_t c0 = 0; c0 < width; c0 += MX_COLUMN_TILE) {
            const size_t w = width - c0 < MX_COLUMN_TILE ? width - c0 : MX_COLUMN_TILE;
            const float *src = in + r0 * stride + c0;
            float *dst = out + r0 * stride + c0;
            uint8_t *sc = scales ? scales + b * width + c0 : NULL;
            if (kernel != NULL && kernel(&p, src, dst, sc, len, w, stride) == 0) {
                continue;
            }
            if (tile == NULL && (tile = malloc(sizeof(float) * MX_COLUMN_TILE * bs)) == NULL) {
                abort(); /* out of memory for a few KiB: nothing sensible to return */
            }
            gather_tile(spec, src, dst, sc, len, w, stride, gpu_nan, tile);
        }
    }
    free(tile);
}
