/**
 * @file accel.h
 * The cycle-level model of the whole accelerator (docs/accelerator.md): the
 * controller runs a layer program descriptor after descriptor on the PE
 * array, the SEU and ALU lanes, the buffers, the DMA and the DRAM model,
 * cycle by cycle, and counts per layer what every unit did, each counter in
 * the cycle the hardware does what it counts. The counters, cycle by cycle
 * (accel_trace), are the contract the RTL matches.
 */
#ifndef MXACCEL_ACCEL_H
#define MXACCEL_ACCEL_H

#include <stdint.h>

#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The per-layer counters' indices: ACCEL_CNT_<name> (counters.def). */
enum {
#define ACCEL_COUNTER(name, help) ACCEL_CNT_##name,
#include "counters.def"
#undef ACCEL_COUNTER
    ACCEL_COUNTER_COUNT
};

/** What one layer did during a run (docs/accelerator.md, "Counters"): one
 *  uint64_t per entry of counters.def, in its order. */
typedef struct accel_layer_counters {
#define ACCEL_COUNTER(name, help) uint64_t name;
#include "counters.def"
#undef ACCEL_COUNTER
} accel_layer_counters;

/** Counter i's name (counters.def), or NULL when i is out of range. */
const char *accel_counter_name(int i);

/** Counter i of c (0 <= i < ACCEL_COUNTER_COUNT). */
uint64_t accel_counter_get(const accel_layer_counters *c, int i);
void accel_counter_set(accel_layer_counters *c, int i, uint64_t v);

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
 * The host's encoding of p->images test images (bytes [images][784]) into
 * the input area's E codes, Qe(byte / 255): p->images * p->input_stride
 * bytes at input, as they go to DRAM at p->input_dram.
 */
void accel_encode_images(const accel_program *p, const uint8_t *images, uint8_t *input);

/**
 * What a co-simulation sees of a run (accel_model_set_trace). Either
 * function may be NULL.
 */
typedef struct accel_trace {
    void *ctx;
    /** At the end of every cycle of a run, after all of its counting: c holds
     *  the run's counters so far (this cycle included). */
    void (*cycle)(void *ctx, uint64_t cycle, const accel_counters *c);
    /** For every STORE beat: the n bytes it wrote at DRAM address addr. */
    void (*dram_write)(void *ctx, uint64_t cycle, uint32_t addr, const uint8_t *data, uint32_t n);
} accel_trace;

/** Trace the model's later runs through *t (copied); NULL: no trace. */
void accel_model_set_trace(accel_model *m, const accel_trace *t);

/**
 * The host writes p->images images (bytes [images][784]) into the DRAM
 * image's input area (accel_encode_images), the controller runs the
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
