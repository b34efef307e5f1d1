/* The DRAM model: one data bus of bytes_per_cycle, requests of at most
 * burst_bytes, the first beat of a request `latency` cycles after it is
 * issued, at most `outstanding` requests in flight, data in request order
 * (docs/accelerator.md, "DRAM and DMA"). Internal header of model/accel. */
#ifndef MXACCEL_ACCEL_DRAM_H
#define MXACCEL_ACCEL_DRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "params.h"

typedef struct accel_dram_req {
    uint64_t ready;  /* first cycle a beat may move */
    uint32_t left;   /* bytes still to move */
} accel_dram_req;

typedef struct accel_dram {
    uint32_t bpc, latency, burst, max_out;
    uint64_t to_issue;      /* bytes of the transfer not requested yet */
    uint64_t bytes;         /* of the transfer */
    uint64_t left;          /* bytes of the transfer not moved yet */
    accel_dram_req *q;      /* ring of max_out requests */
    uint32_t head, count;
} accel_dram;

int accel_dram_init(accel_dram *d, const accel_params *hw);
void accel_dram_free(accel_dram *d);

/* Start a transfer of n bytes (the previous one must be finished). */
void accel_dram_start(accel_dram *d, uint64_t n);

/* One cycle: issue a request if allowed, then move one beat if the oldest
 * request is ready. Returns the bytes moved (0 if none); *at receives the
 * beat's offset in the transfer (data come in request order). */
uint32_t accel_dram_cycle(accel_dram *d, uint64_t now, uint64_t *at);

static inline bool accel_dram_idle(const accel_dram *d)
{
    return d->left == 0;
}

#endif
