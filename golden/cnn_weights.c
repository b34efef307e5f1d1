/* The seed CNN's fp32 parameters from a safetensors file (see cnn.h). */
#include <stdlib.h>
#include <string.h>

#include "io/io_message.h"
#include "mxaccel/cnn.h"

typedef struct param_spec {
    const char *name;
    int ndim;
    int64_t shape[4];
} param_spec;

/* PyTorch names and shapes, in the order of mx_cnn_weights' fields. */
static const param_spec params[] = {
    {"conv1.weight", 4, {32, 1, 3, 3}}, {"conv1.bias", 1, {32}},
    {"conv2.weight", 4, {64, 32, 3, 3}}, {"conv2.bias", 1, {64}},
    {"fc1.weight", 2, {128, 9216}},      {"fc1.bias", 1, {128}},
    {"fc2.weight", 2, {10, 128}},        {"fc2.bias", 1, {10}},
};
#define PARAM_COUNT (sizeof params / sizeof params[0])

static int same_shape(const mx_tensor *t, const param_spec *p)
{
    if (t->ndim != p->ndim) {
        return 0;
    }
    for (int i = 0; i < p->ndim; i++) {
        if (t->shape[i] != p->shape[i]) {
            return 0;
        }
    }
    return 1;
}

int mx_cnn_weights_load(const char *path, mx_cnn_weights *w, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    mx_safetensors *st = malloc(sizeof *st);
    if (st == NULL) {
        mx_io_error(err, errlen, path, "out of memory");
        return -1;
    }
    if (mx_safetensors_read(path, st, err, errlen) != 0) {
        free(st);
        return -1;
    }
    float **fields[PARAM_COUNT] = {&w->conv1_w, &w->conv1_b, &w->conv2_w, &w->conv2_b,
                                   &w->fc1_w,   &w->fc1_b,   &w->fc2_w,   &w->fc2_b};
    for (size_t i = 0; i < PARAM_COUNT; i++) {
        const param_spec *p = &params[i];
        const mx_tensor *t = mx_safetensors_find(st, p->name);
        char want[64];
        mx_io_shape_text(want, sizeof want, p->shape, p->ndim);
        if (t == NULL) {
            mx_io_error(err, errlen, path, "tensor '%s' is missing (expected shape %s)", p->name,
                        want);
        } else if (!same_shape(t, p)) {
            char got[200];
            mx_io_shape_text(got, sizeof got, t->shape, t->ndim);
            mx_io_error(err, errlen, path, "tensor '%s' has shape %s, expected %s", p->name, got,
                        want);
        } else {
            *fields[i] = t->data;
            continue;
        }
        mx_safetensors_free(st);
        free(st);
        memset(w, 0, sizeof *w);
        return -1;
    }
    w->storage = st;
    return 0;
}

void mx_cnn_weights_free(mx_cnn_weights *w)
{
    if (w == NULL) {
        return;
    }
    mx_safetensors_free(w->storage);
    free(w->storage);
    memset(w, 0, sizeof *w);
}
