/* LOAD and STORE: the DMA moves bytes between DRAM and the activation
 * buffer, one bus beat per cycle once the DRAM delivers (dram.h). */
#include <string.h>

#include "model_internal.h"

void accel_exec_transfer(accel_model *m, const accel_desc *d)
{
    accel_layer_counters *c = &m->c->layer[d->layer];
    const bool store = d->op == ACCEL_OP_STORE;
    accel_dram_start(&m->bus, d->bytes);
    while (!accel_dram_idle(&m->bus)) {
        if (accel_dram_cycle(&m->bus, m->cycle) > 0) {
            c->dma_busy++;
            if (store) {
                c->act_reads++;
            } else {
                c->act_writes++;
            }
        }
        m->cycle++;
    }
    if (store) {
        memcpy(m->dram + d->dram, m->act + d->buf, d->bytes);
        c->dram_write_bytes += d->bytes;
    } else {
        memcpy(m->act + d->buf, m->dram + d->dram, d->bytes);
        c->dram_read_bytes += d->bytes;
    }
}
