/* SOFTMAX: log(softmax) of rows of n E codes, one row per ALU lane (the
 * lanes' first ALU), cols rows at a time, as six dependent passes of n
 * transactions: RMAX, SUB, EXP, RSUM, DIV, LOG (the hw profile's steps,
 * docs/hw-arithmetic.md). A pass issues its n transactions in consecutive
 * cycles and the next pass starts when its last result leaves the ALU:
 * n - 1 + ALU_LATENCY cycles per pass. The last LOG results are written in
 * the cycle after the last group's passes. The model computes a group's
 * rows at its start and counts what the lanes do cycle by cycle. */
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
        }
        for (unsigned pass = 0; pass < PASSES; pass++) {
            for (unsigned j = 0; j < n - 1 + ALU_LATENCY; j++) {
                if (j < n) {
                    /* transaction j of every row: RMAX reads x_j, LOG's result is written */
                    c->alu_busy++;
                    c->act_reads += pass == 0 ? r1 - r0 : 0;
                    c->act_writes += pass == PASSES - 1 ? r1 - r0 : 0;
                }
                accel_end_cycle(m);
            }
        }
    }
    accel_end_cycle(m); /* the last LOG results leave the ALU and are written */
}
