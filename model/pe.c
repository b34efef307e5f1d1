/* Cycle-level model of the MX dot-product PE; see pe.h. Elements decode
 * through tables to integers in units of their format's quantum, so the
 * block's exact sum is an int64 (int128 for fp8_e5m2 x fp8_e5m2). */
#include <math.h>

#include "mxaccel/mx_pack.h"
#include "pe.h"

enum { PE_CLS_ZERO = 1, PE_CLS_INF = 2, PE_CLS_NAN = 4, PE_CLS_NEG = 8 };

#define PE_NAN 0x7fc00000u
#define PE_INF 0x7f800000u

__extension__ typedef unsigned __int128 pe_u128;
__extension__ typedef __int128 pe_i128;

/* The OCP MX element formats the PE decodes (not fp16 / bfloat16). */
static const mx_format *find_format(mx_format_id id)
{
    if (id > MX_FMT_FP4_E2M1) {
        return NULL;
    }
    size_t n;
    const mx_format *t = mx_format_mx_elements(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].id == id) {
            return &t[i];
        }
    }
    return NULL;
}

/* Exponent of a format's quantum (its smallest non-zero magnitude). */
static int quantum_exp(const mx_format *f)
{
    const int p = mx_format_trailing_bits(f);
    return f->ebits == 0 ? -p : f->emin - p;
}

/* Bits of the largest magnitude in quanta. */
static int magnitude_bits(const mx_format *f)
{
    const double m = ldexp((double)f->max_norm, -quantum_exp(f));
    int b = 0;
    while (ldexp(1.0, b) <= m) {
        b++;
    }
    /* integers also have the code -2^(w-1) */
    return f->ebits == 0 ? f->storage_bits : b;
}

static void fill_tables(const mx_format *f, int64_t *k, uint8_t *cls)
{
    const uint32_t ncodes = 1u << f->storage_bits;
    const int q = quantum_exp(f);
    for (uint32_t c = 0; c < 256; c++) {
        const float v = mx_elem_decode(f, c % ncodes);
        uint8_t m = signbit(v) ? PE_CLS_NEG : 0;
        if (isnan(v)) {
            m |= PE_CLS_NAN;
            k[c] = 0;
        } else if (isinf(v)) {
            m |= PE_CLS_INF;
            k[c] = 0;
        } else {
            k[c] = (int64_t)ldexp((double)v, -q);
            if (v == 0.0f) {
                m |= PE_CLS_ZERO;
            }
        }
        cls[c] = m;
    }
}

int pe_init(pe_model *pe, mx_format_id a_fmt, mx_format_id w_fmt)
{
    const mx_format *fa = find_format(a_fmt), *fw = find_format(w_fmt);
    if (!fa || !fw) {
        return -1;
    }
    pe->a_fmt = *fa;
    pe->w_fmt = *fw;
    fill_tables(fa, pe->a_k, pe->a_cls);
    fill_tables(fw, pe->w_k, pe->w_cls);
    pe->specials = fa->has_inf || fa->has_nan || fw->has_inf || fw->has_nan;
    /* 32 products need 5 more bits than one, plus a sign */
    pe->wide = magnitude_bits(fa) + magnitude_bits(fw) + 5 > 63;
    pe->xoff = quantum_exp(fa) + quantum_exp(fw) - 254;
    pe_reset(pe);
    return 0;
}

void pe_reset(pe_model *pe)
{
    for (int s = 0; s < PE_LATENCY - 1; s++) {
        pe->st[s] = (pe_stage){false, false, false, 0};
    }
    pe->acc = 0;
    pe->out_valid = false;
}

/* mag * 2^x (mag != 0) rounded to fp32 nearest-even, subnormals kept,
 * overflow to Inf; sign not included. mag below 2^64 here. */
static uint32_t round_u64(uint64_t mag, int x)
{
    const int lead = 63 - __builtin_clzll(mag);
    int q = lead + x - 23; /* exponent of the result's quantum */
    if (q < -149) {
        q = -149;
    }
    if (q + 149 > 253) {
        return PE_INF;
    }
    const int rs = q - x;
    uint64_t mant;
    if (rs <= 0) {
        mant = mag << -rs; /* at most 23 bits */
    } else if (rs > 64) {
        mant = 0; /* below half of the smallest subnormal */
    } else {
        mant = rs == 64 ? 0 : mag >> rs;
        const uint64_t rem = rs == 64 ? mag : mag & ((UINT64_C(1) << rs) - 1);
        const uint64_t half = UINT64_C(1) << (rs - 1);
        if (rem > half || (rem == half && (mant & 1))) {
            mant++;
        }
    }
    /* the implicit bit (and a rounding carry) lands in the exponent field */
    return ((uint32_t)(q + 149) << 23) + (uint32_t)mant;
}

