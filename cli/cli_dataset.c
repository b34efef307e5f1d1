/**
 * @file cli_dataset.c
 * Data-set checks shared by infer and train (see cli_dataset.h).
 */
#include "cli_dataset.h"

#include "cli.h"
#include "cli_report.h"
#include "mxaccel/cnn.h"

int cli_dataset_check(const char *cmd, const char *dir, const char *which, const mx_dataset *ds,
                      bool limit_set, int limit, size_t *n_use)
{
    if (ds->count < 1) {
        return cli_error(cmd, kCliExitInput, "%s: the %s set has no images", dir, which);
    }
    if (ds->rows * ds->cols != MX_CNN_IMAGE_PIXELS) {
        return cli_error(cmd, kCliExitInput, "%s: %s images are %dx%d, the network needs 28x28",
                         dir, which, ds->rows, ds->cols);
    }
    *n_use = (size_t)ds->count;
    if (limit_set) {
        if (limit < 1 || limit > ds->count) {
            return cli_error(cmd, kCliExitUsage,
                             "--limit must be in 1..%d (the %s set has %d images), got %d",
                             ds->count, which, ds->count, limit);
        }
        *n_use = (size_t)limit;
    }
    return kCliExitOk;
}
