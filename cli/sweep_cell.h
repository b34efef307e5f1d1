/**
 * @file sweep_cell.h
 * One cell of a sweep: its directory DIR/<matmul>__<elem> and what its
 * training run's JSON report (train.json) says about it. The report is the
 * cell's record: `mxaccel train` rewrites it atomically after every epoch.
 */
#ifndef MXACCEL_CLI_SWEEP_CELL_H
#define MXACCEL_CLI_SWEEP_CELL_H

#include <stdbool.h>
#include <stddef.h>

#include "mxaccel/cnn.h"
#include "train_opts.h"

/** One epoch as the cell's report gives it. */
typedef struct sweep_epoch {
    double lr, accuracy, loss, test_loss; /**< loss NaN when no batch was finite */
    double accuracy_torch; /**< scored as torch.argmax does: the seed's metric */
    double test_nan_rows, nonfinite_loss_batches, nonfinite_grad_batches, nonfinite_weights;
    double seconds, eval_seconds;
} sweep_epoch_t;

/** Where a run with --trace-nonfinite stopped. */
typedef struct sweep_stop {
    int epoch;
    long batch, image, index;
    char op[32], tensor[32], inputs[24], output[12];
} sweep_stop_t;

typedef enum sweep_cell_state {
    kCellNew,      /**< no report yet */
    kCellPartial,  /**< fewer epochs than asked, or no final weights */
    kCellDone,     /**< every epoch and the final weights */
    kCellStopped,  /**< stopped at a non-finite value (--trace-nonfinite) */
} sweep_cell_state_t;

typedef struct sweep_cell {
    const char *matmul, *elem;
    char *dir, *json, *out, *log, *lock;
    sweep_cell_state_t state;
    int n_epochs;
    sweep_epoch_t *epochs; /**< n_epochs entries, from epoch 1 */
    bool stopped;
    sweep_stop_t stop;
} sweep_cell_t;

/** Paths of the cell under dir; returns 0, or -1 when out of memory. */
int sweep_cell_init(sweep_cell_t *c, const char *dir, const char *matmul, const char *elem);

void sweep_cell_free(sweep_cell_t *c);

/**
 * Read the cell's report, if any, into c and classify it against what the
 * sweep asks of it (o: the cell's parsed training options). A report made
 * with other options (configuration, seed, lr, gamma, batch size, data,
 * weights, images) is an error, not a result.
 * @return 0, or -1 with a one-line message in err (unreadable, corrupt or
 *         foreign report)
 */
int sweep_cell_read(sweep_cell_t *c, const train_opts_t *o, char *err, size_t errlen);

#endif
