/* The first non-finite value of a run (opt.trace_nonfinite): each check
 * site scans an operation's output; the earliest site of the batch, then
 * the lowest image, wins, whichever thread gets there first. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "train_internal.h"

const mx_train_nonfinite *mx_trainer_nonfinite(const mx_trainer *t)
{
    return &t->nf;
}

/* Does out[k] stop the run? in_b is log's backward p at TRACE_LOG_BWD. */
static bool stops(const mx_train_options *opt, train_trace_site site, const float *out,
                  const float *in_b, size_t k)
{
    if (opt->trace_nan_only ? !isnan(out[k]) : isfinite(out[k])) {
        return false;
    }
    /* gradients only: g / 0 is ordinary (softmax's backward multiplies it
     * by that 0), g / p overflowing for p != 0 is not */
    return !opt->trace_grad_only || site > TRACE_LOG_BWD ||
           (site == TRACE_LOG_BWD && in_b[k] != 0.0f);
}

void train_trace(mx_trainer *t, train_trace_site site, const char *op, const char *tensor,
                 long image, const float *out, size_t n, const float *in_a, const float *in_b,
                 size_t batch)
{
    if (!t->opt.trace_nonfinite || t->nf_final) {
        return;
    }
    if (t->opt.trace_grad_only && site < TRACE_LOG_BWD) {
        return;
    }
    size_t k = 0;
    while (k < n && !stops(&t->opt, site, out, in_b, k)) {
        k++;
    }
    if (k == n) {
        return;
    }
    /* earliest check site first, then the lowest image: the same record
     * whichever thread gets here first */
    const long rank = (long)site * (MX_TRAIN_MAX_BATCH + 1) + image + 1;
    pthread_mutex_lock(&t->nf_lock);
    if (!t->nf.found || rank < t->nf_rank) {
        mx_train_nonfinite *r = &t->nf;
        memset(r, 0, sizeof *r);
        r->found = true;
        r->epoch = t->epoch;
        r->batch = batch;
        r->image = image;
        snprintf(r->op, sizeof r->op, "%s", op);
        snprintf(r->tensor, sizeof r->tensor, "%s", tensor);
        r->index = k;
        memcpy(&r->out_bits, &out[k], 4);
        if (in_a) {
            memcpy(&r->in_bits[r->n_inputs++], &in_a[k], 4);
        }
        if (in_b) {
            memcpy(&r->in_bits[r->n_inputs++], &in_b[k], 4);
        }
        t->nf_rank = rank;
    }
    pthread_mutex_unlock(&t->nf_lock);
}