static uint32_t round_u128(pe_u128 mag, int x)
{
    const uint64_t hi = (uint64_t)(mag >> 64);
    if (hi == 0) {
        return round_u64((uint64_t)mag, x);
    }
    /* fold everything below the top 64 bits into a sticky bit: the top 64
     * bits hold more than 24 + 2 significant bits, so rounding is unchanged */
    const int sh = 64 - __builtin_clzll(hi);
    const uint64_t top = (uint64_t)(mag >> sh);
    const bool sticky = (mag & (((pe_u128)1 << sh) - 1)) != 0;
    return round_u64(top | (uint64_t)sticky, x + sh);
}

/* Slow path of a block with Inf or NaN element codes. */
static uint32_t special_dot(const pe_model *pe, const pe_operand *a, const pe_operand *w)
{
    bool pinf = false, ninf = false;
    for (unsigned i = 0; i < a->n; i++) {
        const uint8_t ca = pe->a_cls[a->codes[i]], cw = pe->w_cls[w->codes[i]];
        if ((ca | cw) & PE_CLS_NAN) {
            return PE_NAN;
        }
        if ((ca | cw) & PE_CLS_INF) {
            if ((ca | cw) & PE_CLS_ZERO) {
                return PE_NAN; /* Inf * 0 */
            }
            if ((ca ^ cw) & PE_CLS_NEG) {
                ninf = true;
            } else {
                pinf = true;
            }
        }
    }
    return pinf && ninf ? PE_NAN : pinf ? PE_INF : (PE_INF | 0x80000000u);
}

static void decode(const int64_t *k, const uint8_t *cls, uint8_t scale, const uint8_t *codes,
                   unsigned n, pe_operand *op)
{
    op->scale = scale;
    op->n = n;
    uint8_t any = 0;
    for (unsigned i = 0; i < n; i++) {
        op->codes[i] = codes[i];
        op->k[i] = k[codes[i]];
        any |= cls[codes[i]];
    }
    op->cls = any;
}

void pe_decode_a(const pe_model *pe, uint8_t scale, const uint8_t *codes, unsigned n,
                 pe_operand *op)
{
    decode(pe->a_k, pe->a_cls, scale, codes, n, op);
}

void pe_decode_w(const pe_model *pe, uint8_t scale, const uint8_t *codes, unsigned n,
                 pe_operand *op)
{
    decode(pe->w_k, pe->w_cls, scale, codes, n, op);
}

/* The exact sum of n products when it fits 63 bits; AVX-512 multiplies
 * eight of them at once where the CPU has it (chosen at run time). */
__attribute__((target_clones("arch=x86-64-v4", "default"))) static int64_t
dot_i64(const int64_t *a, const int64_t *w, unsigned n)
{
    int64_t s = 0;
    for (unsigned i = 0; i < n; i++) {
        s += a[i] * w[i];
    }
    return s;
}

uint32_t pe_operand_dot(const pe_model *pe, const pe_operand *a, const pe_operand *w)
{
    if (a->scale == 0xFF || w->scale == 0xFF) {
        return PE_NAN;
    }
    if (pe->specials && ((a->cls | w->cls) & (PE_CLS_INF | PE_CLS_NAN))) {
        return special_dot(pe, a, w);
    }
    const int x = pe->xoff + a->scale + w->scale;
    if (!pe->wide) {
        const int64_t s = dot_i64(a->k, w->k, a->n);
        if (s == 0) {
            return 0; /* an exact zero is +0 */
        }
        const uint32_t sign = s < 0 ? 0x80000000u : 0;
        return sign | round_u64(s < 0 ? -(uint64_t)s : (uint64_t)s, x);
    }
    pe_i128 s = 0;
    for (unsigned i = 0; i < a->n; i++) {
        s += (pe_i128)a->k[i] * w->k[i];
    }
    if (s == 0) {
        return 0;
    }
    const uint32_t sign = s < 0 ? 0x80000000u : 0;
    return sign | round_u128(s < 0 ? -(pe_u128)s : (pe_u128)s, x);
}

uint32_t pe_block_dot(const pe_model *pe, uint8_t a_scale, const uint8_t *a_codes,
                      uint8_t w_scale, const uint8_t *w_codes)
{
    pe_operand a, w;
    pe_decode_a(pe, a_scale, a_codes, PE_N, &a);
    pe_decode_w(pe, w_scale, w_codes, PE_N, &w);
    return pe_operand_dot(pe, &a, &w);
}

void pe_clock(pe_model *pe, const pe_input *in, bool out_ready)
{
    if (!pe_ready(pe, out_ready)) {
        return; /* the whole pipeline holds */
    }
    const pe_stage *s2 = &pe->st[PE_LATENCY - 2];
    if (s2->valid) {
        pe->acc = pe_fp32_add(s2->first ? 0u : pe->acc, s2->r);
    }
    pe->out_valid = s2->valid && s2->last;
    for (int s = PE_LATENCY - 2; s > 0; s--) {
        pe->st[s] = pe->st[s - 1];
    }
    pe->st[0].valid = in->valid;
    pe->st[0].first = in->first;
    pe->st[0].last = in->last;
    pe->st[0].r = in->valid ? pe_block_dot(pe, in->a_scale, in->a_codes, in->w_scale, in->w_codes) : 0;
}
