/**
 * @file infer_cmd.c
 * `mxaccel infer`: run the seed CNN over the Fashion-MNIST test set under a
 * format configuration and report accuracy, loss, the confusion matrix and
 * what each quantization point did.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_clock.h"
#include "cli_dataset.h"
#include "cli_report.h"
#include "infer_dump.h"
#include "infer_json.h"
#include "infer_opts.h"
#include "infer_progress.h"
#include "infer_report.h"
#include "infer_tally.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"

static const char kCmd[] = "infer";

static const char kHelp[] =
    "usage: mxaccel infer [options]\n"
    "\n"
    "Run the seed CNN on the Fashion-MNIST test images under a format\n"
    "configuration and report its accuracy. Option names follow microxcaling's\n"
    "mx_specs keys.\n"
    "\n"
    "options:\n"
    "  --weights FILE       safetensors weights (default: the repository's\n"
    "                       weights/mx-fp8_e4m3-fp8-cuda-10ep.safetensors, the seed's\n"
    "                       configuration trained 10 epochs by mxaccel train)\n"
    "  --data DIR           directory with t10k-images-idx3-ubyte[.gz] and\n"
    "                       t10k-labels-idx1-ubyte[.gz]\n"
    "                       (default " MX_DEFAULT_DATA_DIR ")\n"
    "  --w-elem-format F    MX element format of the weights in matmuls, or none\n"
    "  --a-elem-format F    MX element format of the activations in matmuls, or none\n"
    "                       (F: int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3\n"
    "                       fp4_e2m1 fp16 bfloat16)\n"
    "  --matmul F           both of the above (not together with either)\n"
    "  --bfloat N           elementwise bfloatN, N 10..32 (0: off)\n"
    "  --fp N               elementwise fpN, N 7..32 (0: off); not with --bfloat\n"
    "  --elem F             elementwise format by name: bfloatN, fpN or none\n"
    "                       (instead of --bfloat / --fp)\n"
    "  --block-size N       MX block size, 1..1024 (default 32)\n"
    "  --scale-bits N       bits of the shared E8M0 scale, 1..8 (default 8)\n"
    "  --round R            MX rounding: nearest (default; ties away from zero) |\n"
    "                       even | floor (toward zero)\n"
    "  --profile P          torch-cpu (default) | cuda-kernel | hw\n"
    "  --limit N            only the first N test images\n"
    "  --threads T          worker threads, 1..256 (default: online CPUs); the\n"
    "                       results do not depend on it\n"
    "  --json FILE          also write the report as JSON (written atomically):\n"
    "                       accuracy, loss, images, correct, nan_rows, predictions\n"
    "                       (-1 for a NaN row), confusion (per true class: the\n"
    "                       10 predicted classes, then NaN rows), config,\n"
    "                       quant_stats (null with --no-stats), seconds,\n"
    "                       images_per_second, threads, weights, data\n"
    "  --dump-layers I      after the report, print every layer's output for image I\n"
    "                       (0-based): `layer I <name> <shape> <fp32 hex words>`\n"
    "  --quiet              print only the accuracy line\n"
    "  --no-stats           skip the quantization statistics (faster)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Report on stdout: the configuration, accuracy, mean negative log-likelihood,\n"
    "rows whose log-probabilities contain a NaN (they count as wrong), a confusion\n"
    "matrix (rows: true class, columns: predicted class), per quantization point\n"
    "the values quantized and how many saturated, overflowed to Inf, were flushed\n"
    "to zero or became NaN, and the throughput. A progress bar goes to stderr when\n"
    "it is a terminal (not with --quiet). Predictions take the lowest index among\n"
    "equal maxima.\n"
    "\n"
    "Errors are one line on stderr, starting \"mxaccel infer: \".\n"
    "\n"
    "exit status:\n"
    "  0  success\n"
    "  1  bad or missing weights or data files, or an I/O error\n"
    "  2  bad command line (unknown option or format, value out of range,\n"
    "     conflicting options, --limit or --dump-layers beyond the test set)\n";

/** Everything a run owns, released in one place. */
typedef struct infer_state {
    bool have_data;
    mx_dataset data;
    bool have_weights;
    mx_cnn_weights weights;
    mx_cnn *net;
    float *logprobs;
    mx_cnn_stats *stats;
    infer_tally_t tally;
} infer_state_t;

