/**
 * @file sweep_opts.c
 * Parsing and checking the options of `mxaccel sweep` (see sweep_opts.h).
 */
#include "sweep_opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_path.h"
#include "cli_report.h"
#include "cnn_opts.h"

static const char kCmd[] = "sweep";

/** The seed's grid. */
static const char *const kDefaultMatmul[] = {"int2", "int8", "fp8_e4m3", "fp8_e5m2", "bfloat16"};
static const char *const kDefaultElem[] = {"bfloat16", "fp16", "fp12", "fp10", "fp8"};

/** The sweep's own options with a value, in the order of the switch in parse_own. */
typedef enum own_opt {
    kOptMatmul,
    kOptElem,
    kOptDir,
    kOptJobs,
    kOptThreads,
    kOptTable,
    kOptCsv,
    kOptTableEpochs,
    kOptCount,
} own_opt_t;

static const char *const kOwnOpts[kOptCount] = {
    "--matmul", "--elem", "--dir", "--jobs", "--threads", "--table", "--csv", "--table-epochs",
};

/** Training options with a value that every cell gets as given. */
static const char *const kPassOnValue[] = {
    "--profile", "--epochs",     "--seed",       "--lr",    "--gamma", "--batch-size",
    "--limit",   "--data",       "--block-size", "--scale-bits", "--round", "--weights",
};
static const char *const kPassOnFlags[] = {"--trace-nonfinite", "--trace-nan", "--trace-grad",
                                           "--no-stats"};

/** Training options the sweep sets itself, and what to use instead. */
static const struct {
    const char *name;
    const char *instead;
} kRefused[] = {
    {"--json", "the sweep writes DIR/<cell>/train.json"},
    {"--out", "the sweep writes DIR/<cell>/weights.safetensors"},
    {"--checkpoint-dir", "each cell checkpoints in DIR/<cell>"},
    {"--resume", "a sweep always resumes"},
    {"--quiet", "cell output goes to DIR/<cell>/train.log"},
    {"--w-elem-format", "use the --matmul list"},
    {"--a-elem-format", "use the --matmul list"},
    {"--bfloat", "use the --elem list"},
    {"--fp", "use the --elem list"},
};

#define COUNT_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/** Split a comma-separated list in place into names; duplicates and empties refused. */
static int split_list(const char *opt, char *text, const char **names, int *count)
{
    *count = 0;
    for (char *p = text;;) {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        if (*p == '\0') {
            return cli_error(kCmd, kCliExitUsage, "%s: empty name in the list", opt);
        }
        for (int i = 0; i < *count; ++i) {
            if (strcmp(names[i], p) == 0) {
                return cli_error(kCmd, kCliExitUsage, "%s lists '%.40s' twice", opt, p);
            }
        }
        if (*count == kSweepMaxAxis) {
            return cli_error(kCmd, kCliExitUsage, "%s: more than %d formats", opt, kSweepMaxAxis);
        }
        names[(*count)++] = p;
        if (comma == NULL) {
            return kCliExitOk;
        }
        p = comma + 1;
    }
}

