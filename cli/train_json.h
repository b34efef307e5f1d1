/**
 * @file train_json.h
 * The machine-readable report of `mxaccel train` (--json FILE), rewritten
 * after every epoch so that it always describes the epochs done.
 */
#ifndef MXACCEL_CLI_TRAIN_JSON_H
#define MXACCEL_CLI_TRAIN_JSON_H

#include <stddef.h>

#include "mxaccel/train.h"
#include "train_ckpt.h"
#include "train_opts.h"

/**
 * Write the report to o->json atomically: config, the run's parameters,
 * `epochs` (one object per epoch done), `nonfinite` (the trace, or null)
 * and `out` (the final weights file once written, else null).
 * @param resumed_from  epochs the run resumed from (0: a fresh start)
 * @return 0, or -1 with a one-line message in err
 */
int train_json_write(const train_opts_t *o, size_t images, int resumed_from,
                     const train_result_t *results, int count, const mx_train_nonfinite *nf,
                     const char *out, char *err, size_t errlen);

#endif
