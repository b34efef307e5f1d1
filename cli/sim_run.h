/**
 * @file sim_run.h
 * Running the accelerator over a set of images, on the C model or on a
 * Verilated RTL library: batches of the program's size spread over threads
 * (each thread its own instance; a batch's results depend only on its
 * images, so the bits and counters do not depend on the thread count).
 */
#ifndef MXACCEL_CLI_SIM_RUN_H
#define MXACCEL_CLI_SIM_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "accel.h"
#include "accel_rtl_api.h"

typedef struct sim_result {
    float *logprobs;        /**< [n][10] */
    uint32_t *codes;        /**< [n][10] E codes */
    uint64_t *cycles;       /**< [n]: cycles of the run (batch) the image was in */
    accel_counters total;   /**< summed over the runs */
    size_t runs;
} sim_result_t;

/**
 * Run n images: full batches with `full`, the rest (if any) with `rest`
 * (compiled for n % full->images images; NULL when there is none), on the
 * C model (rtl NULL) or on the Verilated library rtl.
 * @return 0, or -1 with a one-line message (out of memory, the RTL's error)
 */
int sim_run(const accel_program *full, const accel_program *rest, const accel_rtl_api *rtl,
            const uint8_t *images, size_t n, int threads,
            void (*progress)(void *ctx, size_t done, size_t total), void *ctx, sim_result_t *r,
            char *err, size_t errlen);

void sim_result_free(sim_result_t *r);

#endif
