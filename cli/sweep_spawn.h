/**
 * @file sweep_spawn.h
 * Running one sweep cell in a child process: `mxaccel train` on the cell's
 * options, its output in the cell's log, under the cell's lock, and killed
 * with the sweep (so a sweep killed with -9 leaves no cell running on).
 */
#ifndef MXACCEL_CLI_SWEEP_SPAWN_H
#define MXACCEL_CLI_SWEEP_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

#include "sweep_cell.h"
#include "sweep_opts.h"

/**
 * Fork a process that trains cell c (resuming from its checkpoint) and
 * exits with train's status. The cell's directory must exist.
 * @return the child's pid, or -1 with a one-line message in err
 */
pid_t sweep_spawn_cell(const sweep_opts_t *o, const sweep_cell_t *c, char *err, size_t errlen);

#endif
