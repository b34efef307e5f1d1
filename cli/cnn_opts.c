/**
 * @file cnn_opts.c
 * Parsing the format options shared by infer and train (see cnn_opts.h).
 */
#include "cnn_opts.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"

/** Format options with a value, in the order of the switch in parse_value. */
typedef enum format_opt {
    kOptWElem,
    kOptAElem,
    kOptMatmul,
    kOptBfloat,
    kOptFp,
    kOptElem,
    kOptBlockSize,
    kOptScaleBits,
    kOptRound,
    kOptProfile,
    kOptCount,
} format_opt_t;

static const char *const kFormatOpts[kOptCount] = {
    "--w-elem-format", "--a-elem-format", "--matmul",     "--bfloat", "--fp",
    "--elem",          "--block-size",    "--scale-bits", "--round",  "--profile",
};

const char *infer_format_label(bool set, const mx_format *f)
{
    return set ? f->name : "none";
}

static void mx_element_list(char *dst, size_t len)
{
    size_t count = 0;
    const mx_format *elems = mx_format_mx_elements(&count);
    dst[0] = '\0';
    for (size_t i = 0; i < count; ++i) {
        size_t used = strlen(dst);
        snprintf(dst + used, len - used, "%s ", elems[i].name);
    }
    size_t used = strlen(dst);
    snprintf(dst + used, len - used, "none");
}

/** An MX element format, or "none" (set = false). */
static int parse_mx_format(const char *cmd, const char *opt, const char *text, bool *set,
                           mx_format *f)
{
    if (strcmp(text, "none") == 0) {
        *set = false;
        return kCliExitOk;
    }
    char valid[256];
    mx_element_list(valid, sizeof(valid));
    if (mx_format_from_name(text, f, NULL, 0) != 0) {
        return cli_error(cmd, kCliExitUsage, "%s: unknown format '%.40s' (valid: %s)", opt, text,
                         valid);
    }
    if (!f->mx_element) {
        return cli_error(cmd, kCliExitUsage,
                         "%s: '%s' is an elementwise-only format, not an MX element format "
                         "(valid: %s)",
                         opt, f->name, valid);
    }
    *set = true;
    return kCliExitOk;
}

/** Formats that elementwise quantization accepts: bfloatN and fpN (16 included). */
static bool is_elementwise(const mx_format *f)
{
    return f->id == MX_FMT_BFLOAT_N || f->id == MX_FMT_FP_N || f->id == MX_FMT_FP16 ||
           f->id == MX_FMT_BFLOAT16;
}

static int parse_elem_name(const char *cmd, const char *text, cnn_format_opts_t *fo)
{
    fo->elem_set = true;
    if (strcmp(text, "none") == 0) {
        fo->elem = false;
        return kCliExitOk;
    }
    static const char kValid[] = "bfloatN with N 10..32, fpN with N 7..32, none";
    if (mx_format_from_name(text, &fo->elem_fmt, NULL, 0) != 0) {
        return cli_error(cmd, kCliExitUsage, "--elem: unknown format '%.40s' (valid: %s)", text,
                         kValid);
    }
    if (!is_elementwise(&fo->elem_fmt)) {
        return cli_error(cmd, kCliExitUsage,
                         "--elem: '%s' is not an elementwise format (valid: %s)", fo->elem_fmt.name,
                         kValid);
    }
    fo->elem = true;
    return kCliExitOk;
}

/** --bfloat N / --fp N: 0 switches it off, as in mx_specs. */
static int parse_width(const char *cmd, const char *opt, const char *text, int lo, int hi,
                       int *out)
{
    if (!cli_parse_int(text, out) || (*out != 0 && (*out < lo || *out > hi))) {
        return cli_error(cmd, kCliExitUsage,
                         "%s must be 0 (off) or an integer in %d..%d, got '%.40s'", opt, lo, hi,
                         text);
    }
    return kCliExitOk;
}

int cli_parse_range(const char *cmd, const char *opt, const char *text, int lo, int hi, int *out)
{
    if (!cli_parse_int(text, out) || *out < lo || *out > hi) {
        return cli_error(cmd, kCliExitUsage, "%s must be an integer in %d..%d, got '%.40s'", opt,
                         lo, hi, text);
    }
    return kCliExitOk;
}

