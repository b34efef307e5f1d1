/**
 * @file infer_dump.h
 * `mxaccel infer --dump-layers I`: every layer's output for one image, in the
 * layout of the reference files, so the two can be compared line by line.
 */
#ifndef MXACCEL_CLI_INFER_DUMP_H
#define MXACCEL_CLI_INFER_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "mxaccel/cnn.h"

/**
 * Print one line per layer: `layer <index> <name> <shape> <values>`, the
 * values as 8-digit lowercase hex fp32 bit patterns.
 * @param image the image's MX_CNN_IMAGE_PIXELS bytes
 * @return 0, or -1 when out of memory
 */
int infer_dump_layers(FILE *out, const mx_cnn *net, const uint8_t *image, int index);

#endif
