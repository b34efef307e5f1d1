/**
 * @file sim_rtl_cache.h
 * Where `mxaccel sim --engine rtl` finds the Verilated library of a
 * configuration (docs/accelerator-rtl.md): the default configuration's,
 * prebuilt in the build tree; any other in the cache, by a hash of its key
 * and of the sources, built there on demand.
 */
#ifndef MXACCEL_CLI_SIM_RTL_CACHE_H
#define MXACCEL_CLI_SIM_RTL_CACHE_H

#include <stddef.h>

#include "program.h"

/** Name of the library in an entry directory (scripts/accel_rtl_build.sh). */
#define SIM_RTL_LIB_NAME "libmx_accel_rtl.so"

/**
 * The cache directory: opt (--rtl-cache) when not NULL, else
 * $MXACCEL_RTL_CACHE, else $XDG_CACHE_HOME/mxaccel/rtl, else
 * $HOME/.cache/mxaccel/rtl.
 * @return 0, or -1 with a message (no HOME, path too long)
 */
int sim_rtl_cache_dir(const char *opt, char *dir, size_t len, char *err, size_t errlen);

/**
 * The library for p's configuration, whose key (accel_rtl_config_key) is
 * key: prebuilt, cached, or built now into the cache (messages on stderr).
 * @return 0 with its path, or -1 with a one-line message
 */
int sim_rtl_find(const accel_program *p, const char *key, const char *cache_opt, char *path,
                 size_t len, char *err, size_t errlen);

#endif
