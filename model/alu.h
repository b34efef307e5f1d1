/**
 * @file alu.h
 * Cycle-level model of the elementwise ALU (rtl/mx_alu.v, docs/datapath.md
 * "Elementwise ALU"): same ports, latency and throughput.
 *
 * Per clock cycle: read alu_ready() and alu_outputs(), then alu_clock() with
 * the cycle's inputs (the rising edge).
 */
#ifndef MXACCEL_MODEL_ALU_H
#define MXACCEL_MODEL_ALU_H

#include <stdbool.h>
#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/hw_alu.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ALU_LATENCY 2 /**< cycles from input transfer to output valid */

/** Inputs of one clock cycle. */
typedef struct alu_input {
    bool valid;
    bool first;   /**< RMAX / RSUM: start from this element */
    bool last;    /**< RMAX / RSUM: emit after this element */
    uint8_t op;   /**< mx_alu_op; 11..15 are reserved (canonical NaN) */
    uint32_t a;   /**< E code (low bits), or fp32 bits for QUANT */
    uint32_t b;   /**< E code */
} alu_input;

/** A transaction between pipeline stages (its result is already final). */
typedef struct alu_stage {
    bool valid, emit;
    uint32_t code;
} alu_stage;

typedef struct alu_model {
    mx_format fmt;
    int width;                    /**< code bits of E */
    uint16_t *exp_table;          /**< exp of every code (2^width entries) */
    uint16_t *log_table;          /**< log of every code */
    uint32_t max_code;            /**< RMAX register (E code) */
    uint32_t acc;                 /**< RSUM register (fp32 bits) */
    alu_stage st[ALU_LATENCY - 1];
    uint32_t out_code;            /**< out_data_o: the last emitted result */
    bool out_valid;
} alu_model;

/**
 * Set the format (an E format of the ALU, mx_hw_alu_format_ok), build the
 * tables from the golden functions and reset.
 * @return 0, or -1 for another format or when out of memory
 */
int alu_init(alu_model *m, const mx_format *e);

/** Release the tables. */
void alu_free(alu_model *m);

/** Asynchronous reset: empty pipeline, registers zero. */
void alu_reset(alu_model *m);

/** in_ready_o: the pipeline advances this cycle. */
static inline bool alu_ready(const alu_model *m, bool out_ready)
{
    return out_ready || !m->out_valid;
}

/** Registered outputs out_valid_o, out_data_o. */
static inline void alu_outputs(const alu_model *m, bool *valid, uint32_t *data)
{
    *valid = m->out_valid;
    *data = m->out_code;
}

/** Rising clock edge with this cycle's inputs. */
void alu_clock(alu_model *m, const alu_input *in, bool out_ready);

/** The result code of one non-reduction operation (reserved ops: canonical NaN). */
uint32_t alu_eval(const alu_model *m, uint8_t op, uint32_t a, uint32_t b);

#ifdef __cplusplus
}
#endif
#endif
