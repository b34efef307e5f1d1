/* One chunk of images through the seed CNN, quantized where microxcaling's
 * modules quantize (docs/cnn.md, "Quantization points: forward"). */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "cnn_internal.h"

static void relu(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = (x[i] > 0.0f || isnan(x[i])) ? x[i] : 0.0f; /* NaN propagates, as in torch */
    }
}

/* max_pool2d(2): [n][64][24][24] -> [n][64][12][12], torch's NaN-propagating max */
static void maxpool2(const float *x, float *y, size_t n)
{
    for (size_t ic = 0; ic < n * C2_OUT; ic++) {
        const float *src = x + ic * C2_P;
        float *dst = y + ic * POOL_HW * POOL_HW;
        for (int h = 0; h < POOL_HW; h++) {
            for (int w = 0; w < POOL_HW; w++) {
                float m = -INFINITY;
                for (int kh = 0; kh < 2; kh++) {
                    for (int kw = 0; kw < 2; kw++) {
                        const float v = src[(2 * h + kh) * C2_HW + 2 * w + kw];
                        if (v > m || isnan(v)) {
                            m = v;
                        }
                    }
                }
                dst[h * POOL_HW + w] = m;
            }
        }
    }
}

/* No |x| >= 2^127 (NaN is fine): where Qe is monotonic (cnn_net.c). */
static bool below_2_127(const float *x, size_t n)
{
    int big = 0;
    for (size_t i = 0; i < n; i++) {
        big |= fabsf(x[i]) >= 0x1p127f;
    }
    return !big;
}

static void dump(float *const *layers, int layer, const float *x)
{
    if (layers && layers[layer]) {
        memcpy(layers[layer], x, mx_cnn_layer_size(layer) * sizeof(float));
    }
}

/* mx.Linear: y = Qe(Qmx(Qe(x)) @ w^T); out = Qe(y + b), in hw with an ALU
 * format ADD(y, b): the exact sum of the two E values rounded once */
static void linear(const mx_cnn *net, float *x, const float *w, const float *b, float *y, size_t n,
                   size_t in, size_t out, mx_qpoint first, mx_cnn_stats *stats, cnn_workspace *ws)
{
    const mx_qpoint q_x = first, q_xmx = first + 3, q_mm = first + 5, q_out = first + 6;
    cnn_qe_again(net, q_x, x, n * in, stats, ws); /* x comes from relu or max-pooling */
    if (net->cfg.a_mx) {
        cnn_qmx(&net->qa, q_xmx, x, n, in, 1, stats, ws);
    }
    cnn_matmul(net, x, w, y, n, in, out, ws);
    cnn_qe(net, q_mm, y, n * out, stats, ws);
    if (net->hw_alu) {
        for (size_t k = 0; k < n * out; k++) {
            y[k] = cnn_alu(net, MX_ALU_ADD, y[k], b[k % out], q_out, stats);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t o = 0; o < out; o++) {
            y[i * out + o] += b[o];
        }
    }
    cnn_qe(net, q_out, y, n * out, stats, ws);
}

void cnn_forward_chunk(const mx_cnn *net, const uint8_t *images, size_t n, float *logprobs,
                       mx_cnn_stats *stats, cnn_workspace *ws, float *const *layers)
{
    float *x0 = ws->x0;
    for (size_t k = 0; k < n * MX_CNN_IMAGE_PIXELS; k++) {
        x0[k] = (float)images[k] / 255.0f; /* ToTensor: byte / 255 in fp32 */
    }

    /* The convolutions run image by image, so that each image's activations
     * stay in the core's cache from conv1 to pooling. */
    for (size_t i = 0; i < n; i++) {
        float *const *li = i == 0 ? layers : NULL;
        float *x = x0 + i * MX_CNN_IMAGE_PIXELS;
        /* conv1 */
        cnn_qe(net, MX_QP_CONV1_X, x, MX_CNN_IMAGE_PIXELS, stats, ws);
        if (net->cfg.a_mx) {
            cnn_qmx(&net->qa, MX_QP_CONV1_XMX, x, 1, 1, MX_CNN_IMAGE_PIXELS, stats, ws);
        }
        cnn_conv1(net, x, ws->c1, 1, ws);
        cnn_qe(net, MX_QP_CONV1_OUT, ws->c1, C1_OUT * C1_P, stats, ws);
        dump(li, 0, ws->c1);
        relu(ws->c1, C1_OUT * C1_P);
        cnn_qe_again(net, MX_QP_RELU1, ws->c1, C1_OUT * C1_P, stats, ws);
        dump(li, 1, ws->c1);

        /* conv2: MX blocks run along the 32 channels */
        cnn_qe_again(net, MX_QP_CONV2_X, ws->c1, C1_OUT * C1_P, stats, ws);
        if (net->cfg.a_mx) {
            cnn_qmx(&net->qa, MX_QP_CONV2_XMX, ws->c1, 1, C2_IN, C1_P, stats, ws);
        }
        cnn_conv2(net, ws->c1, ws->c2, 1, ws);
        if (net->qe_monotonic && !stats && !li && below_2_127(ws->c2, C2_OUT * C2_P)) {
            /* pool(relu(Qe(x))) == Qe(pool(relu(x))) for a Qe monotonic on
             * |x| < 2^127 with Qe(+0) == +0 (cnn_net.c): quantize the 4x
             * fewer pooled values */
            relu(ws->c2, C2_OUT * C2_P);
            maxpool2(ws->c2, ws->pool + i * FC1_IN, 1);
            cnn_qe(net, MX_QP_CONV2_OUT, ws->pool + i * FC1_IN, FC1_IN, NULL, ws);
            continue;
        }
        cnn_qe(net, MX_QP_CONV2_OUT, ws->c2, C2_OUT * C2_P, stats, ws);
        dump(li, 2, ws->c2);
        relu(ws->c2, C2_OUT * C2_P);
        cnn_qe_again(net, MX_QP_RELU2, ws->c2, C2_OUT * C2_P, stats, ws);
        dump(li, 3, ws->c2);

        /* max_pool2d, dropout (off in inference), flatten */
        maxpool2(ws->c2, ws->pool + i * FC1_IN, 1);
        dump(li, 4, ws->pool);
    }

    linear(net, ws->pool, net->f1w, net->f1b, ws->f1, n, FC1_IN, FC1_OUT, MX_QP_FC1_X, stats, ws);
    dump(layers, 5, ws->f1);
    relu(ws->f1, n * FC1_OUT);
    cnn_qe_again(net, MX_QP_RELU3, ws->f1, n * FC1_OUT, stats, ws);
    dump(layers, 6, ws->f1);

    linear(net, ws->f1, net->f2w, net->f2b, ws->f2, n, FC1_OUT, FC2_OUT, MX_QP_FC2_X, stats, ws);
    dump(layers, 7, ws->f2);

    memcpy(logprobs, ws->f2, n * FC2_OUT * sizeof(float));
    cnn_softmax_log(net, logprobs, n, layers ? layers[8] : NULL, stats, ws);
    dump(layers, 9, logprobs);
}
