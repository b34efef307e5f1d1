/**
 * @file sweep_table.h
 * A sweep's results: the markdown table laid out like the seed's (rows
 * matmul formats, columns elementwise formats, "acc5 / acc10" per cell)
 * and a CSV with a row per cell and epoch.
 */
#ifndef MXACCEL_CLI_SWEEP_TABLE_H
#define MXACCEL_CLI_SWEEP_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "sweep_cell.h"
#include "sweep_opts.h"

/** cells: o->n_matmul rows of o->n_elem cells. Unfinished epochs print "-". */
void sweep_table_print(FILE *f, const sweep_opts_t *o, const sweep_cell_t *cells);

/**
 * Write the table to o->table and the CSV to o->csv, each atomically.
 * @return 0, or -1 with a one-line message in err
 */
int sweep_table_save(const sweep_opts_t *o, const sweep_cell_t *cells, char *err, size_t errlen);

#endif
