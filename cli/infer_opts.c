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

/** The options that every run over the test set has, in the order of the switch in parse_run_value. */
typedef enum run_opt {
    kOptWeights,
    kOptData,
    kOptLimit,
    kOptThreads,
    kOptJson,
    kRunOptCount,
} run_opt_t;

static const char *const kRunOpts[kRunOptCount] = {
    "--weights", "--data", "--limit", "--threads", "--json",
};

static int parse_run_value(const char *cmd, run_opt_t which, const char *value, infer_opts_t *o)
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
                return cli_error(cmd, kCliExitUsage,
                                 "--limit must be a number of images, got '%.40s'", value);
            }
            o->limit_set = true;
            return kCliExitOk;
        case kOptThreads:
            return cli_parse_range(cmd, "--threads", value, 1, kInferMaxThreads, &o->threads);
        case kOptJson:
            o->json = value;
            return kCliExitOk;
        case kRunOptCount:
            break;
    }
    return kCliExitOk;
}

void infer_opts_defaults(infer_opts_t *o)
{
    *o = (infer_opts_t){
        .weights = MXACCEL_DEFAULT_WEIGHTS,
        .data_dir = MX_DEFAULT_DATA_DIR,
        .threads = cli_online_cpus(kInferMaxThreads),
        .dump_image = -1,
    };
    mx_cnn_config_default(&o->cfg);
}

int infer_run_opt_parse(const char *cmd, int argc, char **argv, int *i, infer_opts_t *o,
                        cnn_format_opts_t *fo, bool *matched)
{
    int status = cnn_format_opt_parse(cmd, argc, argv, i, fo, &o->cfg, matched);
    if (*matched) {
        return status;
    }
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kRunOpts, kRunOptCount, &k, &value);
    *matched = r != kCliOptNoMatch;
    if (r == kCliOptMissingValue) {
        return cli_error(cmd, kCliExitUsage, "option %s needs a value", kRunOpts[k]);
    }
    if (r == kCliOptMatch) {
        return parse_run_value(cmd, (run_opt_t)k, value, o);
    }
    if (strcmp(argv[*i], "--quiet") == 0) {
        o->quiet = true;
        *matched = true;
    }
    return kCliExitOk;
}

/** Parse one option at argv[*i]; returns an exit status (errors reported). */
static int parse_option(int argc, char **argv, int *i, infer_opts_t *o, cnn_format_opts_t *fo)
{
    const char *arg = argv[*i];
    bool matched = false;
    int status = infer_run_opt_parse(kCmd, argc, argv, i, o, fo, &matched);
    if (matched) {
        return status;
    }
    const char *value = NULL;
    static const char *const kDump[] = {"--dump-layers"};
    int k = 0;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kDump, 1, &k, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option --dump-layers needs a value");
    }
    if (r == kCliOptMatch) {
        if (!cli_parse_int(value, &o->dump_image) || o->dump_image < 0) {
            return cli_error(kCmd, kCliExitUsage,
                             "--dump-layers must be an image index (0-based), got '%.40s'", value);
        }
        return kCliExitOk;
    }
    if (strcmp(arg, "--no-stats") == 0) {
        o->no_stats = true;
    } else {
        return cli_bad_argument(kCmd, arg);
    }
    return kCliExitOk;
}

int infer_opts_parse(int argc, char **argv, infer_opts_t *o)
{
    infer_opts_defaults(o);
    if (cli_asks_help(argc, argv)) {
        o->help = true;
        return kCliExitOk;
    }
    cnn_format_opts_t fo = {0};
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(argc, argv, &i, o, &fo);
        if (status != kCliExitOk) {
            return status;
        }
    }
    return cnn_format_opts_combine(kCmd, &fo, &o->cfg);
}
