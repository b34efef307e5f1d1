/**
 * @file sim_run.h
 * Running the accelerator model over a set of images: batches of the
 * program's size spread over threads (each thread its own model instance;
 * a batch's results depend only on its images, so the bits and counters do
 * not depend on the thread count).
 */
#ifndef MXACCEL_CLI_SIM_RUN_H
#define MXACCEL_CLI_SIM_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "accel.h"

typedef struct sim_result {
    float *logprobs;        /**< [n][10] */
    uint32_t *codes;        /**< [n][10] E codes */
    uint64_t *cycles;       /**< [n]: cycles of the run (batch) the image was in */
    accel_counters total;   /**< summed over the runs */
    size_t runs;
} sim_result_t;

/**
 * Run n images: full batches with `full`, the rest (if any) with `rest`
 * (compiled for n % full->images images; NULL when there is none).
 * @return 0, or -1 with a message (out of memory)
 */
int sim_run(const accel_program *full, const accel_program *rest, const uint8_t *images, size_t n,
            int threads, void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
            sim_result_t *r, char *err, size_t errlen);

void sim_result_free(sim_result_t *r);

#endif
