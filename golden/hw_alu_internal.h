/* The hw ALU's operations: unpacked operands, unrounded results and the one
 * rounding to E that every operation ends with. Internal header. */
#ifndef MXACCEL_HW_ALU_INTERNAL_H
#define MXACCEL_HW_ALU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "mxaccel/hw_alu.h"
#include "quant_params.h"

/* An fp32 operand: class, sign and, when finite, value sig * 2^exp. */
typedef enum alu_class { ALU_FINITE, ALU_INF, ALU_NAN } alu_class;

typedef struct alu_fp {
    alu_class cls;
    bool neg;
    uint32_t sig; /* < 2^24; 0 for zeros */
    int exp;      /* weight of sig's least significant bit */
} alu_fp;

static inline alu_fp alu_unpack(float x)
{
    const uint32_t u = mx_f2u(x);
    const uint32_t field = (u >> 23) & 0xffu;
    const uint32_t frac = u & 0x7fffffu;
    alu_fp f = {ALU_FINITE, (u >> 31) != 0, 0, 0};
    if (field == 0xffu) {
        f.cls = frac ? ALU_NAN : ALU_INF;
        return f;
    }
    /* subnormals: exponent field 1 without the implicit bit */
    f.sig = field ? frac | 0x800000u : frac;
    f.exp = (field ? (int)field : 1) - 150;
    return f;
}

/* An unrounded result (-1)^neg * mag * 2^exp. A set least significant bit
 * of mag may stand for a value strictly between mag - 1 and mag + 1 (a
 * jammed sticky bit): the operations keep mag's LSB at least two bits below
 * E's quantum, where that does not change the rounding. */
typedef struct alu_raw {
    bool neg;
    uint64_t mag;
    int exp;
} alu_raw;

/* r rounded once to E (nearest, ties away; subnormals; overflow to Inf);
 * mag == 0 is a zero of r's sign. */
float hw_alu_round(const mx_format *e, alu_raw r, unsigned *flags);

/* r = v (finite, or +-Inf from overflow of v's computation; v == 0 from
 * underflow stands for a positive value too small to matter) rounded once
 * to E. long double is the x87 format: v's 64-bit significand is exact. */
float hw_alu_round_long(const mx_format *e, long double v, unsigned *flags);

/* The operations (flags may be NULL). */
float hw_alu_quant(const mx_format *e, float x, unsigned *flags);
float hw_alu_add(const mx_format *e, float a, float b, unsigned *flags);
float hw_alu_sub(const mx_format *e, float a, float b, unsigned *flags);
float hw_alu_mul(const mx_format *e, float a, float b, unsigned *flags);
float hw_alu_div(const mx_format *e, float a, float b, unsigned *flags);
float hw_alu_exp(const mx_format *e, float a, unsigned *flags);
float hw_alu_log(const mx_format *e, float a, unsigned *flags);

/* An operand in E's domain: a itself when it is a value of E, else QUANT(a). */
float hw_alu_operand(const mx_format *e, float a);

static inline float alu_nan(void) { return mx_u2f(MX_CANONICAL_NAN); }

static inline float alu_signed_inf(bool neg) { return mx_u2f(neg ? 0xff800000u : 0x7f800000u); }

static inline void alu_flag(unsigned *flags, unsigned f)
{
    if (flags) {
        *flags |= f;
    }
}

#endif
