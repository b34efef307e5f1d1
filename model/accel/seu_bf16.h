/**
 * @file seu_bf16.h
 * An SEU lane's function for the bfloat16 PE (docs/accelerator.md, "SEU
 * lanes"): the hw profile's bfloat16 block quantizer on one block of E codes,
 * its dequantized values stored as bfloat16 codes. The model's lanes and the
 * RTL's tests (rtl/accel/mx_accel_bf16_block.v) share it.
 */
#ifndef MXACCEL_ACCEL_SEU_BF16_H
#define MXACCEL_ACCEL_SEU_BF16_H

#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Quantize one block of n E codes (1..32; a one-element block is n = 1).
 * @param e     the elementwise format E of the codes
 * @param a_fmt the blocks' element format (bfloat16)
 * @param round the descriptor's rounding
 * @param in    n codes of E (low bits used)
 * @param n     elements in the block
 * @param codes receives n bfloat16 codes: the top half of each dequantized
 *              fp32 value, 0x7fc0 for a NaN
 */
void accel_seu_bf16(const mx_format *e, const mx_format *a_fmt, mx_round round,
                    const uint16_t *in, unsigned n, uint16_t *codes);

#ifdef __cplusplus
}
#endif
#endif