static int parse_list(const char *opt, const char *value, char **storage, const char **names,
                      int *count)
{
    free(*storage);
    *storage = strdup(value);
    if (*storage == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    return split_list(opt, *storage, names, count);
}

static int parse_table_epochs(const char *value, sweep_opts_t *o)
{
    char text[128];
    if (strlen(value) >= sizeof(text)) {
        return cli_error(kCmd, kCliExitUsage, "--table-epochs: list too long");
    }
    snprintf(text, sizeof(text), "%s", value);
    o->n_table_epochs = 0;
    for (char *save = NULL, *tok = strtok_r(text, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        if (o->n_table_epochs == kSweepMaxTableEpochs) {
            return cli_error(kCmd, kCliExitUsage, "--table-epochs: at most %d epochs",
                             kSweepMaxTableEpochs);
        }
        int status = cli_parse_range(kCmd, "--table-epochs", tok, 1, kTrainMaxEpochs,
                                     &o->table_epochs[o->n_table_epochs]);
        if (status != kCliExitOk) {
            return status;
        }
        o->n_table_epochs++;
    }
    if (o->n_table_epochs == 0) {
        return cli_error(kCmd, kCliExitUsage, "--table-epochs needs at least one epoch");
    }
    return kCliExitOk;
}

static int parse_own(own_opt_t which, const char *value, sweep_opts_t *o)
{
    switch (which) {
        case kOptMatmul:
            return parse_list("--matmul", value, &o->matmul_text, o->matmul, &o->n_matmul);
        case kOptElem:
            return parse_list("--elem", value, &o->elem_text, o->elem, &o->n_elem);
        case kOptDir:
            o->dir = value;
            return kCliExitOk;
        case kOptJobs:
            return cli_parse_range(kCmd, "--jobs", value, 1, kSweepMaxJobs, &o->jobs);
        case kOptThreads:
            return cli_parse_range(kCmd, "--threads", value, 1, kTrainMaxThreads, &o->threads);
        case kOptTable:
            o->table = value;
            return kCliExitOk;
        case kOptCsv:
            o->csv = value;
            return kCliExitOk;
        case kOptTableEpochs:
            return parse_table_epochs(value, o);
        case kOptCount:
            break;
    }
    return kCliExitOk;
}

static int pass_on(sweep_opts_t *o, const char *word)
{
    if (o->n_pass_on == kSweepMaxPassOn) {
        return cli_error(kCmd, kCliExitUsage, "too many training options");
    }
    o->pass_on[o->n_pass_on++] = word;
    return kCliExitOk;
}

/** Training options: kept to be passed on, checked later with train's parser. */
static int parse_training(int argc, char **argv, int *i, sweep_opts_t *o, bool *matched)
{
    const char *arg = argv[*i];
    int k = 0;
    const char *value = NULL;
    *matched = true;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kPassOnValue, COUNT_OF(kPassOnValue), &k,
                                          &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kPassOnValue[k]);
    }
    if (r == kCliOptMatch) {
        // Passed on in the two-word form, whichever form was given.
        int status = pass_on(o, kPassOnValue[k]);
        return status == kCliExitOk ? pass_on(o, value) : status;
    }
    for (k = 0; k < COUNT_OF(kPassOnFlags); ++k) {
        if (strcmp(arg, kPassOnFlags[k]) == 0) {
            return pass_on(o, arg);
        }
    }
    for (k = 0; k < COUNT_OF(kRefused); ++k) {
        size_t n = strlen(kRefused[k].name);
        if (strncmp(arg, kRefused[k].name, n) == 0 && (arg[n] == '\0' || arg[n] == '=')) {
            return cli_error(kCmd, kCliExitUsage, "%s is not a sweep option: %s",
                             kRefused[k].name, kRefused[k].instead);
        }
    }
    *matched = false;
    return kCliExitOk;
}

static int parse_option(int argc, char **argv, int *i, sweep_opts_t *o)
{
    const char *arg = argv[*i];
    int k = 0;
    const char *value = NULL;
    cli_opt_result_t r = cli_opt_value_in(argc, argv, i, kOwnOpts, kOptCount, &k, &value);
    if (r == kCliOptMissingValue) {
        return cli_error(kCmd, kCliExitUsage, "option %s needs a value", kOwnOpts[k]);
    }
    if (r == kCliOptMatch) {
        return parse_own((own_opt_t)k, value, o);
    }
    bool matched = false;
    int status = parse_training(argc, argv, i, o, &matched);
    if (matched) {
        return status;
    }
    return cli_bad_argument(kCmd, arg);
}

int sweep_cell_argv(const sweep_opts_t *o, const char *matmul, const char *elem,
                    const char *threads, const char *cell_dir, const char *json, const char *out,
                    char **words)
{
    int n = 0;
    // train's parser takes argv as char **; it never writes through it.
    words[n++] = (char *)"train";
    words[n++] = (char *)"--matmul";
    words[n++] = (char *)matmul;
    words[n++] = (char *)"--elem";
    words[n++] = (char *)elem;
    for (int i = 0; i < o->n_pass_on; ++i) {
        words[n++] = (char *)o->pass_on[i];
    }
    const char *tail[] = {"--threads", threads, "--checkpoint-dir", cell_dir, "--json", json,
                          "--out",     out,     "--resume",         "--quiet"};
    for (int i = 0; i < COUNT_OF(tail); ++i) {
        words[n++] = (char *)tail[i];
    }
    words[n] = NULL;
    return n;
}

