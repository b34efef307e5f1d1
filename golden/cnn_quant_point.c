/* Quantization points of the forward pass, with their statistics. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cnn_internal.h"

/* Counters of one pass. The loops below count in 32-bit lanes (as wide as
 * the floats, so GCC vectorizes them) over stretches short enough not to
 * wrap, then add to the 64-bit totals. */
enum { STRETCH = 1 << 20 };

typedef struct counts {
    uint64_t saturated, overflowed, flushed, nan;
} counts;

static void add_counts(mx_qstats *s, const counts *c, size_t n)
{
    s->values += n;
    s->saturated += c->saturated;
    s->overflowed += c->overflowed;
    s->flushed += c->flushed;
    s->nan += c->nan;
}

void cnn_count(mx_qstats *s, const float *in, const float *out, size_t n, float max_norm)
{
    /* The categories are exclusive, in this order: nan, overflowed,
     * flushed, saturated. Each mask below excludes the earlier ones by
     * itself, except saturated with max_norm == 0, where every candidate
     * was flushed: a NaN bound then matches nothing. */
    const float top = max_norm == 0.0f ? NAN : max_norm;
    counts c = {0};
    for (size_t i0 = 0; i0 < n; i0 += STRETCH) {
        const size_t len = n - i0 < STRETCH ? n - i0 : STRETCH;
        const float *a = in + i0, *b = out + i0;
        uint32_t nan = 0, over = 0, flush = 0, sat = 0;
        for (size_t i = 0; i < len; i++) {
            const uint32_t fin = isfinite(a[i]);
            nan += isnan(b[i]);
            over += fin & isinf(b[i]);
            flush += fin & (a[i] != 0.0f) & (b[i] == 0.0f);
            sat += fin & (fabsf(a[i]) > top) & (fabsf(b[i]) == top);
        }
        c.nan += nan;
        c.overflowed += over;
        c.flushed += flush;
        c.saturated += sat;
    }
    add_counts(s, &c, n);
}

void cnn_count_alu(mx_cnn_stats *stats, mx_qpoint q, float y, unsigned flags)
{
    if (!stats) {
        return;
    }
    mx_qstats *s = &stats->point[q];
    s->values++;
    s->nan += isnan(y);
    s->overflowed += (flags & MX_ALU_OVERFLOW) != 0;
    s->flushed += (flags & MX_ALU_FLUSHED) != 0;
}

float cnn_alu(const mx_cnn *net, mx_alu_op op, float a, float b, mx_qpoint q, mx_cnn_stats *stats)
{
    unsigned flags = 0;
    const float y = mx_hw_alu_eval(&net->cfg.elem_fmt, op, a, b, stats ? &flags : NULL);
    cnn_count_alu(stats, q, y, flags);
    return y;
}

/* A workspace scratch buffer *buf of *len elements, grown to at least n. */
static void *grow(void *buf, size_t *len, size_t n, size_t size)
{
    if (*len < n) {
        free(buf);
        buf = malloc(n * size);
        *len = buf ? n : 0;
        if (!buf) {
            abort(); /* tens of MiB at most */
        }
    }
    return buf;
}

static float *scratch(cnn_workspace *ws, size_t n)
{
    ws->tmp = grow(ws->tmp, &ws->tmp_len, n, sizeof(float));
    return ws->tmp;
}

void cnn_qe(const mx_cnn *net, mx_qpoint q, float *x, size_t n, mx_cnn_stats *stats,
            cnn_workspace *ws)
{
    if (!net->cfg.elem) {
        return;
    }
    if (!stats) {
        mx_quantize_elemwise(&net->qe, x, x, n);
        return;
    }
    float *before = scratch(ws, n);
    memcpy(before, x, n * sizeof *x);
    mx_quantize_elemwise(&net->qe, before, x, n);
    cnn_count(&stats->point[q], before, x, n, net->qe.format.max_norm);
}

