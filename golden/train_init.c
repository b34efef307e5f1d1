/* PyTorch's default initialization of Conv2d and Linear: kaiming_uniform_
 * with a = sqrt(5), i.e. weights U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and
 * biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)). The uniforms come from one
 * xoshiro256** stream of the seed (not torch's generator: the same
 * distribution, other values). */
#include <math.h>

#include "train_internal.h"

const size_t train_param_size[TP_COUNT] = {
    C1_OUT * 9, C1_OUT, C2_OUT * C2_K, C2_OUT, FC1_OUT * FC1_IN, FC1_OUT, FC2_OUT * FC1_OUT, FC2_OUT,
};

const size_t train_param_offset[TP_COUNT] = {
    0,
    C1_OUT * 9,
    C1_OUT * 9 + C1_OUT,
    C1_OUT * 9 + C1_OUT + C2_OUT * C2_K,
    C1_OUT * 9 + C1_OUT + C2_OUT * C2_K + C2_OUT,
    C1_OUT * 9 + C1_OUT + C2_OUT * C2_K + C2_OUT + FC1_OUT * FC1_IN,
    C1_OUT * 9 + C1_OUT + C2_OUT * C2_K + C2_OUT + FC1_OUT * FC1_IN + FC1_OUT,
    C1_OUT * 9 + C1_OUT + C2_OUT * C2_K + C2_OUT + FC1_OUT * FC1_IN + FC1_OUT + FC2_OUT * FC1_OUT,
};

const int train_param_fan_in[TP_COUNT] = {9, 9, C2_K, C2_K, FC1_IN, FC1_IN, FC1_OUT, FC1_OUT};

enum { STREAM_INIT = 0x696e6974 };

void train_init_params(uint64_t seed, float *params)
{
    train_rng r;
    train_rng_seed(&r, seed, STREAM_INIT);
    for (int p = 0; p < TP_COUNT; p++) {
        const float bound = (float)(1.0 / sqrt((double)train_param_fan_in[p]));
        float *w = params + train_param_offset[p];
        for (size_t i = 0; i < train_param_size[p]; i++) {
            /* 24 random bits: u exact in [0, 1), 2u - 1 exact in [-1, 1) */
            const float u = (float)(train_rng_next(&r) >> 40) * 0x1p-24f;
            w[i] = bound * (2.0f * u - 1.0f);
        }
    }
}
