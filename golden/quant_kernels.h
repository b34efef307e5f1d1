/* The quantization kernels of one instruction set, as a table of functions.
 * golden/kernels/quant_kernels.c is compiled once per ISA; isa_dispatch.c
 * chooses the table. Internal header. */
#ifndef MXACCEL_QUANT_KERNELS_H
#define MXACCEL_QUANT_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/isa.h"
#include "quant_params.h"

/* n values, each on its own. */
typedef void (*elemwise_kernel)(const elem_params *p, const uint32_t *log2_thr, const float *in,
                                float *out, size_t n);

/* n contiguous values in blocks of p->block_size (the last may be shorter).
 * elems and scales may be NULL. */
typedef void (*blocks_kernel)(const block_params *p, const uint32_t *log2_thr, const float *in,
                              float *out, float *elems, uint8_t *scales, size_t n);

/* Blocks down columns: column c (c < width <= MX_COLUMN_TILE) is one block of
 * len <= p->block_size values in[r * stride + c]; scales[c] (may be NULL).
 * Returns 1 with nothing written when a block needs the NaN path (a NaN or
 * Inf in it, or a scale out of range): the caller gathers those. */
typedef int (*columns_kernel)(const block_params *p, const float *in, float *out, uint8_t *scales,
                              size_t len, size_t width, size_t stride);

enum { MX_COLUMN_TILE = 64 };

typedef struct quant_kernels {
    elemwise_kernel elemwise[MX_PROFILE_COUNT];
    blocks_kernel blocks[MX_PROFILE_COUNT];
    columns_kernel columns[MX_PROFILE_COUNT]; /* NULL: gather into contiguous blocks */
} quant_kernels;

extern const quant_kernels mx_kernels_generic;
extern const quant_kernels mx_kernels_avx2;
extern const quant_kernels mx_kernels_avx512;

/* The table for the active ISA. */
const quant_kernels *mx_active_kernels(void);

#endif
