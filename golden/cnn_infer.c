/* Inference over many images: fixed chunks of MX_CNN_CHUNK images handed to
 * worker threads. Each chunk is computed by one thread with the same code
 * whatever the thread count, so the bits never depend on it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bf16_gemm.h"
#include "cnn_internal.h"

int cnn_workspace_init(cnn_workspace *ws)
{
    memset(ws, 0, sizeof *ws);
    const size_t c = MX_CNN_CHUNK;
    /* conv1 and conv2 outputs hold one image: the convolutions run image by image */
    const size_t floats = c * MX_CNN_IMAGE_PIXELS + (size_t)C2_K * C2_P + C1_OUT * C1_P +
                          C2_OUT * C2_P + c * FC1_IN + c * FC1_OUT + c * FC2_OUT;
    /* hw exact-dot operands: the larger of conv2 (image + weights) and fc1 */
    const size_t doubles = c * FC1_IN + (size_t)FC1_OUT * FC1_IN;
    /* hw accumulators: the larger of conv2 [pixel][oc] and linear [out][chunk] */
    const size_t accs = (size_t)C2_P * C2_OUT > (size_t)FC1_OUT * c ? (size_t)C2_P * C2_OUT
                                                                     : (size_t)FC1_OUT * c;
    /* non-zero lists: one conv2 input image, block size down to 1 */
    const size_t nz = (size_t)C2_IN * C1_P;
    /* cache-line aligned: the kernels' vector loads must not straddle lines */
    const size_t arena_bytes = ((floats + accs) * sizeof(float) + 63) / 64 * 64;
    float *f = aligned_alloc(64, arena_bytes);
    double *d = malloc(doubles * sizeof(double));
    ws->nz_idx = malloc(nz * sizeof *ws->nz_idx);
    ws->nz_val = malloc(nz * sizeof *ws->nz_val);
    ws->nz_start = malloc((nz + 1) * sizeof *ws->nz_start);
    ws->xb = malloc(((size_t)C2_IN * C1_P + (size_t)C2_K * C2_P) * sizeof *ws->xb);
    ws->fc1b = malloc(c * FC1_IN * sizeof *ws->fc1b);
    ws->fc1c = malloc(c * FC1_OUT * sizeof *ws->fc1c);
    if (!f || !d || !ws->nz_idx || !ws->nz_val || !ws->nz_start || !ws->xb || !ws->fc1b ||
        !ws->fc1c) {
        free(ws->xb);
        free(ws->fc1b);
        free(ws->fc1c);
        free(f);
        free(d);
        free(ws->nz_idx);
        free(ws->nz_val);
        free(ws->nz_start);
        return -1;
    }
    ws->arena = f;
    ws->x0 = f;
    ws->col = ws->x0 + c * MX_CNN_IMAGE_PIXELS;
    ws->c1 = ws->col + (size_t)C2_K * C2_P;
    ws->c2 = ws->c1 + C1_OUT * C1_P;
    ws->pool = ws->c2 + C2_OUT * C2_P;
    ws->f1 = ws->pool + c * FC1_IN;
    ws->f2 = ws->f1 + c * FC1_OUT;
    ws->acc = ws->f2 + c * FC2_OUT;
    ws->dcol = d;
    return 0;
}

void cnn_workspace_bf16(cnn_workspace *ws)
{
    if (!ws->bf16_tried) {
        ws->bf16_tried = 1;
        ws->conv2_bf16 = bf16_gemm_create(C2_OUT, C2_P, C2_K, false);
        ws->fc1_bf16 = bf16_gemm_create(MX_CNN_CHUNK, FC1_OUT, FC1_IN, true);
    }
}

void cnn_workspace_free(cnn_workspace *ws)
{
    free(ws->arena);
    free(ws->dcol);
    free(ws->nz_idx);
    free(ws->nz_val);
    free(ws->nz_start);
    free(ws->xb);
    free(ws->fc1b);
    free(ws->fc1c);
    bf16_gemm_destroy(ws->conv2_bf16);
    bf16_gemm_destroy(ws->fc1_bf16);
    free(ws->tmp);
    free(ws->scales);
    memset(ws, 0, sizeof *ws);
}

