/**
 * @file pe_bf16.h
 * Cycle-level model of the bfloat16 dot-product PE (rtl/mx_pe_bf16.v,
 * docs/datapath.md "PE variant: bfloat16 elements"): same ports, latency and
 * throughput as the RTL, and the same pipeline rule as the MX PE (pe.h).
 *
 * Per clock cycle: read pe_bf16_ready() and pe_bf16_outputs(), then
 * pe_bf16_clock() with the cycle's inputs (the rising edge).
 */
#ifndef MXACCEL_MODEL_PE_BF16_H
#define MXACCEL_MODEL_PE_BF16_H

#include <stdbool.h>
#include <stdint.h>

#include "pe.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PE_BF16_N 32        /**< elements per block */
#define PE_BF16_LATENCY 4   /**< cycles from input transfer to output valid */
#define PE_BF16_GUARD 32    /**< G of the hw profile (hw_dot_aligned.h) */
#define PE_BF16_GUARD_MAX 32 /**< the model's sums must fit 53 bits */

/** Inputs of one clock cycle: bfloat16 codes. */
typedef struct pe_bf16_input {
    bool valid;
    bool first;        /**< accumulate from +0 */
    bool last;         /**< emit the accumulator after adding */
    uint16_t a_codes[PE_BF16_N];
    uint16_t w_codes[PE_BF16_N];
} pe_bf16_input;

typedef struct pe_bf16_model {
    int guard;                         /**< G, the RTL parameter */
    bool avx512;                       /**< the block sum's AVX-512 path (run time) */
    pe_stage st[PE_BF16_LATENCY - 1];  /**< after stages 0, 1 and 2 */
    uint32_t acc;                      /**< fp32 bits; out_data_o */
    bool out_valid;
} pe_bf16_model;

/**
 * Set G (the RTL's G parameter; PE_BF16_GUARD in the hw profile) and reset.
 * @return 0, or -1 for G outside 0..PE_BF16_GUARD_MAX
 */
int pe_bf16_init(pe_bf16_model *pe, int guard);

/** Asynchronous reset: empty pipeline, accumulator +0. */
void pe_bf16_reset(pe_bf16_model *pe);

/** in_ready_o: the pipeline advances this cycle. */
static inline bool pe_bf16_ready(const pe_bf16_model *pe, bool out_ready)
{
    return out_ready || !pe->out_valid;
}

/** Registered outputs out_valid_o, out_data_o. */
static inline void pe_bf16_outputs(const pe_bf16_model *pe, bool *valid, uint32_t *data)
{
    *valid = pe->out_valid;
    *data = pe->acc;
}

/** Rising clock edge with this cycle's inputs. */
void pe_bf16_clock(pe_bf16_model *pe, const pe_bf16_input *in, bool out_ready);

/**
 * The rounded block dot r of one transaction (fp32 bits) under the aligned
 * rule with the model's G; canonical NaN, +0 for an exact zero sum.
 */
uint32_t pe_bf16_block_dot(const pe_bf16_model *pe, const uint16_t *a_codes,
                           const uint16_t *w_codes);

#ifdef __cplusplus
}
#endif
#endif
