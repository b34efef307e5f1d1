/* Cycle-level SEU model: the arithmetic of rtl/mx_seu.v and mx_seu_elem.v,
 * step for step, with a table for narrow inputs (speed). */
#include "seu.h"

#include <string.h>

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

/* Position of the most significant set bit of v > 0. */
static int msb(uint32_t v) { return 31 - __builtin_clz(v); }

/* floor(log2 |x|) of a nonzero finite magnitude field. */
static int mag_log2(const seu_model *m, uint32_t mag)
{
    const uint32_t ef = mag >> m->in_tb;
    const uint32_t tf = mag & ((1u << m->in_tb) - 1u);
    return ef ? (int)ef - m->in_bias : msb(tf) + 1 - m->in_bias - m->in_tb;
}

/* Magnitude code (floats) or |k| after clamping (integers) of mag / 2^se. */
static uint32_t quant_mag(const seu_model *m, uint32_t mag, int se)
{
    if (mag == 0) {
        return 0;
    }
    const uint32_t ef = mag >> m->in_tb;
    const uint32_t tf = mag & ((1u << m->in_tb) - 1u);
    uint32_t nm;
    if (ef) {
        nm = (1u << m->in_tb) | tf;
    } else {
        nm = tf << (m->in_tb - msb(tf)); /* normalized subnormal */
    }
    const int ey = mag_log2(m, mag) - se;
    const int below = ey < m->oemin ? m->oemin - ey : 0;
    const int sh = imin(m->in_tb - m->op + m->lp + below, m->cap);
    const uint64_t nmx = (uint64_t)nm << m->lp;
    const uint64_t k = nmx >> sh;
    const uint32_t g = sh ? (uint32_t)(nmx >> (sh - 1)) & 1u : 0u;
    const bool s = sh > 1 && (nmx & ((1ull << (sh - 1)) - 1u)) != 0;
    uint32_t inc = 0;
    if (m->round == MX_ROUND_NEAREST) {
        inc = g;
    } else if (m->round == MX_ROUND_EVEN) {
        inc = g & (uint32_t)(s || (k & 1u));
    }
    const uint32_t kr = (uint32_t)k + inc;
    uint32_t r;
    if (m->oeb == 0) {
        r = kr;
    } else {
        const int eoff = below ? 0 : ey - m->oemin;
        r = ((uint32_t)eoff << m->op) + kr; /* a carry moves into the exponent */
    }
    return r > (uint32_t)m->omax ? (uint32_t)m->omax : r;
}

/* Stage 1: shared exponent and NaN flag from the block maximum. */
static void stage1(const seu_model *m, const uint16_t *codes, bool *nan, int *se)
{
    const uint32_t magmask = (1u << (m->in_w - 1)) - 1u;
    const uint32_t emask = ((1u << m->in_eb) - 1u) << m->in_tb;
    uint32_t mx = 0;
    bool special = false;
    for (int i = 0; i < SEU_N; i++) {
        const uint32_t mag = codes[i] & magmask;
        mx = mag > mx ? mag : mx;
        special |= (mag & emask) == emask;
    }
    const int raw = mx ? mag_log2(m, mx) - m->oemax : -127;
    *nan = special || raw > 127;
    *se = raw < -127 ? -127 : raw;
}

/* Stage 2: element codes of a non-NaN block. */
static void stage2(const seu_model *m, const uint16_t *codes, int se, uint8_t *out)
{
    const uint32_t magmask = (1u << (m->in_w - 1)) - 1u;
    const uint32_t sbit = 1u << (m->in_w - 1);
    const uint32_t omask = (1u << m->ocw) - 1u;
    const uint32_t osign = 1u << (m->ocw - 1);
    const uint8_t *row = NULL;
    if (m->n_rows > 0) {
        /* an all-zero block's se may lie below the table: any row gives zeros */
        row = m->lut + ((size_t)imax(se - m->se_lo, 0) << (m->in_w - 1));
    }
    for (int i = 0; i < SEU_N; i++) {
        const uint32_t mag = codes[i] & magmask;
        const uint32_t q = row ? row[mag] : quant_mag(m, mag, se);
        const bool neg = (codes[i] & sbit) != 0;
        uint32_t c;
        if (m->oeb == 0) {
            c = (neg ? 0u - q : q) & omask; /* two's complement; -0 is 0 */
        } else {
            c = (neg ? osign : 0u) | q;
        }
        out[i] = (uint8_t)c;
    }
}

