/**
 * @file mx_pack.h
 * OCP MX packed storage: one E8M0 scale byte followed by the block's element
 * codes, packed little-endian: element i occupies bits [i*w, (i+1)*w) of the
 * code area (w = storage_bits), LSB first.
 *
 * Element codes: floats are sign | biased exponent | trailing mantissa (OCP
 * encodings: fp8_e4m3 has NaN at S.1111.111 and no Inf, fp6/fp4 have neither);
 * integers are two's complement of k where value = k / 2^(w-2).
 * Integer codes have no negative zero: -0.0 encodes as 0 and decodes as +0.0.
 * A NaN scale (0xFF) makes every element of the block NaN (OCP MX): such a
 * block packs with all element codes 0 and unpacks to NaN elements.
 */
#ifndef MXACCEL_MX_PACK_H
#define MXACCEL_MX_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/format.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes of one packed block of n elements: 1 + ceil(n * storage_bits / 8). */
size_t mx_packed_block_bytes(const mx_format *f, size_t n);

/** Storage cost per element including the shared scale: storage_bits + 8 / block_size. */
double mx_bits_per_element(const mx_format *f, int block_size);

/**
 * Encode one element value (in element units) to its code.
 * @return 0, or -1 when v is not exactly representable in the format
 */
int mx_elem_encode(const mx_format *f, float v, uint32_t *code);

/** Decode one element code to its value (exact). */
float mx_elem_decode(const mx_format *f, uint32_t code);

/** Value of an E8M0 scale code: 2^(code-127), or NaN for 0xFF. */
float mx_scale_value(uint8_t code);

/**
 * Pack a block: scale code + n element values.
 * @return 0, or -1 if some element is not representable (nothing sensible written)
 */
int mx_pack_block(const mx_format *f, uint8_t scale, const float *elems, size_t n, uint8_t *dst);

/**
 * Pack a block from its codes (low storage_bits of each; no check): the
 * scale byte, then the codes, LSB first. Writes mx_packed_block_bytes(f, n).
 */
void mx_pack_codes(const mx_format *f, uint8_t scale, const uint16_t *codes, size_t n, uint8_t *dst);

/** The codes of a packed block of n elements; returns the scale code. */
uint8_t mx_unpack_codes(const mx_format *f, const uint8_t *src, size_t n, uint16_t *codes);

/**
 * Unpack a block written by mx_pack_block.
 * @param elems element values (NULL to skip)
 * @param out   dequantized values: elems * 2^(scale-127), rounded to fp32
 *              nearest-even (only fp16/bfloat16 elements at the smallest
 *              scales can need rounding); all NaN for a NaN scale (NULL to skip)
 * @return the scale code
 */
uint8_t mx_unpack_block(const mx_format *f, const uint8_t *src, size_t n, float *elems, float *out);

#ifdef __cplusplus
}
#endif
#endif
