/**
 * @file infer_opts.c
 * Parsing and checking the options of `mxaccel infer` (see infer_opts.h).
 */
#include "infer_opts.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"

#ifndef MXACCEL_DEFAULT_WEIGHTS
#define MXACCEL_DEFAULT_WEIGHTS "weights/seed-fp32-2ep.safetensors"
#endif

static const char kCmd[] = "infer";

/** Options with a value, in the order of the switch in parse_option. */
typedef enum value_opt {
    kOptWeights,
    kOptData,
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
    kOptLimit,
    kOptThreads,
    kOptJson,
    kOptDumpLayers,
    kOptCount,
} value_opt_t;

static const char *const kValueOpts[kOptCount] = {
    "--weights", "--data",    "--w-elem-format", "--a-elem-format", "--matmul", "--bfloat",
    "--fp",      "--elem",    "--block-size",    "--scale-bits",    "--round",  "--profile",
    "--limit",   "--threads", "--json",          "--dump-layers",
};

/** What the elementwise and matmul options said, before they are combined. */
typedef struct format_opts {
    int bfloat;    /**< --bfloat N; 0 = not set, as in mx_specs */
    int fp;        /**< --fp N; 0 = not set */
    bool elem_set; /**< --elem given (even as none) */
    bool elem;
    mx_format elem_fmt;
    bool w_given; /**< --w-elem-format given (even as none) */
    bool a_given;
    bool matmul_given;
} format_opts_t;

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
static int parse_mx_format(const char *opt, const char *text, bool *set, mx_format *f)
{
    if (strcmp(text, "none") == 0) {
        *set = false;
        return kCliExitOk;
    }
    char valid[256];
    mx_element_list(valid, sizeof(valid));
    if (mx_format_from_name(text, f, NULL, 0) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s: unknown format '%.40s' (valid: %s)", opt, text,
                         valid);
    }
    if (!f->mx_element) {
        return cli_error(kCmd, kCliExitUsage,
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

static int parse_elem_name(const char *text, format_opts_t *fo)
{
    fo->elem_set = true;
    if (strcmp(text, "none") == 0) {
        fo->elem = false;
        return kCliExitOk;
    }
    static const char kValid[] = "bfloatN with N 10..32, fpN with N 7..32, none";
    if (mx_format_from_name(text, &fo->elem_fmt, NULL, 0) != 0) {
        return cli_error(kCmd, kCliExitUsage, "--elem: unknown format '%.40s' (valid: %s)", text,
                         kValid);
    }
    if (!is_elementwise(&fo->elem_fmt)) {
        return cli_error(kCmd, kCliExitUsage,
                         "--elem: '%s' is not an elementwise format (valid: %s)", fo->elem_fmt.name,
                         kValid);
    }
    fo->elem = true;
    return kCliExitOk;
}

/** --bfloat N / --fp N: 0 switches it off, as in mx_specs. */
static int parse_width(const char *opt, const char *text, int lo, int hi, int *out)
{
    if (!cli_parse_int(text, out) || (*out != 0 && (*out < lo || *out > hi))) {
        return cli_error(kCmd, kCliExitUsage,
                         "%s must be 0 (off) or an integer in %d..%d, got '%.40s'", opt, lo, hi,
                         text);
    }
    return kCliExitOk;
}

static int parse_range(const char *opt, const char *text, int lo, int hi, int *out)
{
    if (!cli_parse_int(text, out) || *out < lo || *out > hi) {
        return cli_error(kCmd, kCliExitUsage, "%s must be an integer in %d..%d, got '%.40s'", opt,
                         lo, hi, text);
    }
    return kCliExitOk;
}

static int parse_names(const char *opt, const char *text, int ok, const char *(*name_of)(int),
                       int count)
{
    if (ok == 0) {
        return kCliExitOk;
    }
    char names[128] = "";
    for (int i = 0; i < count; ++i) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof(names) - used, "%s%s", i > 0 ? ", " : "", name_of(i));
    }
    return cli_error(kCmd, kCliExitUsage, "unknown %s '%.40s' (valid: %s)", opt, text, names);
}

static const char *profile_name_of(int i)
{
    return mx_profile_name((mx_profile)i);
}

static const char *round_name_of(int i)
{
    return mx_round_name((mx_round)i);
}

