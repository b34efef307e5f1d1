/**
 * @file format.h
 * Number formats: the OCP MX element formats and the elementwise
 * bfloatN / fpN formats of microxcaling's mx_specs.
 *
 * One table (golden/format_table.c) describes every format; every width,
 * limit and code layout elsewhere is derived from it.
 */
#ifndef MXACCEL_FORMAT_H
#define MXACCEL_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Identity of a format family. bfloatN and fpN carry their width in mx_format. */
typedef enum mx_format_id {
    MX_FMT_INT8,
    MX_FMT_INT4,
    MX_FMT_INT2,
    MX_FMT_FP8_E5M2,
    MX_FMT_FP8_E4M3,
    MX_FMT_FP6_E3M2,
    MX_FMT_FP6_E2M3,
    MX_FMT_FP4_E2M1,
    MX_FMT_FP16,     /**< IEEE half; also elementwise fp16 */
    MX_FMT_BFLOAT16, /**< bfloat16; also elementwise bfloat16 */
    MX_FMT_BFLOAT_N, /**< elementwise bfloatN, N in 10..32 (8 exponent bits) */
    MX_FMT_FP_N,     /**< elementwise fpN, N in 7..32 (5 exponent bits) */
    MX_FMT_COUNT
} mx_format_id;

/** A fully described number format. */
typedef struct mx_format {
    mx_format_id id;
    char name[16];     /**< canonical name, e.g. "fp8_e4m3", "fp12" */
    int ebits;         /**< exponent bits; 0 for integers */
    int mbits;         /**< sign + implicit one + trailing mantissa bits
                            (microxcaling's "bits"); for ints: all bits */
    int emax;          /**< exponent of the largest normal (0 for ints) */
    int emin;          /**< exponent of the smallest normal (floats only) */
    float max_norm;    /**< largest finite magnitude */
    int storage_bits;  /**< bits of one stored code (sign+exponent+trailing) */
    bool mx_element;   /**< usable as the element format of an MX block */
    bool has_inf;      /**< encoding has Inf (fp8_e5m2, fp16, bfloat16, N-formats) */
    bool has_nan;      /**< encoding has NaN codes */
} mx_format;

/** Number of trailing (stored) mantissa bits; fraction bits for ints. */
static inline int mx_format_trailing_bits(const mx_format *f) { return f->mbits - 2; }

/**
 * Look a format up by name: int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2
 * fp6_e2m3 fp4_e2m1 (alias fp4) fp16 (alias float16) bfloat16 (alias bf16),
 * bfloatN (N 10..32) and fpN (N 7..32).
 * @param name   the name (case-insensitive)
 * @param out    receives the format
 * @param err    receives a one-line message on failure (may be NULL)
 * @param errlen size of err
 * @return 0 on success, -1 for an unknown name or a width out of range
 */
int mx_format_from_name(const char *name, mx_format *out, char *err, size_t errlen);

/** The elementwise bfloatN format (N 10..32); returns -1 when out of range. */
int mx_format_bfloat(int n, mx_format *out);

/** The elementwise fpN format (N 7..32, 5 exponent bits); -1 when out of range. */
int mx_format_fp(int n, mx_format *out);

/** The MX element formats, in table order (for listings and sweeps). */
const mx_format *mx_format_mx_elements(size_t *count);

#ifdef __cplusplus
}
#endif
#endif
