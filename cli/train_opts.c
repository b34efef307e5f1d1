/**
 * @file train_opts.c
 * Parsing and checking the options of `mxaccel train` (see train_opts.h).
 */
#include "train_opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"
#include "cnn_opts.h"
#include "mxaccel/train.h"

/** Options with a value besides the format options, in the order of the switch in parse_value. */
typedef enum value_opt {
    kOptData,
    kOptWeights,
    kOptEpochs,
    kOptSeed,
    kOptLr,
    kOptGamma,
    kOptBatchSize,
    kOptThreads,
    kOptLimit,
    kOptJson,
    kOptOut,
    kOptCheckpointDir,
    kOptCount,
} value_opt_t;

static const char *const kValueOpts[kOptCount] = {
    "--data",    "--weights", "--epochs", "--seed", "--lr",  "--gamma",
    "--batch-size", "--threads", "--limit", "--json", "--out", "--checkpoint-dir",
};

/** A whole unsigned decimal 64-bit number. */
static bool parse_u64(const char *text, uint64_t *out)
{
    if (*text < '0' || *text > '9') {
        return false;
    }
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0') {
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

/** A finite positive decimal number. */
static int parse_positive(const char *cmd, const char *opt, const char *text, double *out)
{
    errno = 0;
    char *end = NULL;
    double v = strtod(text, &end);
    bool ok = end != text && *end == '\0' && errno == 0 && isfinite(v) && v > 0.0 &&
              text[0] != ' ' && text[0] != '\t';
    if (!ok) {
        return cli_error(cmd, kCliExitUsage, "%s must be a finite number > 0, got '%.40s'", opt,
                         text);
    }
    *out = v;
    return kCliExitOk;
}

static int parse_value(const char *cmd, value_opt_t which, const char *value, train_opts_t *o)
{
    switch (which) {
        case kOptData:
            o->data_dir = value;
            return kCliExitOk;
        case kOptWeights:
            o->weights = value;
            return kCliExitOk;
        case kOptEpochs:
            return cli_parse_range(cmd, "--epochs", value, 1, kTrainMaxEpochs, &o->epochs);
        case kOptSeed:
            if (!parse_u64(value, &o->seed)) {
                return cli_error(cmd, kCliExitUsage,
                                 "--seed must be an integer in 0..18446744073709551615, got "
                                 "'%.40s'",
                                 value);
            }
            return kCliExitOk;
        case kOptLr:
            return parse_positive(cmd, "--lr", value, &o->lr);
        case kOptGamma:
            return parse_positive(cmd, "--gamma", value, &o->gamma);
        case kOptBatchSize:
            return cli_parse_range(cmd, "--batch-size", value, 1, MX_TRAIN_MAX_BATCH,
                                   &o->batch_size);
        case kOptThreads:
            return cli_parse_range(cmd, "--threads", value, 1, kTrainMaxThreads, &o->threads);
        case kOptLimit:
            // The upper bound is the set's size, checked once it is loaded.
            if (!cli_parse_int(value, &o->limit)) {
                return cli_error(cmd, kCliExitUsage,
                                 "--limit must be a number of images, got '%.40s'", value);
            }
            o->limit_set = true;
            return kCliExitOk;
        case kOptJson:
            o->json = value;
            return kCliExitOk;
        case kOptOut:
            o->out = value;
            return kCliExitOk;
        case kOptCheckpointDir:
            o->checkpoint_dir = value;
            return kCliExitOk;
        case kOptCount:
            break;
    }
    return kCliExitOk;
}

static const char *const kTraceNames[] = {NULL, "nonfinite", "nan", "grad"};

const char *train_trace_name(train_trace_t trace)
{
    return kTraceNames[trace];
}

const char *train_trace_target(train_trace_t trace)
{
    static const char *const targets[] = {NULL, "non-finite value", "NaN",
                                          "non-finite gradient"};
    return targets[trace];
}

/* --trace-<name> to its mode; kTraceOff for any other option. */
static train_trace_t trace_from_flag(const char *arg)
{
    if (strncmp(arg, "--trace-", 8) != 0) {
        return kTraceOff;
    }
    for (int t = kTraceNonfinite; t <= kTraceGrad; t++) {
        if (strcmp(arg + 8, kTraceNames[t]) == 0) {
            return (train_trace_t)t;
        }
    }
    return kTraceOff;
}

/** Parse one option at argv[*i]; returns an exit status (errors reported). */
static int parse_option(const char *cmd, int argc, char **argv, int *i, train_opts_t *o,
                        cnn_format_opts_t *fo)
{
    const char *arg = argv[*i];
    bool matched = false;
    int status = cnn_format_opt_parse(cmd, argc, argv, i, fo, &o->cfg, &matched);
    if (matched) {
        return status;
    }
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kValueOpts, kOptCount, &k, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(cmd, kCliExitUsage, "option %s needs a value", kValueOpts[k]);
    }
    if (r == kCliOptMatch) {
        return parse_value(cmd, (value_opt_t)k, value, o);
    }
    const train_trace_t trace = trace_from_flag(arg);
    if (strcmp(arg, "--resume") == 0) {
        o->resume = true;
    } else if (trace != kTraceOff) {
        if (o->trace != kTraceOff && o->trace != trace) {
            return cli_error(cmd, kCliExitUsage, "%s conflicts with --trace-%s", arg,
                             train_trace_name(o->trace));
        }
        o->trace = trace;
    } else if (strcmp(arg, "--quiet") == 0) {
        o->quiet = true;
    } else if (strcmp(arg, "--no-stats") == 0) {
        o->no_stats = true;
    } else {
        return cli_bad_argument(cmd, arg);
    }
    return kCliExitOk;
}

/** The seed's configuration: fp8_e4m3 matmuls, fp8 elementwise, cuda-kernel. */
static void seed_config(mx_cnn_config *c)
{
    mx_cnn_config_default(c);
    c->profile = MX_PROFILE_CUDA_KERNEL;
    c->w_mx = c->a_mx = mx_format_from_name("fp8_e4m3", &c->w_fmt, NULL, 0) == 0;
    c->a_fmt = c->w_fmt;
    c->elem = mx_format_fp(8, &c->elem_fmt) == 0;
}

int train_opts_parse(const char *cmd, int argc, char **argv, train_opts_t *o)
{
    *o = (train_opts_t){
        .data_dir = MX_DEFAULT_DATA_DIR,
        .epochs = 10,
        .seed = 1,
        .lr = 1.0,
        .gamma = 0.7,
        .batch_size = MX_TRAIN_MAX_BATCH,
        .threads = cli_online_cpus(kTrainMaxThreads),
    };
    if (cli_asks_help(argc, argv)) {
        o->help = true;
        return kCliExitOk;
    }
    seed_config(&o->cfg);
    cnn_format_opts_t fo = {0};
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(cmd, argc, argv, &i, o, &fo);
        if (status != kCliExitOk) {
            return status;
        }
    }
    if (o->resume && o->checkpoint_dir == NULL) {
        return cli_error(cmd, kCliExitUsage, "--resume needs --checkpoint-dir DIR");
    }
    return cnn_format_opts_combine(cmd, &fo, &o->cfg);
}
