/**
 * @file rtl_config.h
 * A configuration of the RTL top (rtl/accel/mx_accel.v): what a Verilated
 * model is built for, as a key (compared by the CLI and by the Verilated
 * library, docs/accelerator-rtl.md) and as the top's parameters. It is the
 * program's hardware parameters and formats except batch and dram_latency,
 * which the RTL does not depend on (the DRAM model beside it takes the
 * latency from the program).
 */
#ifndef MXACCEL_ACCEL_RTL_CONFIG_H
#define MXACCEL_ACCEL_RTL_CONFIG_H

#include <stddef.h>

#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The key: "rows=8 cols=8 ... dram_outstanding=32 desc_slots=512 elem=fp8
 * a=fp8_e4m3 w=fp8_e4m3 round=nearest".
 * @return 0, or -1 when buf is too small
 */
int accel_rtl_config_key(const accel_program *p, char *buf, size_t len);

/**
 * The top's parameters (Verilator -G), space-separated NAME=VALUE: ROWS ...
 * DRAM_OUTSTANDING DESC_SLOTS E_EB E_W A_FMT W_FMT ROUND (not the ROM files).
 * @return 0, or -1 when buf is too small
 */
int accel_rtl_config_params(const accel_program *p, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif
