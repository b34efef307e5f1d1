/* Contiguous-block entry point shared by the block and axis front ends.
 * Internal header. */
#ifndef MXACCEL_QUANTIZE_CONTIGUOUS_H
#define MXACCEL_QUANTIZE_CONTIGUOUS_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/quantize.h"

/* n contiguous values in blocks of spec->block_size, the last one shorter;
 * elems and scales may be NULL. */
void mx_quantize_contiguous(const mx_block_spec *spec, const float *in, float *out, float *elems,
                            uint8_t *scales, size_t n);

#endif