typedef struct infer_job {
    const mx_cnn *net;
    const uint8_t *images;
    size_t n;
    float *logprobs;
    bool want_stats;
    atomic_size_t next_chunk;
    pthread_mutex_t lock; /* guards done, stats and the progress callback */
    size_t done;
    mx_cnn_stats *stats;
    void (*progress)(void *ctx, size_t done, size_t total);
    void *ctx;
} infer_job;

static void add_stats(mx_cnn_stats *to, const mx_cnn_stats *from)
{
    for (int q = 0; q < MX_QP_COUNT; q++) {
        to->point[q].values += from->point[q].values;
        to->point[q].saturated += from->point[q].saturated;
        to->point[q].overflowed += from->point[q].overflowed;
        to->point[q].flushed += from->point[q].flushed;
        to->point[q].nan += from->point[q].nan;
    }
}

static void *worker(void *arg)
{
    infer_job *job = arg;
    cnn_workspace ws;
    if (cnn_workspace_init(&ws) != 0) {
        abort(); /* a few tens of MiB */
    }
    mx_cnn_stats local;
    memset(&local, 0, sizeof local);
    const size_t chunks = (job->n + MX_CNN_CHUNK - 1) / MX_CNN_CHUNK;
    for (;;) {
        const size_t c = atomic_fetch_add(&job->next_chunk, 1);
        if (c >= chunks) {
            break;
        }
        const size_t first = c * MX_CNN_CHUNK;
        const size_t count = job->n - first < MX_CNN_CHUNK ? job->n - first : MX_CNN_CHUNK;
        cnn_forward_chunk(job->net, job->images + first * MX_CNN_IMAGE_PIXELS, count,
                          job->logprobs + first * MX_CNN_CLASSES,
                          job->want_stats ? &local : NULL, &ws, NULL);
        pthread_mutex_lock(&job->lock);
        job->done += count;
        if (job->progress) {
            job->progress(job->ctx, job->done, job->n);
        }
        pthread_mutex_unlock(&job->lock);
    }
    if (job->want_stats) {
        pthread_mutex_lock(&job->lock);
        add_stats(job->stats, &local);
        pthread_mutex_unlock(&job->lock);
    }
    cnn_workspace_free(&ws);
    return NULL;
}

void mx_cnn_infer(const mx_cnn *net, const uint8_t *images, size_t n, int threads,
                  float *logprobs, mx_cnn_stats *stats,
                  void (*progress)(void *ctx, size_t done, size_t total), void *ctx)
{
    infer_job job = {.net = net, .images = images, .n = n, .logprobs = logprobs,
                     .want_stats = stats != NULL, .stats = stats, .progress = progress,
                     .ctx = ctx};
    atomic_init(&job.next_chunk, 0);
    pthread_mutex_init(&job.lock, NULL);
    if (stats) {
        add_stats(stats, &net->weight_stats);
    }
    threads = threads < 1 ? 1 : threads;
    pthread_t tids[256];
    int started = 0;
    for (int t = 1; t < threads && t < 256; t++) {
        if (pthread_create(&tids[started], NULL, worker, &job) == 0) {
            started++;
        }
    }
    worker(&job); /* the calling thread works too */
    for (int t = 0; t < started; t++) {
        pthread_join(tids[t], NULL);
    }
    pthread_mutex_destroy(&job.lock);
}

void mx_cnn_dump_layers(const mx_cnn *net, const uint8_t *image, float *const layers[MX_CNN_LAYERS])
{
    cnn_workspace ws;
    float logprobs[MX_CNN_CLASSES];
    if (cnn_workspace_init(&ws) != 0) {
        abort();
    }
    cnn_forward_chunk(net, image, 1, logprobs, NULL, &ws, layers);
    cnn_workspace_free(&ws);
}
