/**
 * @file infer_tally.h
 * What `mxaccel infer` reports about a run: predictions, accuracy, loss and
 * the confusion matrix, from the log-probabilities and the labels.
 */
#ifndef MXACCEL_CLI_INFER_TALLY_H
#define MXACCEL_CLI_INFER_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/cnn.h"

/** Column of the confusion matrix that counts rows with a NaN. */
enum { kInferNanColumn = MX_CNN_CLASSES };

typedef struct infer_tally {
    size_t images;
    size_t correct;
    size_t nan_rows;  /**< rows with a NaN: no prediction, counted as wrong */
    size_t correct_torch; /**< correct by mx_cnn_argmax_torch (a NaN row predicts its first NaN) */
    double loss;      /**< mean of -logprob[label] (NaN if any such value is) */
    int *predictions; /**< [images]: argmax, or -1 for a NaN row */
    /** [true class][predicted class], the last column counting NaN rows */
    uint64_t confusion[MX_CNN_CLASSES][MX_CNN_CLASSES + 1];
} infer_tally_t;

/**
 * Tally n rows of MX_CNN_CLASSES log-probabilities against labels (0..9).
 * @return 0, or -1 when out of memory
 */
int infer_tally_init(infer_tally_t *t, const float *logprobs, const uint8_t *labels, size_t n);

void infer_tally_free(infer_tally_t *t);

/** Accuracy in percent. */
double infer_tally_accuracy(const infer_tally_t *t);

/** Accuracy in percent as torch.argmax scores it (the same when no row has a NaN). */
double infer_tally_accuracy_torch(const infer_tally_t *t);

#endif
