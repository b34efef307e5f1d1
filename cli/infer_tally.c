/**
 * @file infer_tally.c
 * Predictions and their scores (see infer_tally.h).
 */
#include "infer_tally.h"

#include <stdlib.h>
#include <string.h>

int infer_tally_init(infer_tally_t *t, const float *logprobs, const uint8_t *labels, size_t n)
{
    memset(t, 0, sizeof(*t));
    t->predictions = malloc((n > 0 ? n : 1) * sizeof(*t->predictions));
    if (t->predictions == NULL) {
        return -1;
    }
    t->images = n;
    // Summed in double: 10k fp32 terms would lose digits of the mean.
    double nll = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const float *row = logprobs + i * MX_CNN_CLASSES;
        int label = labels[i];
        int pred = mx_cnn_argmax(row);
        t->predictions[i] = pred;
        nll -= (double)row[label];
        t->correct_torch += mx_cnn_argmax_torch(row) == label;
        if (pred < 0) {
            t->nan_rows++;
            t->confusion[label][kInferNanColumn]++;
            continue;
        }
        t->confusion[label][pred]++;
        if (pred == label) {
            t->correct++;
        }
    }
    t->loss = n > 0 ? nll / (double)n : 0.0;
    return 0;
}

void infer_tally_free(infer_tally_t *t)
{
    free(t->predictions);
    t->predictions = NULL;
}

double infer_tally_accuracy(const infer_tally_t *t)
{
    return t->images > 0 ? 100.0 * (double)t->correct / (double)t->images : 0.0;
}

double infer_tally_accuracy_torch(const infer_tally_t *t)
{
    return t->images > 0 ? 100.0 * (double)t->correct_torch / (double)t->images : 0.0;
}
