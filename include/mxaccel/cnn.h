/**
 * @file cnn.h
 * The seed CNN on the golden model: conv(1->32, 3x3) -> relu -> conv(32->64,
 * 3x3) -> relu -> maxpool 2 -> [dropout] -> fc(9216->128) -> relu ->
 * [dropout] -> fc(128->10) -> log(softmax), with microxcaling's quantization
 * points (docs/cnn.md) in one of the three numerics profiles.
 */
#ifndef MXACCEL_CNN_H
#define MXACCEL_CNN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/io.h"
#include "mxaccel/quantize.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MX_CNN_IMAGE_PIXELS 784
#define MX_CNN_CLASSES 10

/** fp32 parameters with PyTorch's names and layouts. */
typedef struct mx_cnn_weights {
    float *conv1_w; /**< [32][1][3][3] */
    float *conv1_b; /**< [32] */
    float *conv2_w; /**< [64][32][3][3] */
    float *conv2_b; /**< [64] */
    float *fc1_w;   /**< [128][9216] */
    float *fc1_b;   /**< [128] */
    float *fc2_w;   /**< [10][128] */
    float *fc2_b;   /**< [10] */
    void *storage;  /**< owner of the arrays */
} mx_cnn_weights;

/** Load conv1.weight ... fc2.bias (F32, exact shapes) from a safetensors file. */
int mx_cnn_weights_load(const char *path, mx_cnn_weights *w, char *err, size_t errlen);
void mx_cnn_weights_free(mx_cnn_weights *w);

/** A format configuration, in mx_specs terms. */
typedef struct mx_cnn_config {
    mx_profile profile;
    bool w_mx;          /**< weights MX-quantized in matmuls (w_elem_format set) */
    mx_format w_fmt;
    bool a_mx;          /**< activations MX-quantized in matmuls (a_elem_format set) */
    mx_format a_fmt;
    bool elem;          /**< elementwise quantization (bfloat / fp set) */
    mx_format elem_fmt; /**< a bfloatN or fpN format */
    mx_round round;     /**< rounding of MX quantization (mx_specs round_mx_output) */
    int block_size;     /**< MX block size (default 32) */
    int scale_bits;     /**< E8M0 scale bits (default 8) */
} mx_cnn_config;

/** Defaults: torch-cpu, no quantization, nearest, block 32, scale bits 8. */
void mx_cnn_config_default(mx_cnn_config *cfg);

/** Check a configuration; 0, or -1 with a one-line message. */
int mx_cnn_config_check(const mx_cnn_config *cfg, char *err, size_t errlen);

/** The quantization points of the forward pass, in execution order. */
typedef enum mx_qpoint {
    MX_QP_CONV1_X, MX_QP_CONV1_W, MX_QP_CONV1_B, MX_QP_CONV1_XMX, MX_QP_CONV1_WMX, MX_QP_CONV1_OUT,
    MX_QP_RELU1,
    MX_QP_CONV2_X, MX_QP_CONV2_W, MX_QP_CONV2_B, MX_QP_CONV2_XMX, MX_QP_CONV2_WMX, MX_QP_CONV2_OUT,
    MX_QP_RELU2,
    MX_QP_FC1_X, MX_QP_FC1_W, MX_QP_FC1_B, MX_QP_FC1_XMX, MX_QP_FC1_WMX, MX_QP_FC1_MM, MX_QP_FC1_OUT,
    MX_QP_RELU3,
    MX_QP_FC2_X, MX_QP_FC2_W, MX_QP_FC2_B, MX_QP_FC2_XMX, MX_QP_FC2_WMX, MX_QP_FC2_MM, MX_QP_FC2_OUT,
    MX_QP_SOFTMAX_X, MX_QP_SOFTMAX_SHIFT, MX_QP_SOFTMAX_EXP, MX_QP_SOFTMAX_SUM, MX_QP_SOFTMAX_DIV,
    MX_QP_LOG_IN, MX_QP_LOG_OUT,
    MX_QP_COUNT
} mx_qpoint;

/** Name of a quantization point, e.g. "conv1.w_mx". */
const char *mx_qpoint_name(mx_qpoint q);

/** What one quantization point did to the values that passed through it. */
typedef struct mx_qstats {
    uint64_t values;     /**< values quantized */
    uint64_t saturated;  /**< finite inputs above max, clamped to +-max */
    uint64_t overflowed; /**< finite inputs that became +-Inf */
    uint64_t flushed;    /**< non-zero finite inputs that became zero */
    uint64_t nan;        /**< NaN outputs */
} mx_qstats;

typedef struct mx_cnn_stats {
    mx_qstats point[MX_QP_COUNT];
} mx_cnn_stats;

/** A network ready to run: weights quantized once for a configuration. */
typedef struct mx_cnn mx_cnn;

mx_cnn *mx_cnn_create(const mx_cnn_weights *w, const mx_cnn_config *cfg, char *err,
                      size_t errlen);
void mx_cnn_destroy(mx_cnn *net);

/** Layers of a forward pass, as dumped: conv1 relu1 conv2 relu2 pool fc1 relu3 fc2 softmax log. */
#define MX_CNN_LAYERS 10
const char *mx_cnn_layer_name(int layer);
/** Elements of a layer's output for one image (e.g. 32*26*26 for conv1). */
size_t mx_cnn_layer_size(int layer);
/** Shape text, e.g. "32x26x26". */
const char *mx_cnn_layer_shape(int layer);

/**
 * Run images[n][784] (bytes, scaled by 1/255 inside) through the network.
 * Writes log-probabilities [n][10]. Work is split in fixed chunks of images
 * over `threads` threads; the bits do not depend on the thread count.
 * @param stats  accumulated quantization statistics (NULL to skip; costs time)
 * @param progress called after each finished chunk with images done (NULL to skip)
 */
void mx_cnn_infer(const mx_cnn *net, const uint8_t *images, size_t n, int threads,
                  float *logprobs, mx_cnn_stats *stats,
                  void (*progress)(void *ctx, size_t done, size_t total), void *ctx);

/**
 * Every layer's output for one image: layers[i] must hold
 * mx_cnn_layer_size(i) floats.
 */
void mx_cnn_dump_layers(const mx_cnn *net, const uint8_t *image, float *const layers[MX_CNN_LAYERS]);

/** argmax with ties to the lowest index (PyTorch); -1 if the row has a NaN. */
int mx_cnn_argmax(const float *logprobs);

/**
 * torch.argmax exactly: NaN counts as larger than every number, so a row with
 * a NaN predicts its first NaN (class 0 for an all-NaN row). This is how the
 * seed's training script scored its test set.
 */
int mx_cnn_argmax_torch(const float *logprobs);

#ifdef __cplusplus
}
#endif
#endif
