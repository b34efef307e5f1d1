/**
 * @file infer_json.h
 * The machine-readable report of `mxaccel infer` (--json FILE).
 */
#ifndef MXACCEL_CLI_INFER_JSON_H
#define MXACCEL_CLI_INFER_JSON_H

#include <stddef.h>

#include "infer_opts.h"
#include "infer_tally.h"
#include "mxaccel/cnn.h"

/**
 * Write the report as one JSON object to o->json, atomically: accuracy,
 * loss, counts, every prediction, the configuration, the quantization
 * statistics (null when stats is NULL) and the throughput.
 * @return 0, or -1 with a one-line message in err
 */
int infer_json_write(const infer_opts_t *o, const infer_tally_t *t, const mx_cnn_stats *stats,
                     double seconds, char *err, size_t errlen);

#endif
