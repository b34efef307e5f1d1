/* Memory of training: each thread's scratch and the batch's saved tensors
 * and gradients, allocated once per trainer. */
#include <stdlib.h>
#include <string.h>

#include "train_internal.h"

int train_scratch_init(train_scratch *s)
{
    memset(s, 0, sizeof *s);
    if (cnn_workspace_init(&s->ws) != 0) {
        return -1;
    }
    if (train_bf16_init(&s->bf16) != 0) {
        cnn_workspace_free(&s->ws);
        return -1;
    }
    const size_t floats = 2 * (size_t)C2_K * C2_P + C1_OUT * C1_P + C1_OUT * C1_P +
                          2 * (size_t)C2_OUT * C2_P;
    float *f = malloc(floats * sizeof *f);
    if (!f) {
        cnn_workspace_free(&s->ws);
        train_bf16_free(&s->bf16);
        return -1;
    }
    s->col = f;
    s->xa = s->col + 2 * (size_t)C2_K * C2_P;
    s->c1 = s->xa + C1_OUT * C1_P;
    s->c2 = s->c1 + C1_OUT * C1_P;
    s->g = s->c2 + C2_OUT * C2_P;
    return 0;
}

void train_scratch_free(train_scratch *s)
{
    if (s->col) {
        cnn_workspace_free(&s->ws);
        train_bf16_free(&s->bf16);
        free(s->col);
    }
    memset(s, 0, sizeof *s);
}

int train_batch_init(train_batch *b)
{
    memset(b, 0, sizeof *b);
    const size_t B = MX_TRAIN_MAX_BATCH;
    const size_t floats = B * (MX_CNN_IMAGE_PIXELS + C1_OUT * C1_P + 3 * (size_t)FC1_IN +
                               4 * FC1_OUT + 4 * FC2_OUT + C2_OUT * C2_P + C1_OUT * C1_P +
                               C1_OUT * C1_P + C2_OUT * C2_K + C1_OUT * 9 + C2_OUT + C1_OUT);
    const size_t bytes = B * (2 * (size_t)FC1_IN + FC1_OUT + 1);
    float *f = malloc(floats * sizeof *f + bytes);
    if (!f) {
        return -1;
    }
    b->arena = f;
    b->x1 = f;
    b->r1 = b->x1 + B * MX_CNN_IMAGE_PIXELS;
    b->pool = b->r1 + B * C1_OUT * C1_P;
    b->xf1 = b->pool + B * FC1_IN;
    b->xa1 = b->xf1 + B * FC1_IN;
    b->f1 = b->xa1 + B * FC1_IN;
    b->xf2 = b->f1 + B * FC1_OUT;
    b->xa2 = b->xf2 + B * FC1_OUT;
    b->g128 = b->xa2 + B * FC1_OUT;
    b->f2 = b->g128 + B * FC1_OUT;
    b->p = b->f2 + B * FC2_OUT;
    b->g10 = b->p + B * FC2_OUT;
    b->g2 = b->g10 + 2 * B * FC2_OUT;
    b->g1 = b->g2 + B * C2_OUT * C2_P;
    b->xq2 = b->g1 + B * C1_OUT * C1_P;
    b->pw2 = b->xq2 + B * C1_OUT * C1_P;
    b->pw1 = b->pw2 + B * C2_OUT * C2_K;
    b->pb2 = b->pw1 + B * C1_OUT * 9;
    b->pb1 = b->pb2 + B * C2_OUT;
    uint8_t *u = (uint8_t *)(b->pb1 + B * C1_OUT);
    b->pidx = u;
    b->m1 = b->pidx + B * FC1_IN;
    b->m2 = b->m1 + B * FC1_IN;
    b->labels = b->m2 + B * FC1_OUT;
    return 0;
}

void train_batch_free(train_batch *b)
{
    free(b->arena);
    memset(b, 0, sizeof *b);
}

int train_ensure_scratch(mx_trainer *t, int threads)
{
    if (t->scratch_count >= threads) {
        return 0;
    }
    train_scratch *s = realloc(t->scratch, (size_t)threads * sizeof *s);
    if (!s) {
        return -1;
    }
    t->scratch = s;
    while (t->scratch_count < threads) {
        if (train_scratch_init(&t->scratch[t->scratch_count]) != 0) {
            return -1;
        }
        t->scratch_count++;
    }
    return 0;
}
