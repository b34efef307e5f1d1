/* A fixed list of work items shared by threads (as mx_cnn_infer does): each
 * item's result does not depend on which thread ran it, so the bits do not
 * depend on the thread count. */
#include <stdatomic.h>
#include <stdlib.h>

#include "train_internal.h"

enum { MAX_THREADS = 64 };

typedef struct job {
    train_task fn;
    void *ctx;
    size_t items;
    atomic_size_t next;
} job;

typedef struct worker_arg {
    job *j;
    int worker;
} worker_arg;

static void *run(void *arg)
{
    const worker_arg *w = arg;
    for (;;) {
        const size_t i = atomic_fetch_add(&w->j->next, 1);
        if (i >= w->j->items) {
            return NULL;
        }
        w->j->fn(w->j->ctx, i, w->worker);
    }
}

void train_parallel(int threads, size_t items, train_task fn, void *ctx)
{
    job j = {.fn = fn, .ctx = ctx, .items = items};
    atomic_init(&j.next, 0);
    threads = threads < 1 ? 1 : (threads > MAX_THREADS ? MAX_THREADS : threads);
    if ((size_t)threads > items) {
        threads = items > 0 ? (int)items : 1;
    }
    pthread_t tids[MAX_THREADS];
    worker_arg args[MAX_THREADS];
    int started = 0;
    for (int t = 1; t < threads; t++) {
        args[started] = (worker_arg){.j = &j, .worker = t};
        if (pthread_create(&tids[started], NULL, run, &args[started]) == 0) {
            started++;
        }
    }
    worker_arg self = {.j = &j, .worker = 0};
    run(&self); /* the calling thread works too */
    for (int t = 0; t < started; t++) {
        pthread_join(tids[t], NULL);
    }
}
