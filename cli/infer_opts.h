/**
 * @file infer_opts.h
 * The command line of `mxaccel infer`: option names follow microxcaling's
 * mx_specs keys (w_elem_format, a_elem_format, bfloat, fp, block_size, ...).
 */
#ifndef MXACCEL_CLI_INFER_OPTS_H
#define MXACCEL_CLI_INFER_OPTS_H

#include <stdbool.h>

#include "cnn_opts.h"
#include "mxaccel/cnn.h"

typedef struct infer_opts {
    const char *weights;  /**< safetensors file */
    const char *data_dir; /**< directory of the IDX test set */
    const char *json;     /**< JSON report file, or NULL */
    mx_cnn_config cfg;
    bool limit_set; /**< --limit given; its range is checked against the set */
    int limit;      /**< first images to run */
    int threads;    /**< 1..kInferMaxThreads */
    int dump_image; /**< image whose layers are printed; -1 = none */
    bool quiet;
    bool no_stats;
    bool help;
} infer_opts_t;

enum { kInferMaxThreads = 256 };

/**
 * Parse argv[1..argc-1] into o, starting from the defaults. Checks each
 * option and their combinations, not the files nor the configuration as a
 * whole (mx_cnn_config_check does that).
 * @return an exit status; errors are already reported
 */
int infer_opts_parse(int argc, char **argv, infer_opts_t *o);

/** The defaults of a run over the test set (weights, data, threads, config). */
void infer_opts_defaults(infer_opts_t *o);

/**
 * The options of every run over the test set, for `cmd`: the format options
 * (cnn_opts.h), --weights, --data, --limit, --threads, --json and --quiet.
 * @param matched set when argv[*i] was one of them (*i may advance)
 * @return an exit status (errors reported as "mxaccel <cmd>: ...")
 */
int infer_run_opt_parse(const char *cmd, int argc, char **argv, int *i, infer_opts_t *o,
                        cnn_format_opts_t *fo, bool *matched);

#endif