static int parse_value(value_opt_t which, const char *value, infer_opts_t *o, format_opts_t *fo)
{
    mx_cnn_config *c = &o->cfg;
    switch (which) {
        case kOptWeights:
            o->weights = value;
            return kCliExitOk;
        case kOptData:
            o->data_dir = value;
            return kCliExitOk;
        case kOptWElem:
            fo->w_given = true;
            return parse_mx_format("--w-elem-format", value, &c->w_mx, &c->w_fmt);
        case kOptAElem:
            fo->a_given = true;
            return parse_mx_format("--a-elem-format", value, &c->a_mx, &c->a_fmt);
        case kOptMatmul: {
            fo->matmul_given = true;
            int status = parse_mx_format("--matmul", value, &c->w_mx, &c->w_fmt);
            c->a_mx = c->w_mx;
            c->a_fmt = c->w_fmt;
            return status;
        }
        case kOptBfloat:
            return parse_width("--bfloat", value, 10, 32, &fo->bfloat);
        case kOptFp:
            return parse_width("--fp", value, 7, 32, &fo->fp);
        case kOptElem:
            return parse_elem_name(value, fo);
        case kOptBlockSize:
            return parse_range("--block-size", value, 1, MX_MAX_BLOCK_SIZE, &c->block_size);
        case kOptScaleBits:
            return parse_range("--scale-bits", value, 1, 8, &c->scale_bits);
        case kOptRound:
            return parse_names("round", value, mx_round_from_name(value, &c->round), round_name_of,
                               MX_ROUND_COUNT);
        case kOptProfile:
            return parse_names("profile", value, mx_profile_from_name(value, &c->profile),
                               profile_name_of, MX_PROFILE_COUNT);
        case kOptLimit:
            // The upper bound is the set's size, checked once it is loaded.
            if (!cli_parse_int(value, &o->limit)) {
                return cli_error(kCmd, kCliExitUsage,
                                 "--limit must be a number of images, got '%.40s'", value);
            }
            o->limit_set = true;
            return kCliExitOk;
        case kOptThreads:
            return parse_range("--threads", value, 1, kInferMaxThreads, &o->threads);
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
static int parse_option(int argc, char **argv, int *i, infer_opts_t *o, format_opts_t *fo)
{
    const char *arg = argv[*i];
    for (int k = 0; k < kOptCount; ++k) {
        const char *value = NULL;
        cli_opt_result_t r = cli_opt_value(argc, argv, i, kValueOpts[k], &value);
        if (r == kCliOptMissingValue) {
            return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kValueOpts[k]);
        }
        if (r == kCliOptMatch) {
            return parse_value((value_opt_t)k, value, o, fo);
        }
    }
    if (strcmp(arg, "--quiet") == 0) {
        o->quiet = true;
    } else if (strcmp(arg, "--no-stats") == 0) {
        o->no_stats = true;
    } else if (arg[0] == '-') {
        return cli_error(kCmd, kCliExitUsage, "unknown option '%.40s' (see mxaccel infer --help)",
                         arg);
    } else {
        return cli_error(kCmd, kCliExitUsage,
                         "unexpected argument '%.40s' (see mxaccel infer --help)", arg);
    }
    return kCliExitOk;
}

/** Checks across options; then the elementwise format from --bfloat, --fp or --elem. */
static int combine_formats(const format_opts_t *fo, mx_cnn_config *c)
{
    if (fo->matmul_given && (fo->w_given || fo->a_given)) {
        return cli_error(kCmd, kCliExitUsage,
                         "--matmul sets both formats; do not combine it with %s",
                         fo->w_given ? "--w-elem-format" : "--a-elem-format");
    }
    if (fo->bfloat > 0 && fo->fp > 0) {
        return cli_error(kCmd, kCliExitUsage, "cannot set both --bfloat and --fp");
    }
    if (fo->elem_set && (fo->bfloat > 0 || fo->fp > 0)) {
        return cli_error(kCmd, kCliExitUsage, "cannot combine --elem with %s",
                         fo->bfloat > 0 ? "--bfloat" : "--fp");
    }
    if (fo->bfloat > 0) {
        c->elem = mx_format_bfloat(fo->bfloat, &c->elem_fmt) == 0;
    } else if (fo->fp > 0) {
        c->elem = mx_format_fp(fo->fp, &c->elem_fmt) == 0;
    } else if (fo->elem) {
        c->elem = true;
        c->elem_fmt = fo->elem_fmt;
    }
    return kCliExitOk;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) {
        return 1;
    }
    return n > kInferMaxThreads ? kInferMaxThreads : (int)n;
}

int infer_opts_parse(int argc, char **argv, infer_opts_t *o)
{
    *o = (infer_opts_t){
        .weights = MXACCEL_DEFAULT_WEIGHTS,
        .data_dir = MX_DEFAULT_DATA_DIR,
        .threads = default_threads(),
        .dump_image = -1,
    };
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            o->help = true;
            return kCliExitOk;
        }
    }
    mx_cnn_config_default(&o->cfg);
    format_opts_t fo = {0};
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(argc, argv, &i, o, &fo);
        if (status != kCliExitOk) {
            return status;
        }
    }
    return combine_formats(&fo, &o->cfg);
}