static void state_free(infer_state_t *s)
{
    infer_tally_free(&s->tally);
    free(s->stats);
    free(s->logprobs);
    // The library's free functions are only promised what it handed out.
    if (s->net != NULL) {
        mx_cnn_destroy(s->net);
    }
    if (s->have_weights) {
        mx_cnn_weights_free(&s->weights);
    }
    if (s->have_data) {
        mx_dataset_free(&s->data);
    }
}

/** The number of images to run in *n; returns an exit status (errors reported). */
static int check_counts(const infer_opts_t *o, const mx_dataset *ds, size_t *n)
{
    int status = cli_dataset_check(kCmd, o->data_dir, "test", ds, o->limit_set, o->limit, n);
    if (status != kCliExitOk) {
        return status;
    }
    if (o->dump_image >= 0 && (size_t)o->dump_image >= *n) {
        return cli_error(kCmd, kCliExitUsage,
                         "--dump-layers %d is out of range: the run has %zu images (0..%zu)",
                         o->dump_image, *n, *n - 1);
    }
    return kCliExitOk;
}

/** Load the data and weights and build the network. */
static int prepare(const infer_opts_t *o, infer_state_t *s, size_t *n)
{
    char err[512] = "";
    if (mx_cnn_config_check(&o->cfg, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s", err);
    }
    if (mx_dataset_load(o->data_dir, 0, &s->data, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_data = true;
    int status = check_counts(o, &s->data, n);
    if (status != kCliExitOk) {
        return status;
    }
    if (mx_cnn_weights_load(o->weights, &s->weights, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_weights = true;
    s->net = mx_cnn_create(&s->weights, &o->cfg, err, sizeof(err));
    if (s->net == NULL) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** Run n images and tally the results; returns the wall time in *seconds. */
static int run(const infer_opts_t *o, infer_state_t *s, size_t n, double *seconds)
{
    s->logprobs = malloc(n * MX_CNN_CLASSES * sizeof(float));
    s->stats = o->no_stats ? NULL : calloc(1, sizeof(*s->stats));
    if (s->logprobs == NULL || (!o->no_stats && s->stats == NULL)) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    infer_progress_t progress;
    infer_progress_init(&progress, !o->quiet);
    double start = cli_now_seconds();
    mx_cnn_infer(s->net, s->data.images, n, o->threads, s->logprobs, s->stats,
                 infer_progress_update, &progress);
    *seconds = cli_now_seconds() - start;
    infer_progress_finish(&progress);
    if (infer_tally_init(&s->tally, s->logprobs, s->data.labels, n) != 0) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    return kCliExitOk;
}

/** JSON first: if it cannot be written, stdout stays empty. */
static int report(const infer_opts_t *o, const infer_state_t *s, double seconds)
{
    if (o->json != NULL) {
        char err[512] = "";
        if (infer_json_write(o, &s->tally, s->stats, seconds, err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
    }
    infer_report_print(stdout, o, &s->tally, s->stats, seconds);
    if (o->dump_image >= 0) {
        const uint8_t *image = s->data.images + (size_t)o->dump_image * MX_CNN_IMAGE_PIXELS;
        if (infer_dump_layers(stdout, s->net, image, o->dump_image) != 0) {
            return cli_error(kCmd, kCliExitInput, "out of memory");
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return cli_error(kCmd, kCliExitInput, "write error on stdout");
    }
    return kCliExitOk;
}

int cli_infer_main(int argc, char **argv)
{
    infer_opts_t o;
    int status = infer_opts_parse(argc, argv, &o);
    if (status != kCliExitOk) {
        return status;
    }
    if (o.help) {
        fputs(kHelp, stdout);
        return kCliExitOk;
    }
    infer_state_t s;
    memset(&s, 0, sizeof(s));
    size_t n = 0;
    double seconds = 0.0;
    status = prepare(&o, &s, &n);
    if (status == kCliExitOk) {
        status = run(&o, &s, n, &seconds);
    }
    if (status == kCliExitOk) {
        status = report(&o, &s, seconds);
    }
    state_free(&s);
    return status;
}