static int parse_names(const char *cmd, const char *opt, const char *text, int ok,
                       const char *(*name_of)(int), int count)
{
    if (ok == 0) {
        return kCliExitOk;
    }
    char names[128] = "";
    for (int i = 0; i < count; ++i) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof(names) - used, "%s%s", i > 0 ? ", " : "", name_of(i));
    }
    return cli_error(cmd, kCliExitUsage, "unknown %s '%.40s' (valid: %s)", opt, text, names);
}

static const char *profile_name_of(int i)
{
    return mx_profile_name((mx_profile)i);
}

static const char *round_name_of(int i)
{
    return mx_round_name((mx_round)i);
}

static int parse_value(const char *cmd, format_opt_t which, const char *value,
                       cnn_format_opts_t *fo, mx_cnn_config *c)
{
    switch (which) {
        case kOptWElem:
            fo->w_given = true;
            return parse_mx_format(cmd, "--w-elem-format", value, &c->w_mx, &c->w_fmt);
        case kOptAElem:
            fo->a_given = true;
            return parse_mx_format(cmd, "--a-elem-format", value, &c->a_mx, &c->a_fmt);
        case kOptMatmul: {
            fo->matmul_given = true;
            int status = parse_mx_format(cmd, "--matmul", value, &c->w_mx, &c->w_fmt);
            c->a_mx = c->w_mx;
            c->a_fmt = c->w_fmt;
            return status;
        }
        case kOptBfloat:
        case kOptFp: {
            int *width = which == kOptFp ? &fo->fp : &fo->bfloat;
            const int status = which == kOptFp ? parse_width(cmd, "--fp", value, 7, 32, width)
                                               : parse_width(cmd, "--bfloat", value, 10, 32, width);
            fo->elem_off = *width == 0;
            return status;
        }
        case kOptElem:
            fo->elem_off = false;
            return parse_elem_name(cmd, value, fo);
        case kOptBlockSize:
            return cli_parse_range(cmd, "--block-size", value, 1, MX_MAX_BLOCK_SIZE,
                                   &c->block_size);
        case kOptScaleBits:
            return cli_parse_range(cmd, "--scale-bits", value, 1, 8, &c->scale_bits);
        case kOptRound:
            return parse_names(cmd, "round", value, mx_round_from_name(value, &c->round),
                               round_name_of, MX_ROUND_COUNT);
        case kOptProfile:
            return parse_names(cmd, "profile", value, mx_profile_from_name(value, &c->profile),
                               profile_name_of, MX_PROFILE_COUNT);
        case kOptCount:
            break;
    }
    return kCliExitOk;
}

int cnn_format_opt_parse(const char *cmd, int argc, char **argv, int *i, cnn_format_opts_t *fo,
                         mx_cnn_config *c, bool *matched)
{
    *matched = false;
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kFormatOpts, kOptCount, &k, &value);
    if (r == kCliOptMissingValue) {
        *matched = true;
        return cli_error(cmd, kCliExitUsage, "option %s needs a value", kFormatOpts[k]);
    }
    if (r == kCliOptMatch) {
        *matched = true;
        return parse_value(cmd, (format_opt_t)k, value, fo, c);
    }
    return kCliExitOk;
}

int cnn_format_opts_combine(const char *cmd, const cnn_format_opts_t *fo, mx_cnn_config *c)
{
    if (fo->matmul_given && (fo->w_given || fo->a_given)) {
        return cli_error(cmd, kCliExitUsage,
                         "--matmul sets both formats; do not combine it with %s",
                         fo->w_given ? "--w-elem-format" : "--a-elem-format");
    }
    if (fo->bfloat > 0 && fo->fp > 0) {
        return cli_error(cmd, kCliExitUsage, "cannot set both --bfloat and --fp");
    }
    if (fo->elem_set && (fo->bfloat > 0 || fo->fp > 0)) {
        return cli_error(cmd, kCliExitUsage, "cannot combine --elem with %s",
                         fo->bfloat > 0 ? "--bfloat" : "--fp");
    }
    if (fo->bfloat > 0) {
        c->elem = mx_format_bfloat(fo->bfloat, &c->elem_fmt) == 0;
    } else if (fo->fp > 0) {
        c->elem = mx_format_fp(fo->fp, &c->elem_fmt) == 0;
    } else if (fo->elem_set) {
        c->elem = fo->elem;
        if (fo->elem) {
            c->elem_fmt = fo->elem_fmt;
        }
    } else if (fo->elem_off) {
        c->elem = false; /* over a subcommand's default format (train, sim) */
    }
    return kCliExitOk;
}
