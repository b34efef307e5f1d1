/* Contiguous-block entry point shared by the block and axis front ends.
 * Internal header. */
#ifndef MXACCEL_QUANTIZE_CONTIGUOUS_H
#define MXACCEL_QUANTIZE_CONTIGUOUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/quantize.h"

/* n contiguous values in blocks of spec->block_size, the last one shorter;
 * elems and scales may be NULL. */
void mx_quantize_contiguous(const mx_block_spec *spec, const float *in, float *out, float *elems,
                            uint8_t *scales, size_t n);

/* Every NaN among x[0..n) becomes 0x7fffffff, the NaN a GPU's arithmetic
 * makes (the cuda-kernel model of a GPU run). golden/quantize_elemwise.c */
void mx_gpu_nan(float *x, size_t n);

/* Blocks down columns: rows x width values at row stride `stride` (in and
 * out alike; may be the same), each column split into blocks of
 * spec->block_size rows, the last shorter; scales (may be NULL) as
 * [block][width]. With gpu_nan every NaN input counts as 0x7fffffff, the NaN
 * a GPU's arithmetic makes (the cuda-kernel training model): only blocks
 * holding a NaN can differ, and those take the gathered path anyway.
 * golden/quantize_columns.c */
void mx_quantize_columns(const mx_block_spec *spec, const float *in, float *out, uint8_t *scales,
                         size_t rows, size_t width, size_t stride, bool gpu_nan);

#endif
