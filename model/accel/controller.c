/* The controller: runs the program's descriptors one after the other, each
 * starting the cycle after the previous one finished (docs/accelerator.md,
 * "Schedule"); and the host side of a run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "mxaccel/hw_alu.h"

uint64_t accel_ideal_cycles(const accel_params *hw, uint64_t macs)
{
    const uint64_t per_cycle = (uint64_t)hw->rows * (uint64_t)hw->cols * PE_N;
    return (macs + per_cycle - 1) / per_cycle;
}

accel_model *accel_model_create(const accel_program *p, char *err, size_t errlen)
{
    accel_model *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->p = p;
    m->ew = accel_elem_bytes(&p->elem);
    m->bf16 = accel_is_bf16(&p->a_fmt);
    m->wgt_half = (size_t)p->hw.wgt_buf_kib * 1024 / 2;
    const size_t rc = (size_t)p->hw.rows * (size_t)p->hw.cols;
    const size_t ring = ACCEL_RING_ENTRIES;
    m->act = calloc((size_t)p->hw.act_buf_kib, 1024);
    m->wgt = calloc(2, m->wgt_half);
    m->dram = malloc(p->dram_bytes);
    m->acc = calloc(rc, sizeof *m->acc);
    m->ring = calloc(rc * ring, sizeof *m->ring);
    m->ring_bias = calloc((size_t)p->hw.cols * ring, sizeof *m->ring_bias);
    m->rmax = calloc((size_t)p->hw.cols, sizeof *m->rmax);
    int status = m->act && m->wgt && m->dram && m->acc && m->ring && m->ring_bias && m->rmax &&
                         accel_dram_init(&m->bus, &p->hw) == 0
                     ? 0
                     : -1;
    if (status == 0) {
        memcpy(m->dram, p->dram, p->dram_bytes);
        if (alu_init(&m->alu, &p->elem) != 0) {
            status = -1;
        } else if (m->bf16) {
            status = pe_bf16_init(&m->pe16, PE_BF16_GUARD);
        } else {
            status = pe_init(&m->pe, p->a_fmt.id, p->w_fmt.id) |
                     seu_init(&m->seu, &p->elem, p->a_fmt.id, p->round);
        }
    }
    if (status != 0) {
        snprintf(err, errlen, "cannot set up the accelerator model for %s x %s, %s (or out of memory)",
                 p->a_fmt.name, p->w_fmt.name, p->elem.name);
        accel_model_destroy(m);
        return NULL;
    }
    return m;
}

void accel_model_destroy(accel_model *m)
{
    if (!m) {
        return;
    }
    if (m->alu.exp_table) {
        alu_free(&m->alu);
    }
    accel_dram_free(&m->bus);
    free(m->act);
    free(m->wgt);
    free(m->dram);
    free(m->acc);
    free(m->ring);
    free(m->ring_bias);
    free(m->rmax);
    free(m->wdec);
    free(m->wdec_tag);
    free(m);
}

void accel_model_set_trace(accel_model *m, const accel_trace *t)
{
    m->trace = t ? *t : (accel_trace){0};
}

void accel_model_run(accel_model *m, const uint8_t *images, float *logprobs, uint32_t *codes,
                     accel_counters *c)
{
    const accel_program *p = m->p;
    memset(c, 0, sizeof *c);
    m->c = c;
    m->cycle = 0;
    accel_encode_images(p, images, m->dram + p->input_dram);
    for (size_t i = 0; i < p->n_descs; i++) {
        const accel_desc *d = &p->descs[i];
        m->layer = d->layer;
        switch ((accel_op)d->op) {
            case ACCEL_OP_LOAD:
            case ACCEL_OP_STORE:
                accel_exec_transfer(m, d);
                break;
            case ACCEL_OP_SEU:
                accel_exec_seu(m, d);
                break;
            case ACCEL_OP_MATMUL:
                accel_exec_matmul(m, d);
                break;
            case ACCEL_OP_SOFTMAX:
                accel_exec_softmax(m, d);
                break;
            case ACCEL_OP_COUNT:
                break;
        }
    }
    for (uint32_t i = 0; i < p->images; i++) {
        const uint8_t *src = m->dram + p->output_dram + (size_t)i * p->output_stride;
        for (int k = 0; k < 10; k++) {
            const uint32_t code = accel_get_code(src + (size_t)k * m->ew, m->ew);
            logprobs[i * 10 + (size_t)k] = mx_hw_alu_decode(&p->elem, code);
            if (codes) {
                codes[i * 10 + (size_t)k] = code;
            }
        }
    }
}
