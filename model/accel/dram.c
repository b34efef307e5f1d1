/* The DRAM model; see dram.h. */
#include "dram.h"

#include <stdlib.h>

int accel_dram_init(accel_dram *d, const accel_params *hw)
{
    *d = (accel_dram){.bpc = (uint32_t)hw->dram_bytes_per_cycle,
                      .latency = (uint32_t)hw->dram_latency,
                      .burst = (uint32_t)hw->dram_burst_bytes,
                      .max_out = (uint32_t)hw->dram_outstanding};
    d->q = calloc(d->max_out, sizeof *d->q);
    return d->q ? 0 : -1;
}

void accel_dram_free(accel_dram *d)
{
    free(d->q);
    d->q = NULL;
}

void accel_dram_start(accel_dram *d, uint64_t n)
{
    d->to_issue = n;
    d->bytes = n;
    d->left = n;
}

uint32_t accel_dram_cycle(accel_dram *d, uint64_t now, uint64_t *at)
{
    if (d->to_issue > 0 && d->count < d->max_out) {
        const uint32_t n = d->to_issue < d->burst ? (uint32_t)d->to_issue : d->burst;
        d->q[(d->head + d->count) % d->max_out] = (accel_dram_req){now + d->latency, n};
        d->count++;
        d->to_issue -= n;
    }
    if (d->count == 0 || d->q[d->head].ready > now) {
        return 0;
    }
    accel_dram_req *r = &d->q[d->head];
    const uint32_t moved = r->left < d->bpc ? r->left : d->bpc;
    *at = d->bytes - d->left;
    r->left -= moved;
    d->left -= moved;
    if (r->left == 0) {
        d->head = (d->head + 1) % d->max_out;
        d->count--;
    }
    return moved;
}
