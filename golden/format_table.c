/* The one table of number formats; every width and limit elsewhere derives
 * from it. Values follow the OCP MX v1.0 element formats and microxcaling's
 * formats.py (emax, max_norm), which the reference vectors were made with. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxaccel/format.h"

#define INT_FMT(id_, name_, bits_, max_)                                                         \
    {.id = (id_), .name = (name_), .ebits = 0, .mbits = (bits_), .emax = 0, .emin = 0,           \
     .max_norm = (max_), .storage_bits = (bits_), .mx_element = true, .has_inf = false,           \
     .has_nan = false}

#define FLOAT_FMT(id_, name_, ebits_, mbits_, emax_, max_, inf_, nan_)                           \
    {.id = (id_), .name = (name_), .ebits = (ebits_), .mbits = (mbits_), .emax = (emax_),        \
     .emin = 2 - (1 << ((ebits_) - 1)), .max_norm = (max_),                                      \
     .storage_bits = (ebits_) + (mbits_) - 1, .mx_element = true, .has_inf = (inf_),             \
     .has_nan = (nan_)}

/* Append-only: tests and reports index formats by these names. */
static const mx_format mx_element_table[] = {
    INT_FMT(MX_FMT_INT8, "int8", 8, 127.0f / 64.0f),
    INT_FMT(MX_FMT_INT4, "int4", 4, 7.0f / 4.0f),
    INT_FMT(MX_FMT_INT2, "int2", 2, 1.0f),
    FLOAT_FMT(MX_FMT_FP8_E5M2, "fp8_e5m2", 5, 4, 15, 57344.0f, true, true),
    FLOAT_FMT(MX_FMT_FP8_E4M3, "fp8_e4m3", 4, 5, 8, 448.0f, false, true),
    FLOAT_FMT(MX_FMT_FP6_E3M2, "fp6_e3m2", 3, 4, 4, 28.0f, false, false),
    FLOAT_FMT(MX_FMT_FP6_E2M3, "fp6_e2m3", 2, 5, 2, 7.5f, false, false),
    FLOAT_FMT(MX_FMT_FP4_E2M1, "fp4_e2m1", 2, 3, 2, 6.0f, false, false),
    FLOAT_FMT(MX_FMT_FP16, "fp16", 5, 12, 15, 65504.0f, true, true),
    FLOAT_FMT(MX_FMT_BFLOAT16, "bfloat16", 8, 9, 127, 0x1.fep127f, true, true),
};

static const struct {
    const char *alias;
    mx_format_id id;
} aliases[] = {
    {"fp4", MX_FMT_FP4_E2M1},
    {"float16", MX_FMT_FP16},
    {"bf16", MX_FMT_BFLOAT16},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

const mx_format *mx_format_mx_elements(size_t *count)
{
    if (count) {
        *count = COUNT_OF(mx_element_table);
    }
    return mx_element_table;
}

/* An elementwise float format with `ebits` exponent bits and `bits` =
 * sign + implicit + trailing mantissa bits; its top exponent code is Inf/NaN,
 * so max = 2^emax * (2^(bits-1) - 1) / 2^(bits-2) (microxcaling _get_max_norm). */
static void make_elementwise(mx_format *out, mx_format_id id, const char *prefix, int n, int ebits,
                             int bits)
{
    memset(out, 0, sizeof *out);
    out->id = id;
    snprintf(out->name, sizeof out->name, "%s%d", prefix, n);
    out->ebits = ebits;
    out->mbits = bits;
    out->emax = (1 << (ebits - 1)) - 1;
    out->emin = 2 - (1 << (ebits - 1));
    out->max_norm = ldexpf((float)((1u << (bits - 1)) - 1u), out->emax - (bits - 2));
    out->storage_bits = n;
    out->mx_element = false;
    out->has_inf = true;
    out->has_nan = true;
}

int mx_format_bfloat(int n, mx_format *out)
{
    if (n < 10 || n > 32) {
        return -1;
    }
    if (n == 16) {
        *out = mx_element_table[MX_FMT_BFLOAT16];
        return 0;
    }
    make_elementwise(out, MX_FMT_BFLOAT_N, "bfloat", n, 8, n - 7);
    return 0;
}

int mx_format_fp(int n, mx_format *out)
{
    if (n < 7 || n > 32) {
        return -1;
    }
    if (n == 16) {
        *out = mx_element_table[MX_FMT_FP16];
        return 0;
    }
    make_elementwise(out, MX_FMT_FP_N, "fp", n, 5, n - 4);
    return 0;
}

/* Parses the decimal width after a family prefix; -1 unless all digits. */
static int parse_width(const char *s)
{
    if (*s == '\0' || strlen(s) > 3) {
        return -1;
    }
    int n = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s)) {
            return -1;
        }
        n = n * 10 + (*s - '0');
    }
    return n;
}

static void set_err(char *err, size_t errlen, const char *msg, const char *name)
{
    if (err && errlen) {
        snprintf(err, errlen, msg, name);
    }
}

int mx_format_from_name(const char *name, mx_format *out, char *err, size_t errlen)
{
    char lower[32];
    size_t len = strlen(name);
    if (len == 0 || len >= sizeof lower) {
        set_err(err, errlen, "unknown format '%s'", name);
        return -1;
    }
    for (size_t i = 0; i <= len; i++) {
        lower[i] = (char)tolower((unsigned char)name[i]);
    }
    for (size_t i = 0; i < COUNT_OF(mx_element_table); i++) {
        if (strcmp(lower, mx_element_table[i].name) == 0) {
            *out = mx_element_table[i];
            return 0;
        }
    }
    for (size_t i = 0; i < COUNT_OF(aliases); i++) {
        if (strcmp(lower, aliases[i].alias) == 0) {
            *out = mx_element_table[aliases[i].id];
            return 0;
        }
    }
    if (strncmp(lower, "bfloat", 6) == 0) {
        int n = parse_width(lower + 6);
        if (n >= 0) {
            if (mx_format_bfloat(n, out) == 0) {
                return 0;
            }
            set_err(err, errlen, "format '%s': bfloatN needs N in 10..32", name);
            return -1;
        }
    } else if (strncmp(lower, "fp", 2) == 0) {
        int n = parse_width(lower + 2);
        if (n >= 0) {
            if (mx_format_fp(n, out) == 0) {
                return 0;
            }
            set_err(err, errlen, "format '%s': fpN needs N in 7..32", name);
            return -1;
        }
    }
    set_err(err, errlen,
            "unknown format '%s' (expected int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 "
            "fp4_e2m1 fp16 bfloat16, bfloatN N=10..32 or fpN N=7..32)",
            name);
    return -1;
}
