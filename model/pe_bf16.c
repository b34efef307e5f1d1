/* Cycle-level model of the bfloat16 dot-product PE; see pe_bf16.h. The
 * aligned terms are integers below 2^(16 + G), so with G <= 32 the block sum
 * is below 2^53 and converts to double exactly; the one rounding to fp32 is
 * the double-to-float conversion. */
#include <string.h>

#include "mxaccel/isa.h"
#include "pe_bf16.h"
#include "pe_bf16_internal.h"

#define PE_BF16_NAN 0x7fc00000u
#define PE_BF16_INF 0x7f800000u

int pe_bf16_init(pe_bf16_model *pe, int guard)
{
    if (guard < 0 || guard > PE_BF16_GUARD_MAX) {
        return -1;
    }
    pe->guard = guard;
    pe->avx512 = mx_isa_active() == MX_ISA_AVX512;
    pe_bf16_reset(pe);
    return 0;
}

void pe_bf16_reset(pe_bf16_model *pe)
{
    for (int s = 0; s < PE_BF16_LATENCY - 1; s++) {
        pe->st[s] = (pe_stage){false, false, false, 0};
    }
    pe->acc = 0;
    pe->out_valid = false;
}

/* Inf and NaN codes: NaN codes, Inf * 0 and Inf products of both signs give
 * NaN, else the Inf of the Inf products' sign. */
static uint32_t special_dot(const uint16_t *a, const uint16_t *w)
{
    bool pinf = false, ninf = false;
    for (int i = 0; i < PE_BF16_N; i++) {
        const bool a_inf = (a[i] & 0x7fff) == 0x7f80, w_inf = (w[i] & 0x7fff) == 0x7f80;
        if ((a[i] & 0x7fff) > 0x7f80 || (w[i] & 0x7fff) > 0x7f80) {
            return PE_BF16_NAN;
        }
        if ((a_inf && (w[i] & 0x7fff) == 0) || (w_inf && (a[i] & 0x7fff) == 0)) {
            return PE_BF16_NAN;
        }
        if (a_inf || w_inf) {
            if ((a[i] ^ w[i]) & 0x8000) {
                ninf = true;
            } else {
                pinf = true;
            }
        }
    }
    return pinf && ninf ? PE_BF16_NAN : pinf ? PE_BF16_INF : (PE_BF16_INF | 0x80000000u);
}

/* Portable aligned block sum; see pe_bf16_internal.h. */
static bool aligned_sum_generic(const uint16_t *a_codes, const uint16_t *w_codes, int g,
                                int64_t *sum, int *xmax_out)
{
    /* decode: significand with the hidden bit, biased exponent (subnormals 1) */
    uint32_t p[PE_BF16_N];
    int x[PE_BF16_N];
    int xmax = 0; /* biased exponents are >= 2 for a non-zero product */
    bool special = false;
    for (int i = 0; i < PE_BF16_N; i++) {
        const unsigned ea = (a_codes[i] >> 7) & 0xff, ew = (w_codes[i] >> 7) & 0xff;
        special |= ea == 0xff || ew == 0xff;
        const uint32_t ma = (a_codes[i] & 0x7fu) | (ea ? 0x80u : 0u);
        const uint32_t mw = (w_codes[i] & 0x7fu) | (ew ? 0x80u : 0u);
        p[i] = ma * mw;
        x[i] = (int)(ea ? ea : 1) + (int)(ew ? ew : 1);
        if (p[i] != 0 && x[i] > xmax) {
            xmax = x[i];
        }
    }
    if (special) {
        return false;
    }
    /* terms in units of 2^(X - 14 - G), truncated toward zero */
    int64_t s = 0;
    for (int i = 0; i < PE_BF16_N; i++) {
        /* branch-free (random signs mispredict): a zero product stays 0
         * whatever d is, and d >= 16 + G shifts every bit out */
        const unsigned d = (unsigned)(xmax - x[i]);
        const uint64_t v = (uint64_t)p[i] << g;
        const int64_t t = (int64_t)(d < 64 ? v >> d : 0);
        const int64_t neg = -(int64_t)(((a_codes[i] ^ w_codes[i]) >> 15) & 1);
        s += (t ^ neg) - neg;
    }
    *sum = s;
    *xmax_out = xmax;
    return true;
}

uint32_t pe_bf16_block_dot(const pe_bf16_model *pe, const uint16_t *a_codes,
                           const uint16_t *w_codes)
{
    const int g = pe->guard;
    int64_t s;
    int xmax;
    const bool finite = pe->avx512 ? pe_bf16_aligned_sum_avx512(a_codes, w_codes, g, &s, &xmax)
                                   : aligned_sum_generic(a_codes, w_codes, g, &s, &xmax);
    if (!finite) {
        return special_dot(a_codes, w_codes);
    }
    if (s == 0) {
        return 0; /* an exact zero is +0 */
    }
    /* s * 2^(X - 254 - 14 - G): exact in double, rounded once to fp32 */
    const uint64_t bits = (uint64_t)(xmax - 254 - 14 - g + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    const float r = (float)((double)s * scale);
    uint32_t u;
    memcpy(&u, &r, sizeof u);
    return u;
}

void pe_bf16_clock(pe_bf16_model *pe, const pe_bf16_input *in, bool out_ready)
{
    if (!pe_bf16_ready(pe, out_ready)) {
        return; /* the whole pipeline holds */
    }
    const pe_stage *s2 = &pe->st[PE_BF16_LATENCY - 2];
    if (s2->valid) {
        pe->acc = pe_fp32_add(s2->first ? 0u : pe->acc, s2->r);
    }
    pe->out_valid = s2->valid && s2->last;
    for (int s = PE_BF16_LATENCY - 2; s > 0; s--) {
        pe->st[s] = pe->st[s - 1];
    }
    pe->st[0].valid = in->valid;
    pe->st[0].first = in->first;
    pe->st[0].last = in->last;
    pe->st[0].r = in->valid ? pe_bf16_block_dot(pe, in->a_codes, in->w_codes) : 0;
}
