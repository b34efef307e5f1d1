/**
 * @file sim_run.c
 * Batches over threads (see sim_run.h).
 */
#include "sim_run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxaccel/hw_alu.h"

typedef struct job {
    const accel_program *full, *rest;
    const accel_rtl_api *rtl;
    const uint8_t *images;
    size_t n, batches;
    atomic_size_t next;
    atomic_size_t done;
    atomic_int failed;
    char err[512]; /* the first failure's message */
    accel_counters *per_batch;
    sim_result_t *r;
    void (*progress)(void *ctx, size_t done, size_t total);
    void *ctx;
} job_t;

static void fail(job_t *j, const char *msg)
{
    if (atomic_exchange(&j->failed, 1) == 0) {
        snprintf(j->err, sizeof j->err, "%s", msg);
    }
}

/* One thread's engine: an instance per program (full batches, the rest). */
typedef struct engine {
    const accel_rtl_api *rtl;
    accel_model *model[2];
    void *inst[2];
    uint8_t *input;     /* the input area of a run (rtl) */
    size_t input_bytes; /* of a full batch's: the rest's is smaller */
} engine_t;

static int engine_run(engine_t *e, int which, const accel_program *p, const uint8_t *images,
                      float *logprobs, uint32_t *codes, accel_counters *c, char *err, size_t errlen)
{
    if (!e->rtl) {
        if (!e->model[which] && !(e->model[which] = accel_model_create(p, err, errlen))) {
            snprintf(err, errlen, "cannot set up the accelerator model (out of memory)");
            return -1;
        }
        accel_model_run(e->model[which], images, logprobs, codes, c);
        return 0;
    }
    if (!e->inst[which] && !(e->inst[which] = e->rtl->create(p, err, errlen))) {
        return -1;
    }
    if (!e->input && !(e->input = malloc(e->input_bytes))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    accel_encode_images(p, images, e->input);
    if (e->rtl->run(e->inst[which], e->input, codes, c, err, errlen) != 0) {
        return -1;
    }
    for (size_t k = 0; k < (size_t)p->images * 10; k++) {
        logprobs[k] = mx_hw_alu_decode(&p->elem, codes[k]);
    }
    return 0;
}

static void engine_free(engine_t *e)
{
    for (int w = 0; w < 2; w++) {
        accel_model_destroy(e->model[w]);
        if (e->inst[w]) {
            e->rtl->destroy(e->inst[w]);
        }
    }
    free(e->input);
}

static void *worker(void *arg)
{
    job_t *j = arg;
    engine_t e = {.rtl = j->rtl,
                  .input_bytes = (size_t)j->full->images * j->full->input_stride};
    char err[512];
    for (;;) {
        const size_t b = atomic_fetch_add(&j->next, 1);
        if (b >= j->batches || atomic_load(&j->failed)) {
            break;
        }
        const size_t first = b * j->full->images;
        const int which = first + j->full->images <= j->n ? 0 : 1;
        const accel_program *p = which == 0 ? j->full : j->rest;
        if (engine_run(&e, which, p, j->images + first * 784, j->r->logprobs + first * 10,
                       j->r->codes + first * 10, &j->per_batch[b], err, sizeof err) != 0) {
            fail(j, err);
            break;
        }
        for (size_t i = 0; i < p->images; i++) {
            j->r->cycles[first + i] = j->per_batch[b].cycles;
        }
        const size_t done = atomic_fetch_add(&j->done, p->images) + p->images;
        if (j->progress) {
            j->progress(j->ctx, done, j->n);
        }
    }
    engine_free(&e);
    return NULL;
}

int sim_run(const accel_program *full, const accel_program *rest, const accel_rtl_api *rtl,
            const uint8_t *images, size_t n, int threads,
            void (*progress)(void *ctx, size_t done, size_t total), void *ctx, sim_result_t *r,
            char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    job_t j = {.full = full, .rest = rest, .rtl = rtl, .images = images, .n = n, .r = r,
               .progress = progress, .ctx = ctx};
    j.batches = (n + full->images - 1) / full->images;
    r->runs = j.batches;
    r->logprobs = malloc(n * 10 * sizeof *r->logprobs);
    r->codes = malloc(n * 10 * sizeof *r->codes);
    r->cycles = malloc(n * sizeof *r->cycles);
    j.per_batch = calloc(j.batches ? j.batches : 1, sizeof *j.per_batch);
    if (!r->logprobs || !r->codes || !r->cycles || !j.per_batch) {
        free(j.per_batch);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if ((size_t)threads > j.batches) {
        threads = j.batches ? (int)j.batches : 1;
    }
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    int started = 0;
    for (int t = 0; tid && t < threads; t++) {
        if (pthread_create(&tid[t], NULL, worker, &j) != 0) {
            break;
        }
        started++;
    }
    if (started == 0) {
        worker(&j);
    }
    for (int t = 0; t < started; t++) {
        pthread_join(tid[t], NULL);
    }
    free(tid);
    /* sum in batch order: the same totals for every thread count */
    for (size_t b = 0; b < j.batches; b++) {
        accel_counters_add(&r->total, &j.per_batch[b]);
    }
    free(j.per_batch);
    if (atomic_load(&j.failed)) {
        snprintf(err, errlen, "%s", j.err);
        return -1;
    }
    return 0;
}

void sim_result_free(sim_result_t *r)
{
    free(r->logprobs);
    free(r->codes);
    free(r->cycles);
    memset(r, 0, sizeof *r);
}
