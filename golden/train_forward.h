/* The training forward pass (train_forward.c). Internal header. */
#ifndef MXACCEL_TRAIN_FORWARD_H
#define MXACCEL_TRAIN_FORWARD_H

#include "train_internal.h"

/* Image i of the batch through conv1 .. dropout1 and fc1's Qe: fills x1,
 * r1, pool, pidx, m1, xf1 of t->b. net holds the current weights. */
void train_forward_image(mx_trainer *t, const mx_cnn *net, const uint8_t *image, size_t i,
                         uint64_t position, size_t batch, train_scratch *s);
/* The n images' fc1 .. log(softmax): fills f1 (relu3 output), m2, xf2, f2
 * (log-probabilities) and p of t->b. */
void train_forward_head(mx_trainer *t, const mx_cnn *net, size_t n, uint64_t position,
                        size_t batch, train_scratch *s);

#endif
