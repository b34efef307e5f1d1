/* Test of the tally behind `mxaccel infer`: ties go to the lowest class, a
 * row with a NaN has no prediction, counts as wrong, lands in the NaN column
 * of the confusion matrix and makes the loss NaN; scored as torch.argmax
 * does (the seed's metric), a NaN is the largest value. Real runs rarely
 * produce NaN rows, so the rows here are made up. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "infer_tally.h"

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

static void fill_row(float *row, int best, float best_value)
{
    for (int c = 0; c < MX_CNN_CLASSES; ++c) {
        row[c] = -10.0f;
    }
    row[best] = best_value;
}

int main(void)
{
    enum { kRows = 4 };
    float lp[kRows * MX_CNN_CLASSES];
    const uint8_t labels[kRows] = {3, 5, 7, 2};
    fill_row(lp + 0 * MX_CNN_CLASSES, 3, -0.5f); // right
    fill_row(lp + 1 * MX_CNN_CLASSES, 1, -1.0f); // wrong: 1 instead of 5
    fill_row(lp + 2 * MX_CNN_CLASSES, 7, -0.25f);
    lp[2 * MX_CNN_CLASSES + 4] = -0.25f; // tie of 4 and 7: 4 wins
    fill_row(lp + 3 * MX_CNN_CLASSES, 2, -0.1f);
    lp[3 * MX_CNN_CLASSES + 2] = NAN; // at the label, as when the whole row is NaN

    infer_tally_t t;
    if (infer_tally_init(&t, lp, labels, kRows) != 0) {
        fprintf(stderr, "FAIL: out of memory\n");
        return 1;
    }
    check(t.images == kRows, "images");
    check(t.correct == 1, "correct");
    check(t.nan_rows == 1, "nan_rows");
    check(t.predictions[0] == 3 && t.predictions[1] == 1, "plain predictions");
    check(t.predictions[2] == 4, "a tie goes to the lowest class");
    check(t.predictions[3] == -1, "a NaN row has prediction -1");
    check(t.confusion[3][3] == 1 && t.confusion[5][1] == 1 && t.confusion[7][4] == 1,
          "confusion cells");
    check(t.confusion[2][kInferNanColumn] == 1, "NaN row in the NaN column");
    check(isnan(t.loss), "a NaN row makes the loss NaN");
    check(fabs(infer_tally_accuracy(&t) - 25.0) < 1e-12, "accuracy");
    infer_tally_free(&t);

    // torch.argmax's scoring: row 3's NaN sits at its label, so it counts as
    // right there (2 of 4); a NaN before a larger number still wins, and an
    // all-NaN row predicts class 0.
    check(t.correct_torch == 2, "correct_torch: the NaN at the label is the prediction");
    check(fabs(infer_tally_accuracy_torch(&t) - 50.0) < 1e-12, "accuracy_torch");
    infer_tally_free(&t);
    float row[MX_CNN_CLASSES];
    fill_row(row, 8, 0.0f);
    row[5] = NAN;
    check(mx_cnn_argmax_torch(row) == 5, "NaN beats a larger number after it");
    row[2] = NAN;
    check(mx_cnn_argmax_torch(row) == 2, "the first NaN wins");
    for (int c = 0; c < MX_CNN_CLASSES; ++c) {
        row[c] = NAN;
    }
    check(mx_cnn_argmax_torch(row) == 0, "an all-NaN row predicts class 0");
    check(mx_cnn_argmax(row) == -1, "mx_cnn_argmax: no prediction for a NaN row");
    fill_row(row, 6, -0.25f);
    row[9] = -0.25f;
    check(mx_cnn_argmax_torch(row) == 6, "without NaN, ties go to the lowest class");

    // Without the NaN row the loss is the mean of -logprob[label].
    check(infer_tally_init(&t, lp, labels, 3) == 0, "second tally");
    check(fabs(t.loss - (0.5 + 10.0 + 0.25) / 3.0) < 1e-12, "mean NLL");
    infer_tally_free(&t);

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    puts("all checks passed");
    return 0;
}
