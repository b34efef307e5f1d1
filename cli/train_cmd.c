/**
 * @file train_cmd.c
 * `mxaccel train`: quantization-aware training of the seed CNN on the
 * Fashion-MNIST training set (include/mxaccel/train.h), the test accuracy
 * after every epoch, checkpoints, resume, and the final weights.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "cli.h"
#include "cli_clock.h"
#include "cli_dataset.h"
#include "cli_path.h"
#include "cli_report.h"
#include "cnn_opts.h"
#include "infer_progress.h"
#include "infer_tally.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "mxaccel/train.h"
#include "train_ckpt.h"
#include "train_json.h"
#include "train_opts.h"

static const char kCmd[] = "train";

static const char kHelp[] =
    "usage: mxaccel train [options]\n"
    "\n"
    "Train the seed CNN on the Fashion-MNIST training images with the seed's recipe\n"
    "(Adadelta, StepLR, dropout, NLL loss; docs/training.md) and microxcaling's\n"
    "quantization points, forward and backward, and report the test accuracy after\n"
    "every epoch. Format options as in `mxaccel infer`; the default is the seed's\n"
    "configuration: fp8_e4m3 matmuls, fp8 elementwise, cuda-kernel.\n"
    "\n"
    "options:\n"
    "  --w-elem-format F    MX element format of the weights in matmuls, or none\n"
    "  --a-elem-format F    MX element format of the activations in matmuls, or none\n"
    "                       (F: int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3\n"
    "                       fp4_e2m1 fp16 bfloat16)\n"
    "  --matmul F           both of the above (not together with either; default\n"
    "                       fp8_e4m3)\n"
    "  --bfloat N           elementwise bfloatN, N 10..32\n"
    "  --fp N               elementwise fpN, N 7..32 (default 8); not with --bfloat\n"
    "  --elem F             elementwise format by name: bfloatN, fpN or none\n"
    "                       (instead of --bfloat / --fp)\n"
    "  --block-size N       MX block size, 1..1024 (default 32)\n"
    "  --scale-bits N       bits of the shared E8M0 scale, 1..8 (default 8)\n"
    "  --round R            MX rounding: nearest (default; ties away from zero) |\n"
    "                       even | floor (toward zero)\n"
    "  --profile P          torch-cpu | cuda-kernel (default) | hw\n"
    "  --epochs N           epochs of the whole run, 1..10000 (default 10)\n"
    "  --seed S             initial weights, shuffles and dropout masks (default 1)\n"
    "  --lr X               learning rate of the first epoch (default 1.0)\n"
    "  --gamma X            StepLR factor per epoch (default 0.7)\n"
    "  --batch-size N       1..64 (default 64)\n"
    "  --threads T          worker threads, 1..256 (default: online CPUs); the\n"
    "                       results do not depend on it\n"
    "  --limit N            train on the first N training images only\n"
    "  --data DIR           directory with the IDX training and test sets\n"
    "                       (train-* and t10k-*, .gz or not; default\n"
    "                       " MX_DEFAULT_DATA_DIR ")\n"
    "  --weights FILE       starting weights (safetensors) instead of PyTorch's\n"
    "                       default initialization drawn from --seed\n"
    "  --out FILE           write the final weights as safetensors (atomically)\n"
    "  --json FILE          write the report as JSON, after every epoch (atomically):\n"
    "                       config, train (the run's parameters), epochs (per epoch:\n"
    "                       epoch, lr, accuracy, loss, test_loss, correct,\n"
    "                       test_images, test_nan_rows, accuracy_torch and\n"
    "                       correct_torch (scored as torch.argmax does: a row with\n"
    "                       a NaN predicts its first NaN, as the seed's script\n"
    "                       counted), batches,\n"
    "                       nonfinite_loss_batches, nonfinite_grad_batches,\n"
    "                       nonfinite_weights, quant_stats, seconds, eval_seconds),\n"
    "                       nonfinite (the trace, or null), out\n"
    "  --checkpoint-dir DIR after every epoch, write DIR/" TRAIN_CKPT_NAME "\n"
    "                       (atomically; DIR is created if missing): weights,\n"
    "                       optimizer state, epoch (the RNG's state) and the\n"
    "                       results so far\n"
    "  --resume             continue from DIR/" TRAIN_CKPT_NAME " if present (the\n"
    "                       same options are needed, --epochs aside); the result\n"
    "                       has the same bits as an uninterrupted run\n"
    "  --trace-nonfinite    stop at the first non-finite value of the forward or\n"
    "                       backward pass and print it (slower)\n"
    "  --trace-nan          the same for the first NaN: infinities do not stop it\n"
    "  --trace-grad         the same for the first non-finite gradient: the forward\n"
    "                       and log's backward g/0 (met by the same p = 0 in\n"
    "                       softmax's backward) do not stop it; g/p overflowing\n"
    "                       for p != 0 does\n"
    "  --quiet              print only the epoch lines\n"
    "  --no-stats           skip the quantization statistics (faster)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Report on stdout: the configuration, the run's parameters, then one line per\n"
    "epoch (counted from 1): learning rate, mean training loss over the batches\n"
    "whose loss is finite, accuracy and mean negative log-likelihood on the 10k\n"
    "test images, batches whose loss or whose gradients were non-finite, wall\n"
    "seconds of training and of the evaluation. --resume says whether it found a\n"
    "checkpoint. Without --resume an existing checkpoint is an error, not\n"
    "overwritten. Outputs are checked to be writable before training starts.\n"
    "A progress bar (training images, then test images) goes to stderr when it\n"
    "is a terminal (not with --quiet).\n"
    "\n"
    "--trace-nonfinite prints one line\n"
    "  nonfinite epoch=E batch=B image=I op=OP tensor=T index=K inputs=H[,H] output=H\n"
    "(B and I 0-based within the epoch and the batch, I -1 for batch-wide tensors,\n"
    "K the element of T, H fp32 bit patterns; inputs=none for reductions), and the\n"
    "run ends with status 1 before that batch's optimizer step; no checkpoint and\n"
    "no --out are written for the unfinished epoch.\n"
    "\n"
    "Errors are one line on stderr, starting \"mxaccel train: \".\n"
    "\n"
    "exit status:\n"
    "  0  success\n"
    "  1  bad or missing data, weights or checkpoint files (truncated, corrupt,\n"
    "     from another configuration), unwritable outputs, a non-finite value\n"
    "     with --trace-nonfinite, or an I/O error\n"
    "  2  bad command line (unknown option or format, value out of range,\n"
    "     conflicting options, --limit beyond the training set, a checkpoint\n"
    "     present without --resume or with more epochs than --epochs)\n";

/** Everything a run owns, released in one place. */
typedef struct train_state {
    bool have_train, have_test, have_init;
    mx_dataset train, test;
    mx_cnn_weights init;
    mx_trainer *t;
    size_t images;     /**< training images per epoch */
    char *ckpt_path;   /**< NULL without --checkpoint-dir */
    train_result_t *results;
    int count;         /**< epochs done (results held) */
    int resumed_from;
    float *logprobs;   /**< [test images][10] */
    train_fingerprint_t fp;
    infer_progress_t progress; /**< the bar of the training pass or evaluation running */
} train_state_t;

