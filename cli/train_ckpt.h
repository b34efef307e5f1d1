/**
 * @file train_ckpt.h
 * Checkpoints of `mxaccel train`: the trainer's state (weights, Adadelta
 * state, epoch; the RNG is counter-based, so seed and epoch are its state)
 * behind a small header: magic, version, the run's fingerprint beyond the
 * trainer's own (learning rate, gamma, the training images, starting
 * weights), and the
 * per-epoch results so far, so that a resumed run reports every epoch.
 * Little-endian, closed by an FNV-1a 64 checksum over all preceding bytes.
 */
#ifndef MXACCEL_CLI_TRAIN_CKPT_H
#define MXACCEL_CLI_TRAIN_CKPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/cnn.h"
#include "mxaccel/train.h"

/** What one epoch of `mxaccel train` did (epochs counted from 1). */
typedef struct train_result {
    int epoch;
    double lr;
    double loss;      /**< mean of the finite training batch losses (NaN if none) */
    uint64_t batches; /**< training batches */
    uint64_t nonfinite_loss_batches, nonfinite_grad_batches, nonfinite_weights;
    bool has_stats;   /**< qstats collected (not with --no-stats) */
    mx_cnn_stats qstats;
    double accuracy;  /**< test accuracy, percent (a row with a NaN is wrong) */
    uint64_t correct, test_images, test_nan_rows;
    double accuracy_torch;  /**< scored by torch.argmax, as the seed did (mx_cnn_argmax_torch) */
    uint64_t correct_torch;
    double test_loss; /**< mean NLL over the test set */
    double seconds;      /**< training wall time */
    double eval_seconds; /**< test-set evaluation wall time */
} train_result_t;

/** The run's parameters a checkpoint must match, besides the trainer's own fingerprint. */
typedef struct train_fingerprint {
    double lr, gamma;
    uint64_t images;       /**< training images per epoch (--limit) */
    uint64_t data_hash;    /**< FNV-1a 64 of those images' pixels and labels */
    uint64_t weights_hash; /**< mx_trainer_weights_hash of the starting weights */
} train_fingerprint_t;

/** FNV-1a 64 of n images' pixels, then their labels. */
uint64_t train_ckpt_data_hash(const uint8_t *images, const uint8_t *labels, size_t n);

/** File name of the checkpoint inside --checkpoint-dir. */
#define TRAIN_CKPT_NAME "checkpoint.mxtrain"

/**
 * Write t's state and results[0..count-1] to path atomically.
 * @return 0, or -1 with a one-line message naming the file
 */
int train_ckpt_save(const char *path, const mx_trainer *t, const train_fingerprint_t *fp,
                    const train_result_t *results, int count, char *err, size_t errlen);

/**
 * Read a checkpoint into t (which must have been created with the same
 * configuration and options) and its results (*results malloc'ed, *count of
 * them, one per epoch done). Refuses a truncated or corrupt file, another
 * version, or another fingerprint, leaving t unchanged.
 * @return 0, or -1 with a one-line message naming the file
 */
int train_ckpt_load(const char *path, mx_trainer *t, const train_fingerprint_t *fp,
                    train_result_t **results, int *count, char *err, size_t errlen);

#endif
