/* The trainer: parameters, Adadelta state, and the epoch loop
 * (shuffle, batches, optimizer steps). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "train_internal.h"

void openblas_set_num_threads(int num_threads);

void mx_train_options_default(mx_train_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->seed = 1;
    opt->batch_size = 64;
    opt->dropout1 = 0.25f;
    opt->dropout2 = 0.5f;
    opt->rho = 0.9;
    opt->eps = 1e-6;
    opt->shuffle = true;
}

double mx_train_steplr(double lr0, double gamma, int epoch)
{
    double lr = lr0;
    for (int e = 0; e < epoch; e++) {
        lr *= gamma; /* StepLR's chainable form: one product per epoch */
    }
    return lr;
}

static int check_options(const mx_train_options *opt, char *err, size_t errlen)
{
    if (opt->batch_size < 1 || opt->batch_size > MX_TRAIN_MAX_BATCH) {
        snprintf(err, errlen, "batch size %d is outside 1..%d", opt->batch_size,
                 MX_TRAIN_MAX_BATCH);
        return -1;
    }
    if (!(opt->dropout1 >= 0.0f && opt->dropout1 < 1.0f) ||
        !(opt->dropout2 >= 0.0f && opt->dropout2 < 1.0f)) {
        snprintf(err, errlen, "dropout probabilities must be in [0, 1)");
        return -1;
    }
    if (!(opt->rho >= 0.0 && opt->rho <= 1.0) || !(opt->eps > 0.0)) {
        snprintf(err, errlen, "Adadelta needs rho in [0, 1] and eps > 0");
        return -1;
    }
    return 0;
}

mx_trainer *mx_trainer_create(const mx_cnn_config *cfg, const mx_train_options *opt,
                              const mx_cnn_weights *init, char *err, size_t errlen)
{
    if (mx_cnn_config_check(cfg, err, errlen) != 0 || check_options(opt, err, errlen) != 0) {
        return NULL;
    }
    mx_trainer *t = calloc(1, sizeof *t);
    float *params = malloc(5 * (size_t)TRAIN_PARAMS * sizeof *params +
                           (size_t)C2_OUT * C2_K * sizeof *params);
    /* bf16 weights: conv2's W^T for the backward, conv2 and fc1 for the forward */
    uint16_t *wt = malloc((2 * (size_t)C2_OUT * C2_K + (size_t)FC1_OUT * FC1_IN) * sizeof *wt);
    if (!t || !params || !wt || train_batch_init(&t->b) != 0) {
        free(wt);
        free(params);
        free(t);
        snprintf(err, errlen, "out of memory creating the trainer");
        return NULL;
    }
    openblas_set_num_threads(1); /* we thread over images and blocks ourselves */
    t->cfg = *cfg;
    t->opt = *opt;
    train_q_init(&t->q, cfg);
    t->w = params;
    t->grad = t->w + TRAIN_PARAMS;
    t->square_avg = t->grad + TRAIN_PARAMS;
    t->acc_delta = t->square_avg + TRAIN_PARAMS;
    t->wq = t->acc_delta + TRAIN_PARAMS;
    t->c2w_bwd = t->wq + TRAIN_PARAMS;
    t->c2wt_buf = wt;
    t->c2w_bf16 = wt + (size_t)C2_OUT * C2_K;
    t->f1w_bf16 = t->c2w_bf16 + (size_t)C2_OUT * C2_K;
    memset(t->grad, 0, 3 * (size_t)TRAIN_PARAMS * sizeof *params);
    if (init) {
        const float *src[TP_COUNT] = {init->conv1_w, init->conv1_b, init->conv2_w, init->conv2_b,
                                      init->fc1_w,   init->fc1_b,   init->fc2_w,   init->fc2_b};
        for (int p = 0; p < TP_COUNT; p++) {
            memcpy(t->w + train_param_offset[p], src[p], train_param_size[p] * sizeof(float));
        }
    } else {
        train_init_params(opt->seed, t->w);
    }
    pthread_mutex_init(&t->nf_lock, NULL);
    return t;
}

void mx_trainer_destroy(mx_trainer *t)
{
    if (!t) {
        return;
    }
    for (int i = 0; i < t->scratch_count; i++) {
        train_scratch_free(&t->scratch[i]);
    }
    free(t->scratch);
    free(t->order);
    train_batch_free(&t->b);
    train_net_release(t);
    free(t->c2wt_buf);
    free(t->w);
    pthread_mutex_destroy(&t->nf_lock);
    free(t);
}

int mx_trainer_epoch(const mx_trainer *t)
{
    return t->epoch;
}

void mx_trainer_weights(const mx_trainer *t, mx_cnn_weights *view)
{
    memset(view, 0, sizeof *view);
    float *w = t->w;
    view->conv1_w = w + train_param_offset[TP_C1W];
    view->conv1_b = w + train_param_offset[TP_C1B];
    view->conv2_w = w + train_param_offset[TP_C2W];
    view->conv2_b = w + train_param_offset[TP_C2B];
    view->fc1_w = w + train_param_offset[TP_F1W];
    view->fc1_b = w + train_param_offset[TP_F1B];
    view->fc2_w = w + train_param_offset[TP_F2W];
    view->fc2_b = w + train_param_offset[TP_F2B];
}

