/**
 * @file cli_dataset.h
 * Checks of a loaded IDX data set that infer and train share: images the
 * network can take, and --limit within the set.
 */
#ifndef MXACCEL_CLI_CLI_DATASET_H
#define MXACCEL_CLI_CLI_DATASET_H

#include <stdbool.h>
#include <stddef.h>

#include "mxaccel/io.h"

/**
 * The set (which: "test" or "training", loaded from dir) has images, of
 * 28x28 pixels; its first n_use images are used: all, or --limit N of them.
 * @return an exit status; errors reported as "mxaccel <cmd>: ..."
 */
int cli_dataset_check(const char *cmd, const char *dir, const char *which, const mx_dataset *ds,
                      bool limit_set, int limit, size_t *n_use);

#endif
