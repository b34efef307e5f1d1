/* Quantization points of the forward pass, with their statistics. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cnn_internal.h"

void cnn_count(mx_qstats *s, const float *in, const float *out, size_t n, float max_norm)
{
    for (size_t i = 0; i < n; i++) {
        const float a = in[i];
        const float b = out[i];
        s->values++;
        if (isnan(b)) {
            s->nan++;
        } else if (isfinite(a) && isinf(b)) {
            s->overflowed++;
        } else if (isfinite(a) && a != 0.0f && b == 0.0f) {
            s->flushed++;
        } else if (isfinite(a) && fabsf(a) > max_norm && fabsf(b) == max_norm) {
            s->saturated++;
        }
    }
}

/* Grows the statistics scratch buffer of a workspace. */
static float *scratch(cnn_workspace *ws, size_t n)
{
    if (ws->tmp_len < n) {
        free(ws->tmp);
        ws->tmp = malloc(n * sizeof(float));
        ws->tmp_len = ws->tmp ? n : 0;
        if (!ws->tmp) {
            abort(); /* tens of MiB at most */
        }
    }
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

void cnn_qmx(const mx_block_spec *spec, mx_qpoint q, float *x, size_t outer, size_t axis,
             size_t inner, mx_cnn_stats *stats, cnn_workspace *ws)
{
    const size_t n = outer * axis * inner;
    if (!stats) {
        mx_quantize_axis(spec, x, x, outer, axis, inner, NULL);
        return;
    }
    const size_t nblocks = mx_blocks_along(axis, spec->block_size);
    uint8_t *scales = malloc(outer * nblocks * inner);
    float *before = scratch(ws, n);
    if (!scales) {
        abort();
    }
    memcpy(before, x, n * sizeof *x);
    mx_quantize_axis(spec, before, x, outer, axis, inner, scales);
    mx_qstats *s = &stats->point[q];
    /* An element saturated when it came out at +-max of the element format
     * times its block's scale while its input was larger. */
    for (size_t o = 0; o < outer; o++) {
        for (size_t a = 0; a < axis; a++) {
            for (size_t i = 0; i < inner; i++) {
                const size_t k = (o * axis + a) * inner + i;
                const uint8_t code = scales[(o * nblocks + a / (size_t)spec->block_size) * inner + i];
                const float top = code == MX_SCALE_NAN ? NAN : spec->elem.max_norm * ldexpf(1.0f, (int)code - 127);
                const float in = before[k];
                const float out = x[k];
                s->values++;
                if (isnan(out)) {
                    s->nan++;
                } else if (in != 0.0f && out == 0.0f) {
                    s->flushed++;
                } else if (fabsf(out) == top && fabsf(in) > top) {
                    s->saturated++;
                }
            }
        }
    }
    free(scales);
}
