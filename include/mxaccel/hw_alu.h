/**
 * @file hw_alu.h
 * The hw profile's elementwise operations: what the accelerator's ALU
 * (rtl/mx_alu.v) computes on the elementwise format E (fpN, bfloatN up to
 * 16 bits). docs/hw-arithmetic.md, "Elementwise operations", defines them.
 *
 * Every result is the exact result rounded once to E: round to nearest,
 * ties away from zero, subnormals kept, overflow to +-Inf, every NaN the
 * canonical NaN. Values are passed as fp32 (every value of E is one).
 */
#ifndef MXACCEL_HW_ALU_H
#define MXACCEL_HW_ALU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"

#ifdef __cplusplus
extern "C" {
#endif

/** ALU operations; the values are the RTL's opcodes. */
typedef enum mx_alu_op {
    MX_ALU_QUANT, /**< fp32 -> E (the hw elementwise quantizer Qe) */
    MX_ALU_ADD,
    MX_ALU_SUB,
    MX_ALU_MUL,
    MX_ALU_DIV,
    MX_ALU_MAX,   /**< max(a, b) = (b > a || isnan(b)) ? b : a (torch.max) */
    MX_ALU_RELU,  /**< (a > 0 || isnan(a)) ? a : +0 */
    MX_ALU_EXP,
    MX_ALU_LOG,
    MX_ALU_RMAX,  /**< running MAX from the first element */
    MX_ALU_RSUM,  /**< running fp32 sum from +0, QUANTized */
    MX_ALU_OP_COUNT
} mx_alu_op;

/** What rounding did (for quantization statistics). */
enum {
    MX_ALU_OVERFLOW = 1, /**< a finite exact result became +-Inf */
    MX_ALU_FLUSHED = 2   /**< a non-zero exact result became zero */
};

/** Whether f is an E format of the ALU: fpN (N 7..16) or bfloatN (N 10..16). */
bool mx_hw_alu_format_ok(const mx_format *f);

/** The hw elementwise quantizer Qe of E: nearest (ties away), no saturation, subnormals kept. */
mx_elem_spec mx_hw_alu_qe_spec(const mx_format *e);

/** The code of QUANT(v) (v itself for a value of E); NaN gives the canonical NaN code. */
uint32_t mx_hw_alu_encode(const mx_format *e, float v);

/** The value of a code; NaN codes give the canonical fp32 NaN 0x7fc00000. */
float mx_hw_alu_decode(const mx_format *e, uint32_t code);

/**
 * One operation on values. ADD, SUB, MUL, DIV, MAX and RELU work on the exact
 * fp32 values given (values of E in the ALU); QUANT takes any fp32; EXP and
 * LOG take QUANT(a) (the ALU's operand is an E code). b is ignored by the
 * one-operand operations. RMAX and RSUM are not single operations: they give NaN.
 * @param flags receives MX_ALU_OVERFLOW / MX_ALU_FLUSHED bits (NULL to skip)
 */
float mx_hw_alu_eval(const mx_format *e, mx_alu_op op, float a, float b, unsigned *flags);

/**
 * One operation on codes (a is fp32 bits for QUANT); every NaN result is
 * the canonical NaN code. RMAX and RSUM give the canonical NaN code.
 */
uint32_t mx_hw_alu_eval_code(const mx_format *e, mx_alu_op op, uint32_t a, uint32_t b);

float mx_hw_alu_quant(const mx_format *e, float x);
float mx_hw_alu_add(const mx_format *e, float a, float b);
float mx_hw_alu_sub(const mx_format *e, float a, float b);
float mx_hw_alu_mul(const mx_format *e, float a, float b);
float mx_hw_alu_div(const mx_format *e, float a, float b);
/** MAX and RELU compare: no rounding, no format. */
float mx_hw_alu_max(float m, float y);
float mx_hw_alu_relu(float x);
float mx_hw_alu_exp(const mx_format *e, float x);
float mx_hw_alu_log(const mx_format *e, float x);

/** The running-sum step: IEEE fp32 addition (nearest-even), canonical NaN. */
float mx_hw_alu_sum_step(float acc, float x);

/** RMAX over x[0..n-1] (n >= 1): m = x[0], then m = MAX(m, x[i]). */
float mx_hw_alu_running_max(const float *x, size_t n);

/** RSUM over x[0..n-1]: QUANT(fp32 sum from +0 in input order). */
float mx_hw_alu_running_sum(const mx_format *e, const float *x, size_t n, unsigned *flags);

#ifdef __cplusplus
}
#endif
#endif
