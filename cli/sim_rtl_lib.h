/**
 * @file sim_rtl_lib.h
 * Loading a Verilated accelerator library (tb/accel/accel_rtl_api.h) for
 * `mxaccel sim --engine rtl`: dlopen, then the ABI version and the
 * configuration key checked.
 */
#ifndef MXACCEL_CLI_SIM_RTL_LIB_H
#define MXACCEL_CLI_SIM_RTL_LIB_H

#include <stddef.h>

#include "accel_rtl_api.h"

typedef struct sim_rtl_lib {
    void *handle;
    const accel_rtl_api *api;
} sim_rtl_lib_t;

/**
 * Load the library at path, built for configuration key.
 * @return 0, or -1 with a one-line message naming the library
 */
int sim_rtl_lib_open(sim_rtl_lib_t *l, const char *path, const char *key, char *err, size_t errlen);

/** Unload (after every instance is destroyed); a zeroed l is a no-op. */
void sim_rtl_lib_close(sim_rtl_lib_t *l);

#endif
