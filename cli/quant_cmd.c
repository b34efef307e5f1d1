/**
 * @file quant_cmd.c
 * `mxaccel quant`: options, their checks, and the help text. The input and
 * output formats are a stable interface that other tools drive.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"
#include "hex_reader.h"
#include "mxaccel/format.h"
#include "mxaccel/quantize.h"
#include "out_buf.h"
#include "quant_run.h"

enum {
    kOutBufBytes = 1 << 20,
    kDefaultBlockSize = 32,
    kDefaultScaleBits = 8,
};

static const char kCmd[] = "quant";

static const char kHelp[] =
    "usage: mxaccel quant --format NAME [options] < words\n"
    "\n"
    "Quantize IEEE fp32 values given as bit patterns. Reads whitespace-separated\n"
    "words from stdin, each exactly 8 hex digits (optional 0x/0X prefix, any case),\n"
    "and writes the quantized fp32 bit patterns as 8 lowercase hex digits.\n"
    "\n"
    "options:\n"
    "  --format NAME      target format (required):\n"
    "                       elementwise: bfloatN (N 10..32), fpN (N 7..32);\n"
    "                       MX element formats: int8 int4 int2 fp8_e5m2 fp8_e4m3\n"
    "                       fp6_e3m2 fp6_e2m3 fp4_e2m1 (fp4) fp16 (float16)\n"
    "                       bfloat16 (bf16); see `mxaccel formats`\n"
    "  --profile P        torch-cpu (default) | cuda-kernel | hw\n"
    "  --round R          nearest (default; ties away from zero) | even | floor\n"
    "                     (toward zero)\n"
    "  --saturate         clamp finite overflow to +-max instead of Inf\n"
    "                     (elementwise only)\n"
    "  --no-denorm        flush the format's subnormals to zero (elementwise only)\n"
    "  --mx               MX block quantization (format must be an MX element format)\n"
    "  --block-size N     MX block size, 1..1024 (default 32; --mx only)\n"
    "  --scale-bits N     bits of the shared E8M0 scale, 1..8 (default 8; --mx only)\n"
    "  --emit values|packed\n"
    "                     values (default): dequantized fp32 words;\n"
    "                     packed (--mx only): OCP packed blocks\n"
    "  -h, --help         show this help\n"
    "\n"
    "Without --mx every word is quantized on its own (an MX element format is then\n"
    "the element quantizer alone, saturating only with --saturate). Output: one\n"
    "word per line.\n"
    "\n"
    "With --mx consecutive words form blocks of --block-size along one axis. An\n"
    "input shorter than the block size is one block; otherwise a partial last block\n"
    "is zero-padded to full size (the padding is not printed). Output: one block\n"
    "per line, words separated by single spaces. With --emit packed each line is\n"
    "the block's bytes in hex, 1 + ceil(n * storage_bits / 8) of them: the E8M0\n"
    "scale byte, then the element codes packed LSB first.\n"
    "\n"
    "Errors are one line on stderr, starting \"mxaccel quant: \"; a bad word is\n"
    "named by its position (counting from 1) and text. Output is buffered and\n"
    "written in whole lines; after an error it stops, so only a prefix of the\n"
    "lines (nothing, for inputs under a megabyte of output) may have been written.\n"
    "\n"
    "exit status:\n"
    "  0  success\n"
    "  1  bad input (malformed word, empty input with --mx) or I/O error\n"
    "  2  bad command line (unknown or missing option or value, value out of range,\n"
    "     option not valid in this mode)\n";

typedef struct quant_opts {
    mx_profile profile;
    mx_round round;
    mx_format format;
    bool have_format;
    bool mx;
    bool saturate;
    bool no_denorm;
    bool packed;
    bool block_size_set;
    bool scale_bits_set;
    int block_size;
    int scale_bits;
} quant_opts_t;

/** "a, b, c" of the profile or rounding names, for error messages. */
static void list_names(char *dst, size_t len, const char *(*name_of)(int), int count)
{
    dst[0] = '\0';
    for (int i = 0; i < count; ++i) {
        size_t used = strlen(dst);
        snprintf(dst + used, len - used, "%s%s", i > 0 ? ", " : "", name_of(i));
    }
}

static const char *profile_name_of(int i)
{
    return mx_profile_name((mx_profile)i);
}

static const char *round_name_of(int i)
{
    return mx_round_name((mx_round)i);
}

static int unknown_format(const char *name)
{
    char valid[512] = "";
    size_t count = 0;
    const mx_format *elems = mx_format_mx_elements(&count);
    for (size_t i = 0; i < count; ++i) {
        size_t used = strlen(valid);
        snprintf(valid + used, sizeof(valid) - used, "%s%s", i > 0 ? ", " : "", elems[i].name);
    }
    return cli_error(kCmd, kCliExitUsage,
                     "unknown format '%.40s' (valid: %s; aliases fp4, float16, bf16; "
                     "bfloatN for N 10..32; fpN for N 7..32)",
                     name, valid);
}

static int parse_range(const char *opt, const char *text, int lo, int hi, int *out)
{
    if (!cli_parse_int(text, out) || *out < lo || *out > hi) {
        return cli_error(kCmd, kCliExitUsage, "%s must be an integer in %d..%d, got '%.40s'", opt,
                         lo, hi, text);
    }
    return kCliExitOk;
}