/** Every cell's options through train's parser and the configuration check. */
static int check_cells(sweep_opts_t *o)
{
    o->cells = calloc((size_t)(o->n_matmul * o->n_elem), sizeof(*o->cells));
    if (o->cells == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    char *words[kSweepCellArgv];
    char threads[16];
    snprintf(threads, sizeof(threads), "%d", o->threads);
    for (int m = 0; m < o->n_matmul; ++m) {
        for (int e = 0; e < o->n_elem; ++e) {
            int n = sweep_cell_argv(o, o->matmul[m], o->elem[e], threads, "cell", "cell.json",
                                    "cell.safetensors", words);
            train_opts_t *t = &o->cells[m * o->n_elem + e];
            int status = train_opts_parse(kCmd, n, words, t);
            if (status != kCliExitOk) {
                return status;
            }
            char err[512] = "";
            if (mx_cnn_config_check(&t->cfg, err, sizeof(err)) != 0) {
                return cli_error(kCmd, kCliExitUsage, "cell %s x %s: %s", o->matmul[m],
                                 o->elem[e], err);
            }
        }
    }
    o->train = o->cells[0];
    return kCliExitOk;
}

/** The seed's epochs 5 / 10 where the run has them, else its last epoch. */
static int default_table_epochs(sweep_opts_t *o)
{
    const int last = o->train.epochs;
    o->n_table_epochs = 0;
    if (last > 5) {
        o->table_epochs[o->n_table_epochs++] = 5;
    }
    o->table_epochs[o->n_table_epochs++] = last < 10 ? last : 10;
    return kCliExitOk;
}

static int check_table_epochs(sweep_opts_t *o)
{
    if (o->n_table_epochs == 0) {
        return default_table_epochs(o);
    }
    for (int i = 0; i < o->n_table_epochs; ++i) {
        if (o->table_epochs[i] > o->train.epochs) {
            return cli_error(kCmd, kCliExitUsage, "--table-epochs: epoch %d is beyond --epochs %d",
                             o->table_epochs[i], o->train.epochs);
        }
    }
    return kCliExitOk;
}

static int default_outputs(sweep_opts_t *o)
{
    if (o->table == NULL) {
        o->table = o->table_default = cli_path_join(o->dir, "table.md");
    }
    if (o->csv == NULL) {
        o->csv = o->csv_default = cli_path_join(o->dir, "results.csv");
    }
    if (o->table == NULL || o->csv == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    return kCliExitOk;
}

int sweep_opts_parse(int argc, char **argv, sweep_opts_t *o)
{
    memset(o, 0, sizeof(*o));
    o->dir = "sweep";
    o->jobs = 1;
    if (cli_asks_help(argc, argv)) {
        o->help = true;
        return kCliExitOk;
    }
    for (int i = 1; i < argc; ++i) {
        int status = parse_option(argc, argv, &i, o);
        if (status != kCliExitOk) {
            return status;
        }
    }
    if (o->n_matmul == 0) {
        o->n_matmul = COUNT_OF(kDefaultMatmul);
        memcpy(o->matmul, kDefaultMatmul, sizeof(kDefaultMatmul));
    }
    if (o->n_elem == 0) {
        o->n_elem = COUNT_OF(kDefaultElem);
        memcpy(o->elem, kDefaultElem, sizeof(kDefaultElem));
    }
    if (o->threads == 0) {
        int share = cli_online_cpus(kTrainMaxThreads) / o->jobs;
        o->threads = share < 1 ? 1 : share;
    }
    int status = check_cells(o);
    if (status == kCliExitOk) {
        status = check_table_epochs(o);
    }
    if (status == kCliExitOk) {
        status = default_outputs(o);
    }
    return status;
}

void sweep_opts_free(sweep_opts_t *o)
{
    free(o->cells);
    free(o->matmul_text);
    free(o->elem_text);
    free(o->table_default);
    free(o->csv_default);
}
