/**
 * @file train_opts.h
 * The command line of `mxaccel train`: infer's format options (default: the
 * seed's configuration, fp8_e4m3 matmuls and fp8 elementwise, cuda-kernel),
 * the recipe (epochs, seed, lr, gamma, batch size) and the outputs.
 */
#ifndef MXACCEL_CLI_TRAIN_OPTS_H
#define MXACCEL_CLI_TRAIN_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#include "mxaccel/cnn.h"

/** What stops a run: nothing, or the first value its trace looks for. */
typedef enum train_trace {
    kTraceOff,
    kTraceNonfinite, /**< --trace-nonfinite: the first Inf or NaN */
    kTraceNan,       /**< --trace-nan: the first NaN */
    kTraceGrad,      /**< --trace-grad: the first non-finite gradient */
} train_trace_t;

typedef struct train_opts {
    const char *data_dir;       /**< directory of the IDX training and test sets */
    const char *weights;        /**< starting weights (safetensors), or NULL */
    const char *json;           /**< JSON report file, or NULL */
    const char *out;            /**< final weights (safetensors), or NULL */
    const char *checkpoint_dir; /**< checkpoints, or NULL for none */
    mx_cnn_config cfg;
    int epochs;     /**< total epochs of the run (a resumed run included) */
    uint64_t seed;  /**< initial weights, shuffles, dropout */
    double lr;      /**< learning rate of the first epoch */
    double gamma;   /**< StepLR factor per epoch */
    int batch_size; /**< 1..MX_TRAIN_MAX_BATCH */
    int threads;    /**< 1..kTrainMaxThreads */
    bool limit_set; /**< --limit given; its range is checked against the set */
    int limit;      /**< first training images to use */
    bool resume;
    train_trace_t trace;
    bool quiet;
    bool no_stats;
    bool help;
} train_opts_t;

enum { kTrainMaxThreads = 256, kTrainMaxEpochs = 10000 };

/**
 * Parse argv[1..argc-1] into o, starting from the defaults. Checks each
 * option and their combinations, not the files nor the configuration as a
 * whole (mx_cnn_config_check does that).
 * @param cmd  the subcommand named in error messages ("train", or "sweep"
 *             checking the options it passes on to every cell)
 * @return an exit status; errors are already reported
 */
int train_opts_parse(const char *cmd, int argc, char **argv, train_opts_t *o);

/** The trace's name in reports ("nonfinite", "nan", "grad"; NULL when off). */
const char *train_trace_name(train_trace_t trace);
/** What the trace stops at, for messages ("non-finite value", "NaN", ...). */
const char *train_trace_target(train_trace_t trace);

#endif
