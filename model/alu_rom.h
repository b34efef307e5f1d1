/**
 * @file alu_rom.h
 * The ALU's ROM files for rtl/mx_alu_rom.v ($readmemh): the exp and the log
 * of every code of an E format, one hex code per line, from the C model's
 * tables (alu_init), so that RTL and model share one table.
 */
#ifndef MXACCEL_MODEL_ALU_ROM_H
#define MXACCEL_MODEL_ALU_ROM_H

#include <stddef.h>

#include "mxaccel/format.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write the exp table of E format e to exp_path and its log table to
 * log_path (files replaced).
 * @return 0, or -1 with a one-line message (a format alu_init refuses, or
 *         the file that could not be written)
 */
int alu_rom_write(const mx_format *e, const char *exp_path, const char *log_path, char *err,
                  size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