uint64_t mx_trainer_weights_hash(const mx_trainer *t)
{
    uint64_t h = 0xcbf29ce484222325ull;
    const uint8_t *p = (const uint8_t *)t->w;
    for (size_t i = 0; i < (size_t)TRAIN_PARAMS * sizeof(float); i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

enum { STEP_BLOCK = 1 << 15, STEP_ITEMS = (TRAIN_PARAMS + STEP_BLOCK - 1) / STEP_BLOCK };

typedef struct step_ctx {
    mx_trainer *t;
    double lr;
    bool nonfinite[STEP_ITEMS]; /* a block's gradient had Inf or NaN */
} step_ctx;

static bool all_finite(const float *x, size_t n);

static void step_task(void *vc, size_t item, int worker)
{
    (void)worker;
    step_ctx *c = vc;
    mx_trainer *t = c->t;
    const size_t k0 = item * STEP_BLOCK;
    const size_t k1 = k0 + STEP_BLOCK < TRAIN_PARAMS ? k0 + STEP_BLOCK : TRAIN_PARAMS;
    c->nonfinite[item] = !all_finite(t->grad + k0, k1 - k0);
    train_adadelta(t->w + k0, t->grad + k0, t->square_avg + k0, t->acc_delta + k0, k1 - k0, c->lr,
                   t->opt.rho, t->opt.eps);
}

static bool all_finite(const float *x, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        bad |= !isfinite(x[i]);
    }
    return !bad;
}

int mx_trainer_run_epoch(mx_trainer *t, const uint8_t *images, const uint8_t *labels, size_t n,
                         double lr, int threads, mx_train_epoch_stats *stats, char *err,
                         size_t errlen)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!images || !labels || n == 0 || n > UINT32_MAX) {
        snprintf(err, errlen, "training needs 1..2^32-1 images");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (labels[i] >= MX_CNN_CLASSES) {
            snprintf(err, errlen, "label %u of image %zu is not a class 0..9", labels[i], i);
            return -1;
        }
    }
    threads = threads < 1 ? 1 : (threads > 64 ? 64 : threads);
    if (train_ensure_scratch(t, threads) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (t->order_len < n) {
        uint32_t *o = realloc(t->order, n * sizeof *o);
        if (!o) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        t->order = o;
        t->order_len = n;
    }
    if (t->opt.shuffle) {
        train_shuffle(t->opt.seed, t->epoch, t->order, n);
    } else {
        for (size_t i = 0; i < n; i++) {
            t->order[i] = (uint32_t)i;
        }
    }
    mx_train_epoch_stats st;
    memset(&st, 0, sizeof st);
    for (int i = 0; i < t->scratch_count; i++) {
        memset(&t->scratch[i].stats, 0, sizeof t->scratch[i].stats);
    }
    st.epoch = t->epoch;
    st.images = n;
    double loss_sum = 0.0;
    size_t finite_losses = 0;
    const size_t bs = (size_t)t->opt.batch_size;
    const uint8_t *img[MX_TRAIN_MAX_BATCH];
    uint8_t lab[MX_TRAIN_MAX_BATCH];
    for (size_t first = 0, batch = 0; first < n; first += bs, batch++) {
        const size_t count = n - first < bs ? n - first : bs;
        for (size_t i = 0; i < count; i++) {
            const size_t k = t->order[first + i];
            img[i] = images + k * MX_CNN_IMAGE_PIXELS;
            lab[i] = labels[k];
        }
        t->nf_rank = 0;
        const float loss = train_batch_gradients(t, img, lab, count, first, batch, threads);
        if (!t->net) {
            snprintf(err, errlen, "out of memory preparing the network");
            return -1;
        }
        if (t->nf.found) {
            t->nf_final = true;
            if (t->opt.stop_on_nonfinite) {
                st.batches = batch + 1;
                st.nonfinite_loss_batches += !isfinite(loss);
                st.mean_loss = finite_losses ? loss_sum / (double)finite_losses : NAN;
                clock_gettime(CLOCK_MONOTONIC, &t1);
                st.seconds = (double)(t1.tv_sec - t0.tv_sec) +
                             (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
                if (stats) {
                    *stats = st;
                }
                return 1;
            }
        }
        if (isfinite(loss)) {
            loss_sum += loss;
            finite_losses++;
        } else {
            st.nonfinite_loss_batches++;
        }
        step_ctx c = {.t = t, .lr = lr};
        train_parallel(threads, STEP_ITEMS, step_task, &c);
        bool nonfinite = false;
        for (size_t i = 0; i < STEP_ITEMS; i++) {
            nonfinite |= c.nonfinite[i];
        }
        st.nonfinite_grad_batches += nonfinite;
        st.batches++;
        if (t->opt.progress) {
            t->opt.progress(t->opt.progress_ctx, first + count, n);
        }
    }
    for (size_t i = 0; i < TRAIN_PARAMS; i++) {
        st.nonfinite_weight_values += !isfinite(t->w[i]);
    }
    st.mean_loss = finite_losses ? loss_sum / (double)finite_losses : NAN;
    /* integer counts: the sum does not depend on which thread counted what */
    for (int i = 0; i < t->scratch_count; i++) {
        for (int qp = 0; qp < MX_QP_COUNT; qp++) {
            mx_qstats *to = &st.qstats.point[qp];
            const mx_qstats *from = &t->scratch[i].stats.point[qp];
            to->values += from->values;
            to->saturated += from->saturated;
            to->overflowed += from->overflowed;
            to->flushed += from->flushed;
            to->nan += from->nan;
        }
    }
    t->epoch++;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    st.seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (stats) {
        *stats = st;
    }
    return 0;
}
