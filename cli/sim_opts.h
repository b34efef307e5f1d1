/**
 * @file sim_opts.h
 * The command line of `mxaccel sim`: infer's run and format options
 * (infer_opts.h, the same table), the hardware parameters (one option per
 * entry of model/accel/params.def, or --hw FILE), --clock-mhz, --engine,
 * --rtl-cache DIR, --emit-program DIR and --program DIR.
 */
#ifndef MXACCEL_CLI_SIM_OPTS_H
#define MXACCEL_CLI_SIM_OPTS_H

#include <stdbool.h>

#include "infer_opts.h"
#include "params.h"

#define SIM_DEFAULT_CLOCK_MHZ 200.0

/** What runs the program: the cycle-level C model or the Verilated RTL top. */
typedef enum sim_engine { SIM_ENGINE_MODEL, SIM_ENGINE_RTL } sim_engine_t;

/** "model" or "rtl". */
const char *sim_engine_name(sim_engine_t e);

typedef struct sim_opts {
    infer_opts_t run;         /**< weights, data, limit, threads, json, quiet, cfg */
    accel_params hw;
    double clock_mhz;
    sim_engine_t engine;
    const char *rtl_cache;    /**< --rtl-cache DIR, or NULL (sim_rtl_cache_dir) */
    const char *emit_program; /**< directory, or NULL */
    const char *program;      /**< run this program directory instead of compiling, or NULL */
    const char *config_option; /**< the first format or hardware option given (for --program) */
    bool help;
} sim_opts_t;

/** Parse argv into o from the defaults; returns an exit status (errors reported). */
int sim_opts_parse(int argc, char **argv, sim_opts_t *o);

#endif