/** Parse one option at argv[*i]; returns an exit status (errors reported). */
static int parse_option(int argc, char **argv, int *i, quant_opts_t *o)
{
    const char *arg = argv[*i];
    const char *value = NULL;
    static const char *const kValueOpts[] = {"--format",     "--profile",    "--round",
                                             "--block-size", "--scale-bits", "--emit"};
    int which = -1;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kValueOpts,
                                          (int)(sizeof(kValueOpts) / sizeof(kValueOpts[0])),
                                          &which, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kValueOpts[which]);
    }
    if (r == kCliOptNoMatch) {
        which = -1;
    }
    char names[128];
    switch (which) {
        case 0:
            if (mx_format_from_name(value, &o->format, NULL, 0) != 0) {
                return unknown_format(value);
            }
            o->have_format = true;
            return kCliExitOk;
        case 1:
            if (mx_profile_from_name(value, &o->profile) != 0) {
                list_names(names, sizeof(names), profile_name_of, MX_PROFILE_COUNT);
                return cli_error(kCmd, kCliExitUsage, "unknown profile '%.40s' (valid: %s)", value,
                                 names);
            }
            return kCliExitOk;
        case 2:
            if (mx_round_from_name(value, &o->round) != 0) {
                list_names(names, sizeof(names), round_name_of, MX_ROUND_COUNT);
                return cli_error(kCmd, kCliExitUsage, "unknown round '%.40s' (valid: %s)", value,
                                 names);
            }
            return kCliExitOk;
        case 3:
            o->block_size_set = true;
            return parse_range("--block-size", value, 1, MX_MAX_BLOCK_SIZE, &o->block_size);
        case 4:
            o->scale_bits_set = true;
            return parse_range("--scale-bits", value, 1, 8, &o->scale_bits);
        case 5:
            if (strcmp(value, "values") == 0) {
                o->packed = false;
            } else if (strcmp(value, "packed") == 0) {
                o->packed = true;
            } else {
                return cli_error(kCmd, kCliExitUsage,
                                 "unknown --emit '%.40s' (valid: values, packed)", value);
            }
            return kCliExitOk;
        default:
            break;
    }
    if (strcmp(arg, "--mx") == 0) {
        o->mx = true;
    } else if (strcmp(arg, "--saturate") == 0) {
        o->saturate = true;
    } else if (strcmp(arg, "--no-denorm") == 0) {
        o->no_denorm = true;
    } else if (arg[0] == '-') {
        return cli_error(kCmd, kCliExitUsage, "unknown option '%.40s' (see mxaccel quant --help)",
                         arg);
    } else {
        return cli_error(kCmd, kCliExitUsage,
                         "unexpected argument '%.40s' (input is read from stdin)", arg);
    }
    return kCliExitOk;
}

/** Checks that involve several options. */
static int check_options(const quant_opts_t *o)
{
    if (!o->have_format) {
        return cli_error(kCmd, kCliExitUsage, "missing --format (see mxaccel quant --help)");
    }
    if (o->mx) {
        if (o->saturate || o->no_denorm) {
            return cli_error(kCmd, kCliExitUsage,
                             "%s is only for elementwise quantization, not with --mx",
                             o->saturate ? "--saturate" : "--no-denorm");
        }
        if (!o->format.mx_element) {
            return cli_error(kCmd, kCliExitUsage,
                             "format '%s' is elementwise-only; --mx needs an MX element format "
                             "(see mxaccel formats)",
                             o->format.name);
        }
    } else if (o->block_size_set || o->scale_bits_set || o->packed) {
        const char *opt = o->block_size_set   ? "--block-size"
                          : o->scale_bits_set ? "--scale-bits"
                                              : "--emit packed";
        return cli_error(kCmd, kCliExitUsage, "%s only applies with --mx", opt);
    }
    return kCliExitOk;
}

int cli_quant_main(int argc, char **argv)
{
    if (cli_asks_help(argc, argv)) {
        fputs(kHelp, stdout);
        return kCliExitOk;
    }
    quant_opts_t o = {
        .profile = MX_PROFILE_TORCH_CPU,
        .round = MX_ROUND_NEAREST,
        .block_size = kDefaultBlockSize,
        .scale_bits = kDefaultScaleBits,
    };
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(argc, argv, &i, &o);
        if (status != kCliExitOk) {
            return status;
        }
    }
    int status = check_options(&o);
    if (status != kCliExitOk) {
        return status;
    }
    mx_block_spec block = {
        .profile = o.profile,
        .elem = o.format,
        .round = o.round,
        .block_size = o.block_size,
        .scale_bits = o.scale_bits,
    };
    if (o.mx) {
        char err[160] = "";
        if (mx_block_spec_check(&block, err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitUsage, "%s", err);
        }
    }

    hex_reader_t in;
    out_buf_t out;
    if (hex_reader_init(&in, STDIN_FILENO) != 0 ||
        out_buf_init(&out, STDOUT_FILENO, kOutBufBytes) != 0) {
        hex_reader_free(&in);
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    if (o.mx) {
        status = quant_run_mx(&block, o.packed, &in, &out);
    } else {
        mx_elem_spec spec = {
            .profile = o.profile,
            .format = o.format,
            .round = o.round,
            .saturate = o.saturate,
            .denorm = !o.no_denorm,
        };
        status = quant_run_elemwise(&spec, &in, &out);
    }
    // After an error the buffered lines are dropped, not flushed.
    if (status == kCliExitOk && out_buf_flush(&out) != 0) {
        status = cli_error(kCmd, kCliExitInput, "write error: %s", strerror(out.err));
    }
    out_buf_free(&out);
    hex_reader_free(&in);
    return status;
}
