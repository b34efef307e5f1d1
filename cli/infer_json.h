/**
 * @file infer_json.h
 * The machine-readable report of `mxaccel infer` (--json FILE).
 */
#ifndef MXACCEL_CLI_INFER_JSON_H
#define MXACCEL_CLI_INFER_JSON_H

#include <cjson/cJSON.h>
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

/** The configuration as infer's JSON reports it (formats by name, null when off). */
cJSON *infer_json_config(const mx_cnn_config *c);

/** Per quantization point: values, saturated, overflowed, flushed, nan (null if stats is NULL). */
cJSON *infer_json_stats(const mx_cnn_stats *stats);

/**
 * Print root (taking ownership; NULL counts as out of memory) with a final
 * newline and write it to path atomically.
 * @return 0, or -1 with a one-line message in err
 */
int infer_json_save(cJSON *root, const char *path, char *err, size_t errlen);

#endif