void cnn_qe_again(const mx_cnn *net, mx_qpoint q, float *x, size_t n, mx_cnn_stats *stats,
                  cnn_workspace *ws)
{
    if (net->qe_idempotent && !stats) {
        return;
    }
    cnn_qe(net, q, x, n, stats, ws);
}

/* MX counts of n elements with per-element saturation bounds top[] (NaN:
 * never saturated). An element saturated when it came out at +-max of the
 * element format times its block's scale while its input was larger. */
static void count_mx(counts *c, const float *in, const float *out, const float *top, size_t n)
{
    for (size_t i0 = 0; i0 < n; i0 += STRETCH) {
        const size_t len = n - i0 < STRETCH ? n - i0 : STRETCH;
        const float *a = in + i0, *b = out + i0, *t = top + i0;
        uint32_t nan = 0, flush = 0, sat = 0;
        for (size_t i = 0; i < len; i++) {
            nan += isnan(b[i]);
            flush += (a[i] != 0.0f) & (b[i] == 0.0f);
            sat += (fabsf(b[i]) == t[i]) & (fabsf(a[i]) > t[i]);
        }
        c->nan += nan;
        c->flushed += flush;
        c->saturated += sat;
    }
}

/* The same with one bound for all n elements (one block along a contiguous axis). */
static void count_mx_run(counts *c, const float *in, const float *out, float top, size_t n)
{
    for (size_t i0 = 0; i0 < n; i0 += STRETCH) {
        const size_t len = n - i0 < STRETCH ? n - i0 : STRETCH;
        const float *a = in + i0, *b = out + i0;
        uint32_t nan = 0, flush = 0, sat = 0;
        for (size_t i = 0; i < len; i++) {
            nan += isnan(b[i]);
            flush += (a[i] != 0.0f) & (b[i] == 0.0f);
            sat += (fabsf(b[i]) == top) & (fabsf(a[i]) > top);
        }
        c->nan += nan;
        c->flushed += flush;
        c->saturated += sat;
    }
}

void cnn_qmx(const mx_block_spec *spec, mx_qpoint q, float *x, size_t outer, size_t axis,
             size_t inner, mx_cnn_stats *stats, cnn_workspace *ws)
{
    const size_t n = outer * axis * inner;
    if (!stats) {
        mx_quantize_axis(spec, x, x, outer, axis, inner, NULL);
        return;
    }
    const size_t bs = (size_t)spec->block_size;
    const size_t nblocks = mx_blocks_along(axis, spec->block_size);
    ws->scales = grow(ws->scales, &ws->scales_len, outer * nblocks * inner, 1);
    uint8_t *scales = ws->scales;
    float *before = scratch(ws, n + inner);
    float *tops = before + n; /* one block row's bounds */
    memcpy(before, x, n * sizeof *x);
    mx_quantize_axis(spec, before, x, outer, axis, inner, scales);

    /* Saturation bound per scale code, with ldexpf's own result at the
     * extremes. A zero bound would only match flushed elements (checked
     * first): NaN makes it match nothing, like the NaN scale. */
    float top[256];
    for (int code = 0; code < 256; code++) {
        const float t = spec->elem.max_norm * ldexpf(1.0f, code - 127);
        top[code] = code == MX_SCALE_NAN || t == 0.0f ? NAN : t;
    }
    counts c = {0};
    for (size_t o = 0; o < outer; o++) {
        for (size_t a0 = 0; a0 < axis; a0 += bs) {
            const size_t a1 = axis - a0 < bs ? axis : a0 + bs;
            const uint8_t *code = scales + (o * nblocks + a0 / bs) * inner;
            const size_t k = (o * axis + a0) * inner;
            if (inner == 1) {
                count_mx_run(&c, before + k, x + k, top[code[0]], a1 - a0);
                continue;
            }
            for (size_t i = 0; i < inner; i++) {
                tops[i] = top[code[i]];
            }
            for (size_t a = a0; a < a1; a++) {
                const size_t r = (o * axis + a) * inner;
                count_mx(&c, before + r, x + r, tops, inner);
            }
        }
    }
    add_counts(&stats->point[q], &c, n);
}
