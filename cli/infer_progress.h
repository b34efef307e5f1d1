/**
 * @file infer_progress.h
 * A progress bar on stderr for `mxaccel infer`, fed by the progress callback
 * of mx_cnn_infer. Drawn only on a terminal, so logs and pipes stay clean.
 */
#ifndef MXACCEL_CLI_INFER_PROGRESS_H
#define MXACCEL_CLI_INFER_PROGRESS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct infer_progress {
    bool enabled;
    pthread_mutex_t lock; /**< the callback may come from several worker threads */
    size_t done;          /**< most images reported finished so far */
    int shown;            /**< per mille last drawn; -1 before the first draw */
} infer_progress_t;

/** Enabled when wanted and stderr is a terminal. */
void infer_progress_init(infer_progress_t *p, bool wanted);

/** The mx_cnn_infer callback; ctx is an infer_progress_t. */
void infer_progress_update(void *ctx, size_t done, size_t total);

/** Erase the bar, so the report starts on a clean line. */
void infer_progress_finish(infer_progress_t *p);

#endif
