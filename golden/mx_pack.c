/* OCP MX packed storage: element codes and the E8M0 scale (see mx_pack.h). */
#include <math.h>
#include <string.h>

#include "mxaccel/mx_pack.h"
#include "quant_params.h"

size_t mx_packed_block_bytes(const mx_format *f, size_t n)
{
    return 1 + (n * (size_t)f->storage_bits + 7) / 8;
}

double mx_bits_per_element(const mx_format *f, int block_size)
{
    return (double)f->storage_bits + 8.0 / (double)block_size;
}

float mx_scale_value(uint8_t code)
{
    return code == 0xFFu ? mx_u2f(MX_CANONICAL_NAN) : mx_pow2f((int)code - 127);
}

static uint32_t code_mask(const mx_format *f)
{
    return f->storage_bits >= 32 ? 0xffffffffu : (1u << f->storage_bits) - 1u;
}

/* Quiet-NaN code of a float element format with NaNs. */
static uint32_t nan_code(const mx_format *f)
{
    const int p = mx_format_trailing_bits(f);
    if (!f->has_inf) {
        return code_mask(f) >> 1; /* OCP E4M3: S.1111.111 */
    }
    return (((1u << f->ebits) - 1u) << p) | (1u << (p - 1));
}

static int encode_int(const mx_format *f, float v, uint32_t *code)
{
    const int p = mx_format_trailing_bits(f);
    const float scaled = v * mx_pow2f(p); /* exact for any representable v */
    const float lim = mx_pow2f(f->mbits - 1);
    if (!(scaled >= -lim && scaled < lim) || floorf(scaled) != scaled) {
        return -1;
    }
    *code = (uint32_t)(int32_t)scaled & code_mask(f);
    return 0;
}

static int encode_float(const mx_format *f, float v, uint32_t *code)
{
    const int p = mx_format_trailing_bits(f);
    const int bias = (1 << (f->ebits - 1)) - 1;
    const uint32_t bits = mx_f2u(v);
    const uint32_t sign = (bits >> 31) << (f->storage_bits - 1);
    const uint32_t mag = bits & 0x7fffffffu;
    if (mag > 0x7f800000u) {
        if (!f->has_nan) {
            return -1;
        }
        *code = sign | nan_code(f);
        return 0;
    }
    if (mag == 0x7f800000u) {
        if (!f->has_inf) {
            return -1;
        }
        *code = sign | (((1u << f->ebits) - 1u) << p);
        return 0;
    }
    if (mag == 0) {
        *code = sign;
        return 0;
    }
    if (mx_u2f(mag) > f->max_norm) {
        return -1;
    }
    /* value = sig * 2^(eu - 23); the element's quantum is 2^g */
    const uint32_t exp = mag >> 23;
    const uint32_t sig = exp ? (mag & 0x7fffffu) | 0x800000u : mag;
    const int eu = exp ? (int)exp - 127 : -126;
    const int e = exp ? eu : (int)(mx_f2u((float)mag) >> 23) - 127 - 149;
    const int normal = e >= f->emin;
    const int g = (normal ? e : f->emin) - p;
    const int shift = g - (eu - 23);
    uint64_t k;
    if (shift >= 0) {
        if (shift >= 32 || (sig & ((1u << shift) - 1u)) != 0) {
            return -1; /* not on the element grid */
        }
        k = sig >> shift;
    } else {
        k = (uint64_t)sig << -shift;
    }
    const uint32_t field = normal ? ((uint32_t)(e + bias) << p) | (uint32_t)(k - (1ull << p))
                                  : (uint32_t)k;
    *code = sign | field;
    return 0;
}

int mx_elem_encode(const mx_format *f, float v, uint32_t *code)
{
    return f->ebits == 0 ? encode_int(f, v, code) : encode_float(f, v, code);
}