uint8_t seu_block(const seu_model *m, const uint16_t *codes, uint8_t *out_codes)
{
    bool nan;
    int se;
    stage1(m, codes, &nan, &se);
    if (nan) {
        memset(out_codes, 0, SEU_N);
        return 0xFFu;
    }
    stage2(m, codes, se, out_codes);
    return (uint8_t)(se + 127);
}

int seu_init(seu_model *m, const mx_format *in, mx_format_id out, mx_round round)
{
    memset(m, 0, sizeof *m);
    if ((in->ebits != 5 && in->ebits != 8) || !in->has_inf || in->storage_bits > 16 ||
        in->storage_bits < in->ebits + 2 || out > MX_FMT_FP4_E2M1 || round >= MX_ROUND_COUNT) {
        return -1;
    }
    static const struct { int eb, p, cw, emax, omax; } tgt[] = {
        [MX_FMT_INT8] = {0, 6, 8, 0, 127},    [MX_FMT_INT4] = {0, 2, 4, 0, 7},
        [MX_FMT_INT2] = {0, 0, 2, 0, 1},      [MX_FMT_FP8_E5M2] = {5, 2, 8, 15, 0x7b},
        [MX_FMT_FP8_E4M3] = {4, 3, 8, 8, 0x7e}, [MX_FMT_FP6_E3M2] = {3, 2, 6, 4, 0x1f},
        [MX_FMT_FP6_E2M3] = {2, 3, 6, 2, 0x1f}, [MX_FMT_FP4_E2M1] = {2, 1, 4, 2, 0x7},
    };
    m->in_w = in->storage_bits;
    m->in_eb = in->ebits;
    m->in_tb = in->storage_bits - 1 - in->ebits;
    m->in_bias = (1 << (in->ebits - 1)) - 1;
    m->oeb = tgt[out].eb;
    m->op = tgt[out].p;
    m->ocw = tgt[out].cw;
    m->oemax = tgt[out].emax;
    m->oemin = m->oeb ? 2 - (1 << (m->oeb - 1)) : 0;
    m->omax = tgt[out].omax;
    m->round = round;
    m->lp = imax(m->op - m->in_tb, 0);
    m->cap = m->in_tb + 1 + m->lp + 1;
    /* se of the smallest and largest finite nonzero block maxima */
    const int ex_lo = 1 - m->in_bias - m->in_tb;
    const int ex_hi = (1 << m->in_eb) - 2 - m->in_bias;
    m->se_lo = imax(ex_lo - m->oemax, -127);
    const int rows = imin(ex_hi - m->oemax, 127) - m->se_lo + 1;
    const size_t mags = (size_t)1 << (m->in_w - 1);
    if ((size_t)rows * mags <= SEU_LUT_MAX) {
        m->n_rows = rows;
        for (int r = 0; r < rows; r++) {
            for (size_t mag = 0; mag < mags; mag++) {
                /* Inf/NaN magnitudes never reach stage 2: leave 0 */
                const bool special = (mag >> m->in_tb) == (1u << m->in_eb) - 1u;
                m->lut[(size_t)r * mags + mag] =
                    special ? 0 : (uint8_t)quant_mag(m, (uint32_t)mag, m->se_lo + r);
            }
        }
    }
    seu_reset(m);
    return 0;
}

void seu_reset(seu_model *m)
{
    memset(&m->s1, 0, sizeof m->s1);
    memset(&m->out, 0, sizeof m->out);
}

void seu_clock(seu_model *m, const seu_input *in, bool out_ready)
{
    if (!seu_ready(m, out_ready)) {
        return; /* stalled: every register holds */
    }
    m->out.valid = m->s1.valid;
    if (m->s1.valid) {
        if (m->s1.nan) {
            m->out.scale = 0xFFu;
            memset(m->out.codes, 0, SEU_N);
        } else {
            m->out.scale = (uint8_t)(m->s1.se + 127);
            stage2(m, m->s1.codes, m->s1.se, m->out.codes);
        }
    }
    m->s1.valid = in->valid;
    if (in->valid) {
        stage1(m, in->codes, &m->s1.nan, &m->s1.se);
        memcpy(m->s1.codes, in->codes, sizeof m->s1.codes);
    }
}