static void state_free(train_state_t *s)
{
    free(s->logprobs);
    free(s->results);
    free(s->ckpt_path);
    if (s->t != NULL) {
        mx_trainer_destroy(s->t);
    }
    if (s->have_init) {
        mx_cnn_weights_free(&s->init);
    }
    if (s->have_test) {
        mx_dataset_free(&s->test);
    }
    if (s->have_train) {
        mx_dataset_free(&s->train);
    }
}

/** Load both sets and check --limit against the training set. */
static int load_data(const train_opts_t *o, train_state_t *s)
{
    char err[512] = "";
    if (mx_dataset_load(o->data_dir, 1, &s->train, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_train = true;
    if (mx_dataset_load(o->data_dir, 0, &s->test, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_test = true;
    size_t test_images = 0;
    int status = cli_dataset_check(kCmd, o->data_dir, "training", &s->train, o->limit_set,
                                   o->limit, &s->images);
    if (status == kCliExitOk) {
        status = cli_dataset_check(kCmd, o->data_dir, "test", &s->test, false, 0, &test_images);
    }
    return status;
}

/** --checkpoint-dir: created when missing; its checkpoint's path in s->ckpt_path. */
static int prepare_checkpoint_dir(const train_opts_t *o, train_state_t *s)
{
    char err[512] = "";
    if (cli_ensure_dir(o->checkpoint_dir, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "--checkpoint-dir: %s", err);
    }
    s->ckpt_path = cli_path_join(o->checkpoint_dir, TRAIN_CKPT_NAME);
    if (s->ckpt_path == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    return kCliExitOk;
}

/** Every output can be replaced: checked before any training, nothing written. */
static int probe_outputs(const train_opts_t *o, train_state_t *s)
{
    char err[512] = "";
    const char *paths[] = {o->json, o->out};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); ++i) {
        if (paths[i] != NULL && atomic_file_probe(paths[i], err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
    }
    if (o->checkpoint_dir != NULL) {
        int status = prepare_checkpoint_dir(o, s);
        if (status != kCliExitOk) {
            return status;
        }
        if (atomic_file_probe(s->ckpt_path, err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
    }
    return kCliExitOk;
}

static int create_trainer(const train_opts_t *o, train_state_t *s)
{
    char err[512] = "";
    if (o->weights != NULL) {
        if (mx_cnn_weights_load(o->weights, &s->init, err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
        s->have_init = true;
    }
    mx_train_options opt;
    mx_train_options_default(&opt);
    opt.seed = o->seed;
    opt.batch_size = o->batch_size;
    opt.trace_nonfinite = o->trace != kTraceOff;
    opt.trace_nan_only = o->trace == kTraceNan;
    opt.trace_grad_only = o->trace == kTraceGrad;
    opt.stop_on_nonfinite = o->trace != kTraceOff;
    opt.collect_stats = !o->no_stats;
    opt.progress = infer_progress_update;
    opt.progress_ctx = &s->progress;
    s->t = mx_trainer_create(&o->cfg, &opt, s->have_init ? &s->init : NULL, err, sizeof(err));
    if (s->t == NULL) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->fp = (train_fingerprint_t){
        .lr = o->lr,
        .gamma = o->gamma,
        .images = s->images,
        .data_hash = train_ckpt_data_hash(s->train.images, s->train.labels, s->images),
        .weights_hash = mx_trainer_weights_hash(s->t),
    };
    s->results = calloc((size_t)o->epochs, sizeof(*s->results));
    if (s->results == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    return kCliExitOk;
}

/** --resume: continue from the checkpoint when there is one; without it, refuse one. */
static int resume(const train_opts_t *o, train_state_t *s)
{
    if (s->ckpt_path == NULL) {
        return kCliExitOk;
    }
    struct stat st;
    bool present = stat(s->ckpt_path, &st) == 0;
    if (!o->resume) {
        if (present) {
            return cli_error(kCmd, kCliExitUsage,
                             "%s exists: pass --resume to continue from it, or remove it",
                             s->ckpt_path);
        }
        return kCliExitOk;
    }
    if (!present) {
        printf("no checkpoint in %s: starting at epoch 1\n", o->checkpoint_dir);
        return kCliExitOk;
    }
    char err[512] = "";
    train_result_t *saved = NULL;
    int count = 0;
    if (train_ckpt_load(s->ckpt_path, s->t, &s->fp, &saved, &count, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    if (count > o->epochs) {
        free(saved);
        return cli_error(kCmd, kCliExitUsage, "%s holds %d epochs, more than --epochs %d",
                         s->ckpt_path, count, o->epochs);
    }
    memcpy(s->results, saved, (size_t)count * sizeof(*saved));
    free(saved);
    s->count = count;
    s->resumed_from = count;
    printf("resuming from %s after epoch %d\n", s->ckpt_path, count);
    return kCliExitOk;
}

static int prepare(const train_opts_t *o, train_state_t *s)
{
    char err[512] = "";
    if (mx_cnn_config_check(&o->cfg, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s", err);
    }
    int status = load_data(o, s);
    if (status == kCliExitOk) {
        status = probe_outputs(o, s);
    }
    if (status == kCliExitOk) {
        status = create_trainer(o, s);
    }
    if (status == kCliExitOk) {
        status = resume(o, s);
    }
    if (status == kCliExitOk) {
        s->logprobs = malloc((size_t)s->test.count * MX_CNN_CLASSES * sizeof(float));
        if (s->logprobs == NULL) {
            status = cli_error(kCmd, kCliExitInput, "out of memory");
        }
    }
    return status;
}

/** The test set through mx_cnn_create on the trainer's current weights. */
static int evaluate(const train_opts_t *o, train_state_t *s, train_result_t *r)
{
    char err[512] = "";
    double start = cli_now_seconds();
    mx_cnn_weights view;
    mx_trainer_weights(s->t, &view);
    mx_cnn *net = mx_cnn_create(&view, &o->cfg, err, sizeof(err));
    if (net == NULL) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    const size_t n = (size_t)s->test.count;
    infer_progress_init(&s->progress, !o->quiet);
    mx_cnn_infer(net, s->test.images, n, o->threads, s->logprobs, NULL, infer_progress_update,
                 &s->progress);
    infer_progress_finish(&s->progress);
    mx_cnn_destroy(net);
    infer_tally_t tally;
    if (infer_tally_init(&tally, s->logprobs, s->test.labels, n) != 0) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    r->accuracy = infer_tally_accuracy(&tally);
    r->correct = tally.correct;
    r->test_images = tally.images;
    r->test_nan_rows = tally.nan_rows;
    r->accuracy_torch = infer_tally_accuracy_torch(&tally);
    r->correct_torch = tally.correct_torch;
    r->test_loss = tally.loss;
    infer_tally_free(&tally);
    r->eval_seconds = cli_now_seconds() - start;
    return kCliExitOk;
}

static void print_header(const train_opts_t *o, const train_state_t *s)
{
    const mx_cnn_config *c = &o->cfg;
    printf("config profile=%s w_elem_format=%s a_elem_format=%s elem=%s round=%s "
           "block_size=%d scale_bits=%d\n",
           mx_profile_name(c->profile), infer_format_label(c->w_mx, &c->w_fmt),
           infer_format_label(c->a_mx, &c->a_fmt), infer_format_label(c->elem, &c->elem_fmt),
           mx_round_name(c->round), c->block_size, c->scale_bits);
    printf("train images=%zu epochs=%d seed=%" PRIu64 " lr=%g gamma=%g batch_size=%d threads=%d\n",
           s->images, o->epochs, o->seed, o->lr, o->gamma, o->batch_size, o->threads);
}

static void print_epoch(const train_opts_t *o, const train_result_t *r)
{
    printf("epoch %d/%d lr=%g loss=%.6f accuracy=%.2f%% (%" PRIu64 "/%" PRIu64
           ") test_loss=%.6f nonfinite_loss_batches=%" PRIu64 " nonfinite_grad_batches=%" PRIu64
           " seconds=%.3f eval_seconds=%.3f\n",
           r->epoch, o->epochs, r->lr, r->loss, r->accuracy, r->correct, r->test_images,
           r->test_loss, r->nonfinite_loss_batches, r->nonfinite_grad_batches, r->seconds,
           r->eval_seconds);
    fflush(stdout);
}

static void print_nonfinite(const mx_train_nonfinite *nf)
{
    char inputs[32] = "none";
    if (nf->n_inputs == 1) {
        snprintf(inputs, sizeof(inputs), "%08" PRIx32, nf->in_bits[0]);
    } else if (nf->n_inputs == 2) {
        snprintf(inputs, sizeof(inputs), "%08" PRIx32 ",%08" PRIx32, nf->in_bits[0],
                 nf->in_bits[1]);
    }
    printf("nonfinite epoch=%d batch=%zu image=%ld op=%s tensor=%s index=%zu inputs=%s "
           "output=%08" PRIx32 "\n",
           nf->epoch + 1, nf->batch, nf->image, nf->op, nf->tensor, nf->index, inputs,
           nf->out_bits);
    fflush(stdout);
}

static int write_json(const train_opts_t *o, const train_state_t *s, const char *out)
{
    if (o->json == NULL) {
        return kCliExitOk;
    }
    char err[512] = "";
    const mx_train_nonfinite *nf = mx_trainer_nonfinite(s->t);
    if (train_json_write(o, s->images, s->resumed_from, s->results, s->count, nf, out, err,
                         sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** The weights under PyTorch's names, as mx_cnn_weights_load reads them. */
static int write_weights(const char *path, const mx_trainer *t)
{
    mx_cnn_weights w;
    mx_trainer_weights(t, &w);
    const struct {
        const char *name;
        float *data;
        int ndim;
        int64_t shape[4];
    } params[] = {
        {"conv1.weight", w.conv1_w, 4, {32, 1, 3, 3}}, {"conv1.bias", w.conv1_b, 1, {32}},
        {"conv2.weight", w.conv2_w, 4, {64, 32, 3, 3}}, {"conv2.bias", w.conv2_b, 1, {64}},
        {"fc1.weight", w.fc1_w, 2, {128, 9216}},        {"fc1.bias", w.fc1_b, 1, {128}},
        {"fc2.weight", w.fc2_w, 2, {10, 128}},          {"fc2.bias", w.fc2_b, 1, {10}},
    };
    enum { kParams = sizeof(params) / sizeof(params[0]) };
    mx_tensor tensors[kParams];
    memset(tensors, 0, sizeof(tensors));
    for (int i = 0; i < kParams; ++i) {
        snprintf(tensors[i].name, sizeof(tensors[i].name), "%s", params[i].name);
        tensors[i].ndim = params[i].ndim;
        tensors[i].count = 1;
        for (int d = 0; d < params[i].ndim; ++d) {
            tensors[i].shape[d] = params[i].shape[d];
            tensors[i].count *= (size_t)params[i].shape[d];
        }
        tensors[i].data = params[i].data;
    }
    char err[512] = "";
    if (mx_safetensors_write(path, tensors, kParams, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** One epoch: train, evaluate, report, checkpoint. */
static int run_epoch(const train_opts_t *o, train_state_t *s)
{
    train_result_t *r = &s->results[s->count];
    memset(r, 0, sizeof(*r));
    const int e = s->count;
    r->epoch = e + 1;
    r->lr = mx_train_steplr(o->lr, o->gamma, e);
    mx_train_epoch_stats st;
    char err[512] = "";
    infer_progress_init(&s->progress, !o->quiet);
    int rc = mx_trainer_run_epoch(s->t, s->train.images, s->train.labels, s->images, r->lr,
                                  o->threads, &st, err, sizeof(err));
    infer_progress_finish(&s->progress);
    if (rc < 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    if (rc > 0) {
        const mx_train_nonfinite *nf = mx_trainer_nonfinite(s->t);
        print_nonfinite(nf);
        int status = write_json(o, s, NULL);
        if (status != kCliExitOk) {
            return status;
        }
        return cli_error(kCmd, kCliExitInput, "stopped at the first %s: epoch %d, batch %zu, %s in %s",
                         train_trace_target(o->trace), nf->epoch + 1, nf->batch,
                         nf->tensor, nf->op);
    }
    r->loss = st.mean_loss;
    r->batches = st.batches;
    r->nonfinite_loss_batches = st.nonfinite_loss_batches;
    r->nonfinite_grad_batches = st.nonfinite_grad_batches;
    r->nonfinite_weights = st.nonfinite_weight_values;
    r->has_stats = !o->no_stats;
    r->qstats = st.qstats;
    r->seconds = st.seconds;
    int status = evaluate(o, s, r);
    if (status != kCliExitOk) {
        return status;
    }
    s->count++;
    if (s->ckpt_path != NULL &&
        train_ckpt_save(s->ckpt_path, s->t, &s->fp, s->results, s->count, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    status = write_json(o, s, NULL);
    if (status == kCliExitOk) {
        print_epoch(o, r);
    }
    return status;
}

static int run(const train_opts_t *o, train_state_t *s)
{
    if (!o->quiet) {
        print_header(o, s);
        for (int i = 0; i < s->count; ++i) {
            print_epoch(o, &s->results[i]);
        }
    }
    while (s->count < o->epochs) {
        int status = run_epoch(o, s);
        if (status != kCliExitOk) {
            return status;
        }
    }
    if (o->out != NULL) {
        int status = write_weights(o->out, s->t);
        if (status == kCliExitOk) {
            status = write_json(o, s, o->out);
        }
        if (status != kCliExitOk) {
            return status;
        }
        if (!o->quiet) {
            printf("final weights written to %s\n", o->out);
        }
    } else {
        int status = write_json(o, s, NULL);
        if (status != kCliExitOk) {
            return status;
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return cli_error(kCmd, kCliExitInput, "write error on stdout");
    }
    return kCliExitOk;
}

int cli_train_main(int argc, char **argv)
{
    train_opts_t o;
    int status = train_opts_parse(kCmd, argc, argv, &o);
    if (status != kCliExitOk) {
        return status;
    }
    if (o.help) {
        fputs(kHelp, stdout);
        return kCliExitOk;
    }
    train_state_t s;
    memset(&s, 0, sizeof(s));
    status = prepare(&o, &s);
    if (status == kCliExitOk) {
        status = run(&o, &s);
    }
    state_free(&s);
    return status;
}
