/**
 * @file sim_rtl_build.h
 * Building a Verilated accelerator library with scripts/accel_rtl_build.sh
 * (docs/accelerator-rtl.md): what a build depends on, and the build itself,
 * from the source tree this mxaccel was built from.
 */
#ifndef MXACCEL_CLI_SIM_RTL_BUILD_H
#define MXACCEL_CLI_SIM_RTL_BUILD_H

#include <stddef.h>

#include "program.h"

/**
 * A hash (16 hex digits) of key and of the content of every file the
 * library depends on (the script's --inputs): an edited source never
 * finds an old library.
 * @return 0, or -1 with a one-line message
 */
int sim_rtl_inputs_hash(const char *key, char *hex, size_t len, char *err, size_t errlen);

/**
 * Build the library of p's configuration (key) into directory entry, with
 * a message on stderr before and one after.
 * @return 0, or -1 with a one-line reason (verilator missing, the first
 *         error of the build and its log's path, ...)
 */
int sim_rtl_build(const accel_program *p, const char *key, const char *entry, char *err,
                  size_t errlen);

#endif