float mx_elem_decode(const mx_format *f, uint32_t code)
{
    const int p = mx_format_trailing_bits(f);
    code &= code_mask(f);
    if (f->ebits == 0) {
        const uint32_t top = 1u << (f->storage_bits - 1);
        const int32_t k = (code & top) ? (int32_t)code - (int32_t)(top << 1) : (int32_t)code;
        return (float)k * mx_pow2f(-p);
    }
    const uint32_t sign = (code >> (f->storage_bits - 1)) << 31;
    const uint32_t field = code & (code_mask(f) >> 1);
    const uint32_t exp_code = field >> p;
    const uint32_t mant = field & ((1u << p) - 1u);
    const uint32_t top_exp = (1u << f->ebits) - 1u;
    const int bias = (1 << (f->ebits - 1)) - 1;
    if (f->has_inf && exp_code == top_exp) {
        return mx_u2f(sign | (mant ? MX_CANONICAL_NAN : 0x7f800000u));
    }
    if (!f->has_inf && f->has_nan && field == (code_mask(f) >> 1)) {
        return mx_u2f(sign | MX_CANONICAL_NAN);
    }
    const float mag = exp_code == 0 ? (float)mant * mx_pow2f(1 - bias - p)
                                    : (float)(mant | (1u << p)) * mx_pow2f((int)exp_code - bias - p);
    return mx_u2f(sign | mx_f2u(mag));
}

/* Element codes are a little-endian bit stream after the scale byte; a code
 * of at most 16 bits spans at most three bytes. */
static void put_bits(uint8_t *area, size_t bitpos, uint32_t value, int width)
{
    const uint32_t mask = (1u << width) - 1u;
    const uint32_t v = (value & mask) << (bitpos % 8), m = mask << (bitpos % 8);
    for (size_t k = bitpos / 8, sh = 0; sh < 24 && (m >> sh) != 0; k++, sh += 8) {
        area[k] = (uint8_t)((area[k] & ~(m >> sh)) | (v >> sh));
    }
}

static uint32_t get_bits(const uint8_t *area, size_t bitpos, int width)
{
    const uint32_t mask = (1u << width) - 1u;
    uint32_t v = 0;
    for (size_t k = bitpos / 8, sh = 0; sh < 24 && ((mask << (bitpos % 8)) >> sh) != 0; k++, sh += 8) {
        v |= (uint32_t)area[k] << sh;
    }
    return (v >> (bitpos % 8)) & mask;
}

void mx_pack_codes(const mx_format *f, uint8_t scale, const uint16_t *codes, size_t n, uint8_t *dst)
{
    memset(dst, 0, mx_packed_block_bytes(f, n));
    dst[0] = scale;
    for (size_t i = 0; i < n; i++) {
        put_bits(dst + 1, i * (size_t)f->storage_bits, codes[i], f->storage_bits);
    }
}

uint8_t mx_unpack_codes(const mx_format *f, const uint8_t *src, size_t n, uint16_t *codes)
{
    if (f->storage_bits == 8) { /* one code per byte: the accelerator model's hot path */
        for (size_t i = 0; i < n; i++) {
            codes[i] = src[1 + i];
        }
        return src[0];
    }
    for (size_t i = 0; i < n; i++) {
        codes[i] = (uint16_t)get_bits(src + 1, i * (size_t)f->storage_bits, f->storage_bits);
    }
    return src[0];
}

int mx_pack_block(const mx_format *f, uint8_t scale, const float *elems, size_t n, uint8_t *dst)
{
    const size_t bytes = mx_packed_block_bytes(f, n);
    memset(dst, 0, bytes);
    dst[0] = scale;
    if (scale == 0xFFu) {
        return 0; /* a NaN scale makes every element NaN: codes are don't-care (0) */
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t code;
        if (mx_elem_encode(f, elems[i], &code) != 0) {
            return -1;
        }
        put_bits(dst + 1, i * (size_t)f->storage_bits, code, f->storage_bits);
    }
    return 0;
}

uint8_t mx_unpack_block(const mx_format *f, const uint8_t *src, size_t n, float *elems, float *out)
{
    const uint8_t scale = src[0];
    const float s = mx_scale_value(scale);
    for (size_t i = 0; i < n; i++) {
        const float v = scale == 0xFFu
                            ? mx_u2f(MX_CANONICAL_NAN)
                            : mx_elem_decode(f, get_bits(src + 1, i * (size_t)f->storage_bits,
                                                         f->storage_bits));
        if (elems) {
            elems[i] = v;
        }
        if (out) {
            out[i] = v * s; /* one fp32 multiply: round-to-nearest-even */
        }
    }
    return scale;
}
