/**
 * @file infer_opts.c
 * Parsing and checking the options of `mxaccel infer` (see infer_opts.h).
 */
#include "infer_opts.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"
#include "cnn_opts.h"

#ifndef MXACCEL_DEFAULT_WEIGHTS
#define MXACCEL_DEFAULT_WEIGHTS "weights/mx-fp8_e4m3-fp8-cuda-10ep.safetensors"
#endif

static const char kCmd[] = "infer";

/** Options with a value besides the format options, in the order of the switch in parse_value. */
typedef enum value_opt {
    kOptWeights,
    kOptData,
    kOptLimit,
    kOptThreads,
    kOptJson,
    kOptDumpLayers,
    kOptCount,
} value_opt_t;

static const char *const kValueOpts[kOptCount] = {
    "--weights", "--data", "--limit", "--threads", "--json", "--dump-layers",
};

static int parse_value(value_opt_t which, const char *value, infer_opts_t *o)
{
    switch (which) {
        case kOptWeights:
            o->weights = value;
            return kCliExitOk;
        case kOptData:
            o->data_dir = value;
            return kCliExitOk;
        case kOptLimit:
            // The upper bound is the set's size, checked once it is loaded.
            if (!cli_parse_int(value, &o->limit)) {
                return cli_error(kCmd, kCliExitUsage,
                                 "--limit must be a number of images, got '%.40s'", value);
            }
            o->limit_set = true;
            return kCliExitOk;
        case kOptThreads:
            return cli_parse_range(kCmd, "--threads", value, 1, kInferMaxThreads, &o->threads);
        case kOptJson:
            o->json = value;
            return kCliExitOk;
        case kOptDumpLayers:
            if (!cli_parse_int(value, &o->dump_image) || o->dump_image < 0) {
                return cli_error(kCmd, kCliExitUsage,
                                 "--dump-layers must be an image index (0-based), got '%.40s'",
                                 value);
            }
            return kCliExitOk;
        case kOptCount:
            break;
    }
    return kCliExitOk;
}

/** Parse one option at argv[*i]; returns an exit status (errors reported). */
static int parse_option(int argc, char **argv, int *i, infer_opts_t *o, cnn_format_opts_t *fo)
{
    const char *arg = argv[*i];
    bool matched = false;
    int status = cnn_format_opt_parse(kCmd, argc, argv, i, fo, &o->cfg, &matched);
    if (matched) {
        return status;
    }
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kValueOpts, kOptCount, &k, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kValueOpts[k]);
    }
    if (r == kCliOptMatch) {
        return parse_value((value_opt_t)k, value, o);
    }
    if (strcmp(arg, "--quiet") == 0) {
        o->quiet = true;
    } else if (strcmp(arg, "--no-stats") == 0) {
        o->no_stats = true;
    } else {
        return cli_bad_argument(kCmd, arg);
    }
    return kCliExitOk;
}

int infer_opts_parse(int argc, char **argv, infer_opts_t *o)
{
    *o = (infer_opts_t){
        .weights = MXACCEL_DEFAULT_WEIGHTS,
        .data_dir = MX_DEFAULT_DATA_DIR,
        .threads = cli_online_cpus(kInferMaxThreads),
        .dump_image = -1,
    };
    if (cli_asks_help(argc, argv)) {
        o->help = true;
        return kCliExitOk;
    }
    mx_cnn_config_default(&o->cfg);
    cnn_format_opts_t fo = {0};
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(argc, argv, &i, o, &fo);
        if (status != kCliExitOk) {
            return status;
        }
    }
    return cnn_format_opts_combine(kCmd, &fo, &o->cfg);
}
