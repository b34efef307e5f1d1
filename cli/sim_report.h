/**
 * @file sim_report.h
 * The accelerator part of `mxaccel sim`'s report: the per-layer table
 * (per image: cycles, ideal cycles, utilization, stalls, unit busy cycles,
 * buffer and DRAM traffic), cycles per image, images/s and latency at the
 * clock; as text and as the JSON `config` and `layers`.
 */
#ifndef MXACCEL_CLI_SIM_REPORT_H
#define MXACCEL_CLI_SIM_REPORT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "sim_opts.h"
#include "sim_run.h"

void sim_report_print(FILE *out, const accel_program *p, const sim_opts_t *o,
                      const sim_result_t *r, size_t images);

/** Every hardware parameter, the unit latencies, the clock, the formats and the engine. */
cJSON *sim_json_config(const accel_program *p, const sim_opts_t *o);

/** Per layer, per image: name, macs, cycles, ideal_cycles, utilization, ... */
cJSON *sim_json_layers(const accel_program *p, const sim_result_t *r, size_t images);

#endif
