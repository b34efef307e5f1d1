/**
 * @file sim_opts.c
 * Parsing the options of `mxaccel sim` (see sim_opts.h).
 */
#include "sim_opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"

static const char kCmd[] = "sim";

/** A hardware parameter option --<name with dashes> VALUE, or --hw FILE (also --name=VALUE). */
static int parse_hw(int argc, char **argv, int *i, sim_opts_t *o, bool *matched)
{
    const char *arg = argv[*i];
    *matched = false;
    if (strncmp(arg, "--", 2) != 0) {
        return kCliExitOk;
    }
    char name[64];
    const char *eq = strchr(arg, '=');
    const size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    if (len >= sizeof name) {
        return kCliExitOk;
    }
    memcpy(name, arg, len);
    name[len] = '\0';
    const bool file = strcmp(name, "--hw") == 0;
    const accel_param_info *info = file ? NULL : accel_param_find(name + 2);
    if (!file && !info) {
        return kCliExitOk;
    }
    *matched = true;
    const char *value = eq ? eq + 1 : NULL;
    if (!value) {
        /* as cli_opt_value: a following "--option" is a forgotten value */
        if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0) {
            return cli_error(kCmd, kCliExitUsage, "option %s needs a value", name);
        }
        value = argv[++*i];
    }
    char err[512];
    if (file) {
        if (accel_params_load(value, &o->hw, err, sizeof err) != 0) {
            return cli_error(kCmd, kCliExitUsage, "--hw: %s", err);
        }
    } else if (accel_param_set(&o->hw, info->name, value, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s: %s", name, err);
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
    static const char *const kOpts[] = {"--clock-mhz", "--engine", "--emit-program", "--program"};
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kOpts, 4, &k, &value);
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
            if (strcmp(value, "model") != 0) {
                return cli_error(kCmd, kCliExitUsage, "unknown engine '%.40s' (valid: model)",
                                 value);
            }
            return kCliExitOk;
        case 2:
            o->emit_program = value;
            return kCliExitOk;
        default:
            o->program = value;
            return kCliExitOk;
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
    bool elem_off = false; /* the last --fp or --bfloat was 0: no elementwise format */
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        bool matched = false;
        /* every format option, even at its default, is a configuration (for --program) */
        int status = cnn_format_opt_parse(kCmd, argc, argv, &i, &fo, &o->run.cfg, &matched);
        if (matched && status == kCliExitOk) {
            if (!is_opt(arg, "--profile") && !o->config_option) {
                o->config_option = arg;
            }
            if (is_opt(arg, "--fp")) {
                elem_off = fo.fp == 0;
            } else if (is_opt(arg, "--bfloat")) {
                elem_off = fo.bfloat == 0;
            } else if (is_opt(arg, "--elem")) {
                elem_off = false;
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
    const int status = cnn_format_opts_combine(kCmd, &fo, &o->run.cfg);
    /* --fp 0 / --bfloat 0 switch the elementwise format off, as in infer
     * (where it is off by default), not back to sim's default fp8 */
    if (status == kCliExitOk && elem_off && fo.fp == 0 && fo.bfloat == 0 && !fo.elem_set) {
        o->run.cfg.elem = false;
    }
    return status;
}
