/**
 * @file cli_path.h
 * Paths and directories the subcommands make: DIR/NAME, and a directory
 * created when missing.
 */
#ifndef MXACCEL_CLI_CLI_PATH_H
#define MXACCEL_CLI_CLI_PATH_H

#include <stddef.h>

/** "dir/name", malloc'ed; NULL when out of memory. */
char *cli_path_join(const char *dir, const char *name);

/**
 * Make sure dir is a directory: created (one level) when missing.
 * @return 0, or -1 with a one-line message naming dir in err
 */
int cli_ensure_dir(const char *dir, char *err, size_t errlen);

#endif
