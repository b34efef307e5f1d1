/**
 * @file quant_run.h
 * The streaming loops of `mxaccel quant`: words in, quantized words (or
 * packed MX blocks) out, a bounded batch at a time.
 */
#ifndef MXACCEL_CLI_QUANT_RUN_H
#define MXACCEL_CLI_QUANT_RUN_H

#include <stdbool.h>

#include "hex_reader.h"
#include "mxaccel/quantize.h"
#include "out_buf.h"

/**
 * Quantize every word on its own; one output word per line.
 * @return an exit status (errors already reported)
 */
int quant_run_elemwise(const mx_elem_spec *spec, hex_reader_t *in, out_buf_t *out);

/**
 * Quantize consecutive words as MX blocks along one axis; one block per line,
 * as dequantized words or (packed) as the OCP packed bytes.
 * @return an exit status (errors already reported)
 */
int quant_run_mx(const mx_block_spec *spec, bool packed, hex_reader_t *in, out_buf_t *out);

#endif
