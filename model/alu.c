/* Cycle-level model of the elementwise ALU; see alu.h. Results come from
 * the golden hw operations on codes, exp and log from tables built from
 * them at init (the same tables the RTL's ROMs load). Reductions update
 * their registers when a transaction enters stage 1, as in the RTL. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alu.h"

int alu_init(alu_model *m, const mx_format *e)
{
    memset(m, 0, sizeof *m);
    if (!mx_hw_alu_format_ok(e)) {
        return -1;
    }
    m->fmt = *e;
    m->width = e->storage_bits;
    const uint32_t n = 1u << m->width;
    m->exp_table = malloc(n * sizeof *m->exp_table);
    m->log_table = malloc(n * sizeof *m->log_table);
    if (!m->exp_table || !m->log_table) {
        alu_free(m);
        return -1;
    }
    for (uint32_t c = 0; c < n; c++) {
        m->exp_table[c] = (uint16_t)mx_hw_alu_eval_code(e, MX_ALU_EXP, c, 0);
        m->log_table[c] = (uint16_t)mx_hw_alu_eval_code(e, MX_ALU_LOG, c, 0);
    }
    alu_reset(m);
    return 0;
}

void alu_free(alu_model *m)
{
    free(m->exp_table);
    free(m->log_table);
    m->exp_table = NULL;
    m->log_table = NULL;
}

void alu_reset(alu_model *m)
{
    for (int s = 0; s < ALU_LATENCY - 1; s++) {
        m->st[s] = (alu_stage){false, false, 0};
    }
    m->max_code = 0;
    m->acc = 0;
    m->out_code = 0;
    m->out_valid = false;
}

static uint32_t mask(const alu_model *m, uint32_t code)
{
    return code & ((1u << m->width) - 1u);
}

uint32_t alu_eval(const alu_model *m, uint8_t op, uint32_t a, uint32_t b)
{
    switch (op) {
    case MX_ALU_EXP:
        return m->exp_table[mask(m, a)];
    case MX_ALU_LOG:
        return m->log_table[mask(m, a)];
    case MX_ALU_QUANT:
        return mx_hw_alu_eval_code(&m->fmt, MX_ALU_QUANT, a, 0);
    case MX_ALU_ADD:
    case MX_ALU_SUB:
    case MX_ALU_MUL:
    case MX_ALU_DIV:
    case MX_ALU_MAX:
    case MX_ALU_RELU:
        return mx_hw_alu_eval_code(&m->fmt, (mx_alu_op)op, mask(m, a), mask(m, b));
    default:
        return mx_hw_alu_encode(&m->fmt, NAN); /* the canonical NaN */
    }
}

/* The result of the transaction entering stage 1, updating the registers. */
static uint32_t enter(alu_model *m, const alu_input *in)
{
    const mx_format *e = &m->fmt;
    const float a = mx_hw_alu_decode(e, mask(m, in->a));
    if (in->op == MX_ALU_RMAX) {
        const float prev = mx_hw_alu_decode(e, m->max_code);
        m->max_code = mx_hw_alu_encode(e, in->first ? a : mx_hw_alu_max(prev, a));
        return m->max_code;
    }
    if (in->op == MX_ALU_RSUM) {
        float acc;
        memcpy(&acc, &m->acc, sizeof acc);
        acc = mx_hw_alu_sum_step(in->first ? 0.0f : acc, a);
        memcpy(&m->acc, &acc, sizeof acc);
        return mx_hw_alu_encode(e, acc); /* QUANT */
    }
    return alu_eval(m, in->op, in->a, in->b);
}

void alu_clock(alu_model *m, const alu_input *in, bool out_ready)
{
    if (!alu_ready(m, out_ready)) {
        return; /* the whole pipeline holds */
    }
    const alu_stage *last = &m->st[ALU_LATENCY - 2];
    m->out_valid = last->valid && last->emit;
    if (m->out_valid) {
        m->out_code = last->code;
    }
    for (int s = ALU_LATENCY - 2; s > 0; s--) {
        m->st[s] = m->st[s - 1];
    }
    const bool reduction = in->op == MX_ALU_RMAX || in->op == MX_ALU_RSUM;
    m->st[0].valid = in->valid;
    m->st[0].emit = !reduction || in->last;
    m->st[0].code = in->valid ? enter(m, in) : 0;
}
