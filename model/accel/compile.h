/**
 * @file compile.h
 * The compiler: the seed CNN, a format configuration and its weights become
 * a layer program and its DRAM image for given hardware parameters
 * (docs/accelerator.md, "Compiler"). Weights go through the network's
 * quantization points once (Qe, then Qmx along the input axis, as the hw
 * profile does) and are stored as OCP packed MX blocks (mx_pack.h), or as
 * bfloat16 codes for the bfloat16 PE.
 */
#ifndef MXACCEL_ACCEL_COMPILE_H
#define MXACCEL_ACCEL_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "mxaccel/cnn.h"
#include "params.h"
#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Whether the accelerator has this configuration's arithmetic (the hw
 * profile of it): an elementwise format of the ALU, both matmul operands MX
 * element formats of the PE (or both bfloat16), blocks of 32, 8-bit scales.
 * @return 0, or -1 with a one-line message naming what the hardware lacks
 */
int accel_config_check(const mx_cnn_config *cfg, char *err, size_t errlen);

/**
 * Compile for `images` images per run (1..hw->batch).
 * @return 0, or -1 with a one-line message (a configuration the hardware
 *         lacks, a layer that does not fit the buffers, ...)
 */
int accel_compile(const mx_cnn_weights *w, const mx_cnn_config *cfg, const accel_params *hw,
                  uint32_t images, accel_program *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
