/**
 * @file train.h
 * Quantization-aware training of the seed CNN on the golden numerics
 * (docs/training.md): the seed's recipe (batch 64, Adadelta, StepLR, dropout,
 * NLL loss) with every forward and backward quantization point of
 * microxcaling's modules in one of the three profiles. The optimizer state
 * stays fp32.
 *
 * Bits depend on the configuration, the options (seed included), the data,
 * the learning rates and the machine's GEMM kernels (docs/training.md), not
 * on the thread count (fixed work split, fixed reduction order).
 */
#ifndef MXACCEL_TRAIN_H
#define MXACCEL_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/cnn.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The recipe's knobs (mx_train_options_default gives the seed's recipe). */
typedef struct mx_train_options {
    uint64_t seed;       /**< initial weights, shuffles and dropout masks */
    int batch_size;      /**< 1..MX_TRAIN_MAX_BATCH (64) */
    float dropout1;      /**< after max-pooling (0.25); 0 disables */
    float dropout2;      /**< after fc1's relu (0.5); 0 disables */
    double rho, eps;     /**< Adadelta (0.9, 1e-6), Python floats as in PyTorch */
    bool shuffle;        /**< a fresh permutation of the images every epoch */
    bool trace_nonfinite; /**< record the first non-finite value (costs a scan per op) */
    /** with trace_nonfinite: infinities do not count, only NaN (where an Inf
     *  turns into a NaN is the question when Infs are ordinary) */
    bool trace_nan_only;
    /** with trace_nonfinite: only non-finite gradients count. The forward is
     *  not checked (a -Inf log-probability is ordinary wherever a probability
     *  was quantized to 0), nor log's backward where p = 0 (its g / 0 meets
     *  the same 0 in softmax's backward, which is checked); log's backward
     *  counts where p != 0 (g / p overflowed), then everything from
     *  softmax's backward output down. */
    bool trace_grad_only;
    /** with trace_nonfinite: end the epoch at the batch that produced the first
     *  non-finite value, before its optimizer step (mx_trainer_run_epoch returns 1) */
    bool stop_on_nonfinite;
    bool collect_stats;  /**< count what the forward quantization points did (same bits, slower) */
    /** called after each batch with the epoch's images done so far (NULL: none) */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} mx_train_options;

#define MX_TRAIN_MAX_BATCH 64

void mx_train_options_default(mx_train_options *opt);

/** The first non-finite value a training run produced (trace_nonfinite). */
typedef struct mx_train_nonfinite {
    bool found;
    int epoch;          /**< 0-based epoch */
    size_t batch;       /**< batch index inside the epoch */
    long image;         /**< image index inside the batch, -1 for batch-wide tensors */
    char op[32];        /**< the operation that produced it, e.g. "log.bwd" */
    char tensor[32];    /**< its output tensor, e.g. "grad.softmax.p" */
    size_t index;       /**< element index in that tensor (per image where image >= 0) */
    int n_inputs;       /**< how many of in_bits are meaningful (0 for reductions) */
    uint32_t in_bits[2];/**< the op's input bits at that element */
    uint32_t out_bits;  /**< the non-finite output bits */
} mx_train_nonfinite;

/** What one epoch did. */
typedef struct mx_train_epoch_stats {
    int epoch;                   /**< the epoch just run (0-based) */
    size_t images, batches;
    double mean_loss;            /**< mean of the finite batch losses */
    size_t nonfinite_loss_batches;  /**< batches whose loss was Inf or NaN */
    size_t nonfinite_grad_batches;  /**< batches with a non-finite parameter gradient */
    size_t nonfinite_weight_values; /**< non-finite parameters after the epoch */
    double seconds;              /**< wall time */
    /** With collect_stats: the forward's activation quantization points over
     *  the epoch, as mx_cnn_infer counts them (weight points stay zero). */
    mx_cnn_stats qstats;
} mx_train_epoch_stats;

typedef struct mx_trainer mx_trainer;

/**
 * A trainer for a configuration (mx_cnn_config_check must pass).
 * @param init  starting weights, or NULL for PyTorch's default
 *              initialization drawn from opt->seed
 * @return NULL with a one-line message on error
 */
mx_trainer *mx_trainer_create(const mx_cnn_config *cfg, const mx_train_options *opt,
                              const mx_cnn_weights *init, char *err, size_t errlen);
void mx_trainer_destroy(mx_trainer *t);

/** StepLR: lr0 * gamma^epoch as PyTorch's scheduler computes it (repeated double products). */
double mx_train_steplr(double lr0, double gamma, int epoch);

/**
 * One epoch over images[n][784] / labels[n] (bytes, labels 0..9): a fresh
 * shuffle, then batches of batch_size (the last may be smaller), each a
 * forward, a backward and an Adadelta step with learning rate lr.
 * @return 0, or -1 with a message (bad arguments, out of memory), or 1 when
 *         opt.stop_on_nonfinite ended the epoch early: stats cover the batches
 *         run (that batch included, its step not taken), the epoch is not
 *         counted, and the trainer is mid-epoch (do not save or continue it)
 */
int mx_trainer_run_epoch(mx_trainer *t, const uint8_t *images, const uint8_t *labels, size_t n,
                         double lr, int threads, mx_train_epoch_stats *stats, char *err,
                         size_t errlen);

/** Epochs run so far. */
int mx_trainer_epoch(const mx_trainer *t);

/** A view of the current fp32 weights (valid until the next epoch or destroy; do not free). */
void mx_trainer_weights(const mx_trainer *t, mx_cnn_weights *view);

/** FNV-1a 64 over the bits of every parameter, in mx_cnn_weights order. */
uint64_t mx_trainer_weights_hash(const mx_trainer *t);

/** The first non-finite value seen (found == false when none or tracing is off). */
const mx_train_nonfinite *mx_trainer_nonfinite(const mx_trainer *t);

/**
 * The complete training state (configuration fingerprint, options, epoch,
 * weights, Adadelta state; the RNG is counter-based, so seed and epoch are
 * its state) as a byte buffer: little-endian, checksummed.
 */
size_t mx_trainer_state_size(const mx_trainer *t);
/** Write the state into buf (len >= mx_trainer_state_size); returns bytes written or 0. */
size_t mx_trainer_save_state(const mx_trainer *t, uint8_t *buf, size_t len);
/**
 * Replace t's state by a saved one. The saved configuration and options must
 * match t's (seed included): training then continues with identical bits.
 * @return 0, or -1 with a message (t unchanged)
 */
int mx_trainer_load_state(mx_trainer *t, const uint8_t *buf, size_t len, char *err,
                          size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
