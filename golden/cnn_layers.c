/* Names, shapes and checks of the seed CNN's configuration, layers and
 * quantization points. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cnn_internal.h"

void mx_cnn_config_default(mx_cnn_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->profile = MX_PROFILE_TORCH_CPU;
    cfg->round = MX_ROUND_NEAREST;
    cfg->block_size = 32;
    cfg->scale_bits = 8;
}

int mx_cnn_config_check(const mx_cnn_config *cfg, char *err, size_t errlen)
{
    mx_block_spec spec = {.profile = cfg->profile, .round = cfg->round,
                          .block_size = cfg->block_size, .scale_bits = cfg->scale_bits};
    for (int i = 0; i < 2; i++) {
        const bool on = i == 0 ? cfg->w_mx : cfg->a_mx;
        if (!on) {
            continue;
        }
        spec.elem = i == 0 ? cfg->w_fmt : cfg->a_fmt;
        if (mx_block_spec_check(&spec, err, errlen) != 0) {
            return -1;
        }
    }
    if (cfg->elem) {
        if (cfg->elem_fmt.id != MX_FMT_BFLOAT_N && cfg->elem_fmt.id != MX_FMT_FP_N &&
            cfg->elem_fmt.id != MX_FMT_BFLOAT16 && cfg->elem_fmt.id != MX_FMT_FP16) {
            snprintf(err, errlen, "elementwise format must be bfloatN or fpN, not %s",
                     cfg->elem_fmt.name);
            return -1;
        }
        mx_elem_spec es = {.profile = cfg->profile, .format = cfg->elem_fmt,
                           .round = MX_ROUND_NEAREST, .denorm = true};
        if (mx_elem_spec_check(&es, err, errlen) != 0) {
            return -1;
        }
    }
    return 0;
}

static const char *const qpoint_names[MX_QP_COUNT] = {
    "conv1.x", "conv1.w", "conv1.b", "conv1.x_mx", "conv1.w_mx", "conv1.out", "relu1",
    "conv2.x", "conv2.w", "conv2.b", "conv2.x_mx", "conv2.w_mx", "conv2.out", "relu2",
    "fc1.x", "fc1.w", "fc1.b", "fc1.x_mx", "fc1.w_mx", "fc1.mm", "fc1.out", "relu3",
    "fc2.x", "fc2.w", "fc2.b", "fc2.x_mx", "fc2.w_mx", "fc2.mm", "fc2.out",
    "softmax.x", "softmax.shift", "softmax.exp", "softmax.sum", "softmax.div",
    "log.in", "log.out",
};

const char *mx_qpoint_name(mx_qpoint q)
{
    return (unsigned)q < MX_QP_COUNT ? qpoint_names[q] : "?";
}

static const struct {
    const char *name;
    const char *shape;
    size_t size;
} layers[MX_CNN_LAYERS] = {
    {"conv1", "32x26x26", C1_OUT * C1_P},  {"relu1", "32x26x26", C1_OUT * C1_P},
    {"conv2", "64x24x24", C2_OUT * C2_P},  {"relu2", "64x24x24", C2_OUT * C2_P},
    {"pool", "64x12x12", FC1_IN},          {"fc1", "128", FC1_OUT},
    {"relu3", "128", FC1_OUT},             {"fc2", "10", FC2_OUT},
    {"softmax", "10", FC2_OUT},            {"log", "10", FC2_OUT},
};

const char *mx_cnn_layer_name(int layer)
{
    return layer >= 0 && layer < MX_CNN_LAYERS ? layers[layer].name : "?";
}

const char *mx_cnn_layer_shape(int layer)
{
    return layer >= 0 && layer < MX_CNN_LAYERS ? layers[layer].shape : "?";
}

size_t mx_cnn_layer_size(int layer)
{
    return layer >= 0 && layer < MX_CNN_LAYERS ? layers[layer].size : 0;
}

int mx_cnn_argmax_torch(const float *logprobs)
{
    int best = 0;
    for (int i = 0; i < MX_CNN_CLASSES; i++) {
        if (isnan(logprobs[i])) {
            return i;
        }
        if (logprobs[i] > logprobs[best]) {
            best = i;
        }
    }
    return best;
}

int mx_cnn_argmax(const float *logprobs)
{
    int best = 0;
    for (int i = 0; i < MX_CNN_CLASSES; i++) {
        if (isnan(logprobs[i])) {
            return -1;
        }
        if (logprobs[i] > logprobs[best]) {
            best = i; /* strict: ties stay with the lowest index */
        }
    }
    return best;
}
