/**
 * @file accel.h
 * The cycle-level model of the whole accelerator (docs/accelerator.md): the
 * controller runs a layer program descriptor after descriptor on the PE
 * array, the SEU and ALU lanes, the buffers, the DMA and the DRAM model,
 * cycle by cycle, and counts per layer what every unit did. The counters
 * are the contract the RTL matches.
 */
#ifndef MXACCEL_ACCEL_H
#define MXACCEL_ACCEL_H

#include <stdint.h>

#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What one layer did during a run (docs/accelerator.md, "Counters"). */
typedef struct accel_layer_counters {
    uint64_t macs;            /**< multiply-accumulates of the layer (real, not padded) */
    uint64_t cycles;          /**< cycles of its descriptors */
    uint64_t array_busy;      /**< cycles the PE array took a block step */
    uint64_t array_wait_dram; /**< array cycles waiting for a weight chunk */
    uint64_t array_wait_bank; /**< array cycles lost to buffer bank conflicts */
    uint64_t array_wait_drain;/**< array cycles held by the epilogue (back-pressure) */
    uint64_t seu_busy;        /**< cycles with SEU lanes working */
    uint64_t alu_busy;        /**< cycles with ALU lanes working (epilogue, softmax) */
    uint64_t dma_busy;        /**< cycles with a data beat on the DRAM bus */
    uint64_t act_reads, act_writes; /**< activation-buffer accesses */
    uint64_t wgt_reads, wgt_writes; /**< weight-buffer accesses */
    uint64_t dram_read_bytes, dram_write_bytes;
} accel_layer_counters;

typedef struct accel_counters {
    accel_layer_counters layer[ACCEL_LAYER_COUNT];
    uint64_t cycles; /**< of the whole run */
} accel_counters;

/** Add b into a. */
void accel_layer_counters_add(accel_layer_counters *a, const accel_layer_counters *b);
void accel_counters_add(accel_counters *a, const accel_counters *b);

/** Stall cycles of the array in a layer. */
static inline uint64_t accel_stall_cycles(const accel_layer_counters *c)
{
    return c->array_wait_dram + c->array_wait_bank + c->array_wait_drain;
}

/** ceil(macs / (rows * cols * 32)): the cycles of a perfectly used array. */
uint64_t accel_ideal_cycles(const accel_params *hw, uint64_t macs);

/** One accelerator instance (its buffers, DRAM and units); one per thread. */
typedef struct accel_model accel_model;

/** A model for program p (which must outlive it); NULL with a message on failure. */
accel_model *accel_model_create(const accel_program *p, char *err, size_t errlen);
void accel_model_destroy(accel_model *m);

/**
 * The host writes p->images images (bytes [images][784]) into the DRAM
 * image's input area as E codes of Qe(byte / 255), the controller runs the
 * program from cycle 0, and the host reads the log-probability codes back.
 * @param logprobs [images][10] fp32 values of the E codes
 * @param codes    [images][10] the E codes themselves (NULL to skip)
 * @param c        this run's counters
 */
void accel_model_run(accel_model *m, const uint8_t *images, float *logprobs, uint32_t *codes,
                     accel_counters *c);

#ifdef __cplusplus
}
#endif
#endif
