/**
 * @file sim_opts.c
 * Parsing the options of `mxaccel sim` (see sim_opts.h).
 */
#include "sim_opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"

static const char kCmd[] = "sim";

const char *sim_engine_name(sim_engine_t e)
{
    return e == SIM_ENGINE_RTL ? "rtl" : "model";
}

/** A hardware parameter option (accel_param_option) with its value, or --hw FILE. */
static int parse_hw(int argc, char **argv, int *i, sim_opts_t *o, bool *matched)
{
    *matched = false;
    size_t n;
    const accel_param_info *t = accel_param_table(&n);
    for (size_t k = 0; k <= n; k++) {
        char opt[64] = "--hw";
        if (k < n) {
            accel_param_option(&t[k], opt, sizeof opt);
        }
        const char *value = NULL;
        const cli_opt_result_t r = cli_opt_value(argc, argv, i, opt, &value);
        if (r == kCliOptNoMatch) {
            continue;
        }
        *matched = true;
        if (r == kCliOptMissingValue) {
            return cli_error(kCmd, kCliExitUsage, "option %s needs a value", opt);
        }
        char err[512];
        if (k == n) {
            if (accel_params_load(value, &o->hw, err, sizeof err) != 0) {
                return cli_error(kCmd, kCliExitUsage, "--hw: %s", err);
            }
        } else if (accel_param_set(&o->hw, t[k].name, value, err, sizeof err) != 0) {
            return cli_error(kCmd, kCliExitUsage, "%s: %s", opt, err);
        }
        return kCliExitOk;
    }
    return kCliExitOk;
}

/** arg is option opt, as "--opt" or "--opt=value" */
static bool is_opt(const char *arg, const char *opt)
{
    const size_t n = strlen(opt);
    return strncmp(arg, opt, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int parse_other(int argc, char **argv, int *i, sim_opts_t *o)
{
    static const char *const kOpts[] = {"--clock-mhz", "--engine", "--emit-program", "--program",
                                        "--rtl-cache"};
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kOpts, 5, &k, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kOpts[k]);
    }
    if (r == kCliOptNoMatch) {
        return cli_bad_argument(kCmd, argv[*i]);
    }
    switch (k) {
        case 0: {
            char *end = NULL;
            o->clock_mhz = strtod(value, &end);
            if (end == value || *end != '\0' || !(o->clock_mhz > 0.0 && o->clock_mhz <= 100000.0)) {
                return cli_error(kCmd, kCliExitUsage,
                                 "--clock-mhz must be a number in (0, 100000], got '%.40s'", value);
            }
            return kCliExitOk;
        }
        case 1:
            if (strcmp(value, "model") == 0) {
                o->engine = SIM_ENGINE_MODEL;
            } else if (strcmp(value, "rtl") == 0) {
                o->engine = SIM_ENGINE_RTL;
            } else {
                return cli_error(kCmd, kCliExitUsage,
                                 "unknown engine '%.40s' (valid: model, rtl)", value);
            }
            return kCliExitOk;
        case 2:
            o->emit_program = value;
            return kCliExitOk;
        case 3:
            o->program = value;
            return kCliExitOk;
        default: {
            struct stat st;
            if (stat(value, &st) == 0 && !S_ISDIR(st.st_mode)) {
                return cli_error(kCmd, kCliExitUsage, "--rtl-cache %s is not a directory", value);
            }
            o->rtl_cache = value;
            return kCliExitOk;
        }
    }
}

int sim_opts_parse(int argc, char **argv, sim_opts_t *o)
{
    memset(o, 0, sizeof *o);
    infer_opts_defaults(&o->run);
    /* the default weights' configuration: matmul fp8_e4m3, elementwise fp8 */
    o->run.cfg.profile = MX_PROFILE_HW;
    o->run.cfg.a_mx = o->run.cfg.w_mx = mx_format_from_name("fp8_e4m3", &o->run.cfg.w_fmt, NULL, 0) == 0;
    o->run.cfg.a_fmt = o->run.cfg.w_fmt;
    o->run.cfg.elem = mx_format_fp(8, &o->run.cfg.elem_fmt) == 0;
    accel_params_default(&o->hw);
    o->clock_mhz = SIM_DEFAULT_CLOCK_MHZ;
    if (cli_asks_help(argc, argv)) {
        o->help = true;
        return kCliExitOk;
    }
    cnn_format_opts_t fo = {0};
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        bool matched = false;
        /* every format option, even at its default, is a configuration (for --program) */
        int status = cnn_format_opt_parse(kCmd, argc, argv, &i, &fo, &o->run.cfg, &matched);
        if (matched && status == kCliExitOk) {
            if (!is_opt(arg, "--profile") && !o->config_option) {
                o->config_option = arg;
            }
        }
        if (!matched) {
            status = infer_run_opt_parse(kCmd, argc, argv, &i, &o->run, &fo, &matched);
        }
        if (!matched) {
            status = parse_hw(argc, argv, &i, o, &matched);
            if (matched && !o->config_option) {
                o->config_option = arg;
            }
        }
        if (!matched && status == kCliExitOk) {
            status = parse_other(argc, argv, &i, o);
        }
        if (status != kCliExitOk) {
            return status;
        }
    }
    if (o->run.cfg.profile != MX_PROFILE_HW) {
        return cli_error(kCmd, kCliExitUsage,
                         "--profile %s: the accelerator computes the hw profile (--profile hw)",
                         mx_profile_name(o->run.cfg.profile));
    }
    if (o->program && o->emit_program) {
        return cli_error(kCmd, kCliExitUsage, "--program runs a compiled program; do not combine it with --emit-program");
    }
    if (o->program && o->config_option) {
        return cli_error(kCmd, kCliExitUsage,
                         "--program carries its own formats and hardware; do not combine it "
                         "with %s",
                         o->config_option);
    }
    return cnn_format_opts_combine(kCmd, &fo, &o->run.cfg);
}
