/**
 * @file cnn_opts.h
 * The format options that `mxaccel infer` and `mxaccel train` share, named
 * after microxcaling's mx_specs keys: --w-elem-format, --a-elem-format,
 * --matmul, --bfloat, --fp, --elem, --block-size, --scale-bits, --round,
 * --profile. Errors are reported with the calling subcommand's name.
 */
#ifndef MXACCEL_CLI_CNN_OPTS_H
#define MXACCEL_CLI_CNN_OPTS_H

#include <stdbool.h>

#include "mxaccel/cnn.h"

/** What the elementwise and matmul options said, before they are combined. */
typedef struct cnn_format_opts {
    int bfloat;    /**< --bfloat N; 0 = not set, as in mx_specs */
    int fp;        /**< --fp N; 0 = not set */
    bool elem_off; /**< the last elementwise option was --fp 0 or --bfloat 0: switched off */
    bool elem_set; /**< --elem given (even as none) */
    bool elem;
    mx_format elem_fmt;
    bool w_given; /**< --w-elem-format given (even as none) */
    bool a_given;
    bool matmul_given;
} cnn_format_opts_t;

/**
 * Match argv[*i] against the format options and apply it to c (the
 * elementwise format waits for cnn_format_opts_combine).
 * @param matched  set when argv[*i] was one of them (*i may advance)
 * @return an exit status (errors reported as "mxaccel <cmd>: ...")
 */
int cnn_format_opt_parse(const char *cmd, int argc, char **argv, int *i, cnn_format_opts_t *fo,
                         mx_cnn_config *c, bool *matched);

/** Checks across options, then the elementwise format from --bfloat, --fp or --elem. */
int cnn_format_opts_combine(const char *cmd, const cnn_format_opts_t *fo, mx_cnn_config *c);

/** An integer option in lo..hi; returns an exit status (errors reported). */
int cli_parse_range(const char *cmd, const char *opt, const char *text, int lo, int hi, int *out);

/** Name of an optional format, or "none" when it is not set. */
const char *infer_format_label(bool set, const mx_format *f);

#endif
