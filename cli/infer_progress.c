/**
 * @file infer_progress.c
 * Terminal progress bar (see infer_progress.h).
 */
#include "infer_progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { kBarWidth = 40, kLineWidth = 80 };

void infer_progress_init(infer_progress_t *p, bool wanted)
{
    p->enabled = wanted && isatty(STDERR_FILENO);
    p->done = 0;
    p->shown = -1;
    pthread_mutex_init(&p->lock, NULL);
}

void infer_progress_update(void *ctx, size_t done, size_t total)
{
    infer_progress_t *p = ctx;
    if (!p->enabled || total == 0) {
        return;
    }
    pthread_mutex_lock(&p->lock);
    // Chunks may finish out of order; the bar only moves forward.
    if (done > p->done) {
        p->done = done;
    }
    int permille = (int)(p->done * 1000 / total);
    if (permille != p->shown) {
        p->shown = permille;
        char bar[kBarWidth + 1];
        int filled = (int)(p->done * kBarWidth / total);
        memset(bar, '#', (size_t)filled);
        memset(bar + filled, '.', (size_t)(kBarWidth - filled));
        bar[kBarWidth] = '\0';
        fprintf(stderr, "\r[%s] %5.1f%% %zu/%zu images", bar, permille / 10.0, p->done, total);
        fflush(stderr);
    }
    pthread_mutex_unlock(&p->lock);
}

void infer_progress_finish(infer_progress_t *p)
{
    if (p->enabled && p->shown >= 0) {
        fprintf(stderr, "\r%*s\r", kLineWidth, "");
        fflush(stderr);
    }
    pthread_mutex_destroy(&p->lock);
}
