/**
 * @file seu.h
 * Cycle-level model of the Shared-Exponent Unit (rtl/mx_seu.v,
 * docs/datapath.md "SEU"): same ports, latency and throughput.
 *
 * Per clock cycle: read seu_ready() and seu_outputs(), then seu_clock() with
 * the cycle's inputs (the rising edge). Output data is meaningful only while
 * out_valid_o is 1.
 */
#ifndef MXACCEL_MODEL_SEU_H
#define MXACCEL_MODEL_SEU_H

#include <stdbool.h>
#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SEU_N 32          /**< elements per block */
#define SEU_LATENCY 2     /**< cycles from input transfer to output valid */
#define SEU_LUT_MAX 32768 /**< table entries: narrow inputs are looked up */

/** Inputs of one clock cycle. */
typedef struct seu_input {
    bool valid;
    uint16_t codes[SEU_N]; /**< elementwise input codes, low in_w bits used */
} seu_input;

/** Registered outputs. */
typedef struct seu_output {
    bool valid;
    uint8_t scale;          /**< E8M0, 0xFF = NaN */
    uint8_t codes[SEU_N];   /**< MX element codes, low bits used; 0 for a NaN scale */
} seu_output;

/** Stage-1 register: shared exponent and the block's codes. */
typedef struct seu_stage1 {
    bool valid, nan;
    int se;
    uint16_t codes[SEU_N];
} seu_stage1;

typedef struct seu_model {
    /* input format: 1 sign, in_eb exponent, in_tb trailing bits */
    int in_w, in_eb, in_tb, in_bias;
    /* target: exponent bits, trailing bits, code bits, emax, smallest normal
     * exponent (0 for integers), largest magnitude code or |k| */
    int oeb, op, ocw, oemax, oemin, omax;
    mx_round round;
    int lp, cap;          /**< right padding of the significand; shift cap */
    int se_lo;            /**< first table row; -1 in n_rows: no table */
    int n_rows;
    uint8_t lut[SEU_LUT_MAX]; /**< [se - se_lo][magnitude] -> magnitude code / |k| */
    seu_stage1 s1;
    seu_output out;
} seu_model;

/**
 * Set the formats and reset.
 * @param in  elementwise input: IEEE-like, 5 or 8 exponent bits, 7..16 bits
 *            (fpN, bfloat16, fp16)
 * @param out MX element format id MX_FMT_INT8 .. MX_FMT_FP4_E2M1
 * @return 0, or -1 for an unsupported combination
 */
int seu_init(seu_model *m, const mx_format *in, mx_format_id out, mx_round round);

/** Asynchronous reset: empty pipeline. */
void seu_reset(seu_model *m);

/** in_ready_o: the pipeline advances this cycle. */
static inline bool seu_ready(const seu_model *m, bool out_ready)
{
    return out_ready || !m->out.valid;
}

/** Registered outputs out_valid_o, out_scale_o, out_codes_o. */
static inline const seu_output *seu_outputs(const seu_model *m)
{
    return &m->out;
}

/** Rising clock edge with this cycle's inputs. */
void seu_clock(seu_model *m, const seu_input *in, bool out_ready);

/** The whole transformation of one block (both stages): scale code, element codes. */
uint8_t seu_block(const seu_model *m, const uint16_t *codes, uint8_t *out_codes);

#ifdef __cplusplus
}
#endif
#endif
