/* LOAD and STORE: the DMA moves bytes between DRAM and the activation
 * buffer, one bus beat per cycle once the DRAM delivers (dram.h); each beat
 * writes its bytes at its destination in its own cycle. */
#include <string.h>

#include "model_internal.h"

void accel_dma_read_cycle(accel_model *m, accel_layer_counters *c, uint32_t src, uint8_t *dst,
                          uint64_t *buf_writes)
{
    uint64_t at = 0;
    const uint32_t n = accel_dram_cycle(&m->bus, m->cycle, &at);
    if (n > 0) {
        memcpy(dst + at, m->dram + src + at, n);
        c->dma_busy++;
        c->dram_read_bytes += n;
        (*buf_writes)++;
    }
}

static void store_cycle(accel_model *m, accel_layer_counters *c, const accel_desc *d)
{
    uint64_t at = 0;
    const uint32_t n = accel_dram_cycle(&m->bus, m->cycle, &at);
    if (n == 0) {
        return;
    }
    const uint32_t addr = d->dram + (uint32_t)at;
    memcpy(m->dram + addr, m->act + d->buf + at, n);
    c->dma_busy++;
    c->dram_write_bytes += n;
    c->act_reads++;
    if (m->trace.dram_write) {
        m->trace.dram_write(m->trace.ctx, m->cycle, addr, m->dram + addr, n);
    }
}

void accel_exec_transfer(accel_model *m, const accel_desc *d)
{
    accel_layer_counters *c = &m->c->layer[d->layer];
    accel_dram_start(&m->bus, d->bytes);
    while (!accel_dram_idle(&m->bus)) {
        if (d->op == ACCEL_OP_STORE) {
            store_cycle(m, c, d);
        } else {
            accel_dma_read_cycle(m, c, d->dram, m->act + d->buf, &c->act_writes);
        }
        accel_end_cycle(m);
    }
}
