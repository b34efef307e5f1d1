/**
 * @file infer_report.h
 * The text report of `mxaccel infer` on stdout.
 */
#ifndef MXACCEL_CLI_INFER_REPORT_H
#define MXACCEL_CLI_INFER_REPORT_H

#include <stdio.h>

#include "infer_opts.h"
#include "infer_tally.h"
#include "mxaccel/cnn.h"

/**
 * Configuration, accuracy, loss, NaN rows, confusion matrix, quantization
 * statistics (when stats is not NULL) and throughput; with --quiet only the
 * accuracy line.
 */
void infer_report_print(FILE *out, const infer_opts_t *o, const infer_tally_t *t,
                        const mx_cnn_stats *stats, double seconds);

#endif
