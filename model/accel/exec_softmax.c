/* SOFTMAX: log(softmax) of rows of n E codes, one row per ALU lane (the
 * lanes' first ALU), cols rows at a time, as six dependent passes of n
 * transactions: RMAX, SUB, EXP, RSUM, DIV, LOG (the hw profile's steps,
 * docs/hw-arithmetic.md). A pass starts when the previous pass's last
 * result leaves its ALU: n - 1 + ALU_LATENCY cycles per pass. */
#include <string.h>

#include "model_internal.h"
#include "mxaccel/hw_alu.h"

enum { PASSES = 6, MAX_N = 64 };

static void row(const alu_model *alu, const uint32_t *x, unsigned n, uint32_t *out)
{
    uint32_t mx = x[0], e[MAX_N];
    for (unsigned j = 1; j < n; j++) {
        mx = alu_eval(alu, MX_ALU_MAX, mx, x[j]);
    }
    float acc = 0.0f;
    for (unsigned j = 0; j < n; j++) {
        e[j] = alu_eval(alu, MX_ALU_EXP, alu_eval(alu, MX_ALU_SUB, x[j], mx), 0);
        acc = mx_hw_alu_sum_step(acc, mx_hw_alu_decode(&alu->fmt, e[j]));
    }
    uint32_t bits;
    memcpy(&bits, &acc, sizeof bits);
    const uint32_t s = alu_eval(alu, MX_ALU_QUANT, bits, 0);
    for (unsigned j = 0; j < n; j++) {
        out[j] = alu_eval(alu, MX_ALU_LOG, alu_eval(alu, MX_ALU_DIV, e[j], s), 0);
    }
}

void accel_exec_softmax(accel_model *m, const accel_desc *d)
{
    accel_layer_counters *c = &m->c->layer[d->layer];
    const unsigned lanes = (unsigned)m->p->hw.cols, n = d->n < MAX_N ? d->n : MAX_N;
    for (uint32_t r0 = 0; r0 < d->rows; r0 += lanes) {
        const uint32_t r1 = d->rows - r0 < lanes ? d->rows : r0 + lanes;
        for (uint32_t r = r0; r < r1; r++) {
            uint32_t x[MAX_N], y[MAX_N];
            for (unsigned j = 0; j < n; j++) {
                x[j] = accel_get_code(m->act + d->src + ((size_t)r * d->n + j) * m->ew, m->ew);
            }
            row(&m->alu, x, n, y);
            for (unsigned j = 0; j < n; j++) {
                accel_put_code(m->act + d->dst + ((size_t)r * d->n + j) * m->ew, y[j], m->ew);
            }
            c->act_reads += n;
            c->act_writes += n;
        }
        c->alu_busy += PASSES * n;
        m->cycle += PASSES * (n - 1 + ALU_LATENCY);
    }
}
