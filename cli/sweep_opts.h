/**
 * @file sweep_opts.h
 * The command line of `mxaccel sweep`: the grid (matmul and elementwise
 * format lists), where its state lives, how many cells run at once, the
 * table and CSV, and the training options passed on to every cell.
 */
#ifndef MXACCEL_CLI_SWEEP_OPTS_H
#define MXACCEL_CLI_SWEEP_OPTS_H

#include <stdbool.h>

#include "train_opts.h"

enum {
    kSweepMaxAxis = 32,       /**< formats per axis of the grid */
    kSweepMaxTableEpochs = 8, /**< epochs shown per table cell */
    kSweepMaxPassOn = 64,     /**< words of training options passed on */
    kSweepMaxJobs = 64,
};

typedef struct sweep_opts {
    const char *dir;   /**< state directory: one subdirectory per cell */
    const char *table; /**< markdown table (default DIR/table.md) */
    const char *csv;   /**< CSV, a row per cell and epoch (default DIR/results.csv) */
    const char *matmul[kSweepMaxAxis];
    int n_matmul;
    const char *elem[kSweepMaxAxis];
    int n_elem;
    int table_epochs[kSweepMaxTableEpochs];
    int n_table_epochs; /**< 0: derived from --epochs */
    int jobs;           /**< cells trained at once, each its own process */
    int threads;        /**< threads of each cell's process */
    /** Training options for every cell, as given (validated by train_opts_parse). */
    const char *pass_on[kSweepMaxPassOn];
    int n_pass_on;
    train_opts_t train;  /**< the first cell's parsed options: epochs, trace, ... */
    train_opts_t *cells; /**< every cell's parsed options, row by row */
    bool help;
    /** Storage of the split lists and the default paths. */
    char *matmul_text;
    char *elem_text;
    char *table_default;
    char *csv_default;
} sweep_opts_t;

/**
 * Parse argv[1..argc-1] into o and check every cell's training options.
 * @return an exit status; errors are already reported
 */
int sweep_opts_parse(int argc, char **argv, sweep_opts_t *o);

/** Release what sweep_opts_parse allocated. */
void sweep_opts_free(sweep_opts_t *o);

/**
 * The argv of `mxaccel train` for one cell (NULL-terminated, pointers into
 * o and the given paths); words must hold kSweepCellArgv entries.
 * @return the argument count
 */
int sweep_cell_argv(const sweep_opts_t *o, const char *matmul, const char *elem,
                    const char *threads, const char *cell_dir, const char *json, const char *out,
                    char **words);

enum { kSweepCellArgv = kSweepMaxPassOn + 24 };

#endif
