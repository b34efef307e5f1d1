/**
 * @file pe.h
 * Cycle-level model of the MX dot-product PE (rtl/mx_pe.v,
 * docs/datapath.md "PE"): same ports, latency and throughput.
 *
 * Per clock cycle: read pe_ready() and pe_outputs(), then pe_clock() with the
 * cycle's inputs (the rising edge).
 */
#ifndef MXACCEL_MODEL_PE_H
#define MXACCEL_MODEL_PE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "mxaccel/format.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PE_N 32        /**< elements per block */
#define PE_LATENCY 3   /**< cycles from input transfer to output valid */

/** Inputs of one clock cycle (element codes one per byte, low bits used). */
typedef struct pe_input {
    bool valid;
    bool first;        /**< accumulate from +0 */
    bool last;         /**< emit the accumulator after adding */
    uint8_t a_scale;   /**< E8M0 */
    uint8_t w_scale;
    uint8_t a_codes[PE_N];
    uint8_t w_codes[PE_N];
} pe_input;

/** A transaction between pipeline stages (r is already rounded). */
typedef struct pe_stage {
    bool valid, first, last;
    uint32_t r;
} pe_stage;

typedef struct pe_model {
    mx_format a_fmt, w_fmt;
    int64_t a_k[256], w_k[256];   /**< element values in units of the quantum */
    uint8_t a_cls[256], w_cls[256]; /**< PE_CLS_* bits */
    bool specials;                /**< a format has Inf or NaN codes */
    bool wide;                    /**< the exact sum may need more than 63 bits */
    int xoff;                     /**< exponent of the sum's unit, less the scales */
    pe_stage st[PE_LATENCY - 1];  /**< after stages 1 and 2 */
    uint32_t acc;                 /**< fp32 bits; out_data_o */
    bool out_valid;
} pe_model;

/**
 * Set the element formats (MX element formats only) and reset.
 * @return 0, or -1 for a format that is not an MX element format
 */
int pe_init(pe_model *pe, mx_format_id a_fmt, mx_format_id w_fmt);

/** Asynchronous reset: empty pipeline, accumulator +0. */
void pe_reset(pe_model *pe);

/** in_ready_o: the pipeline advances this cycle. */
static inline bool pe_ready(const pe_model *pe, bool out_ready)
{
    return out_ready || !pe->out_valid;
}

/** Registered outputs out_valid_o, out_data_o. */
static inline void pe_outputs(const pe_model *pe, bool *valid, uint32_t *data)
{
    *valid = pe->out_valid;
    *data = pe->acc;
}

/** Rising clock edge with this cycle's inputs. */
void pe_clock(pe_model *pe, const pe_input *in, bool out_ready);

/**
 * The rounded block dot r of one transaction (fp32 bits): the exact sum of
 * the products times both scales, rounded once; canonical NaN, +0 for an
 * exact zero.
 */
uint32_t pe_block_dot(const pe_model *pe, uint8_t a_scale, const uint8_t *a_codes,
                      uint8_t w_scale, const uint8_t *w_codes);

/**
 * One operand of a block dot, decoded: the first n element values in units
 * of the format's quantum, the classes of its codes OR-ed, its scale. A
 * block shorter than PE_N is the block padded with zero codes.
 */
typedef struct pe_operand {
    int64_t k[PE_N];
    uint8_t codes[PE_N];
    uint8_t cls, scale;
    unsigned n;
} pe_operand;

/** Decode an activation (a) or weight (w) operand of n <= PE_N codes. */
void pe_decode_a(const pe_model *pe, uint8_t scale, const uint8_t *codes, unsigned n,
                 pe_operand *op);
void pe_decode_w(const pe_model *pe, uint8_t scale, const uint8_t *codes, unsigned n,
                 pe_operand *op);

/** pe_block_dot of two decoded operands of the same length. */
uint32_t pe_operand_dot(const pe_model *pe, const pe_operand *a, const pe_operand *w);

/** fp32 addition, nearest-even; every NaN result is 0x7fc00000. */
static inline uint32_t pe_fp32_add(uint32_t a, uint32_t b)
{
    float fa, fb;
    memcpy(&fa, &a, sizeof fa);
    memcpy(&fb, &b, sizeof fb);
    const float s = fa + fb;
    if (s != s) {
        return 0x7fc00000u;
    }
    uint32_t u;
    memcpy(&u, &s, sizeof u);
    return u;
}

#ifdef __cplusplus
}
#endif
#endif
